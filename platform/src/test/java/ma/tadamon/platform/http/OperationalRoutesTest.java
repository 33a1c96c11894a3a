package ma.tadamon.platform.http;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.Test;

/**
 * Readiness as Kubernetes reads it: up with its dependencies, down the moment the service starts
 * draining.
 */
class OperationalRoutesTest {

  @Test
  void a_draining_service_reports_itself_not_ready_while_still_alive() {
    Vertx vertx = Vertx.vertx();
    try {
      PostgresSettings pg = PostgresSettings.from(TestPlatform.settings());
      Pool pool = Database.pool(vertx, pg, "public", "readiness-test");
      OperationalRoutes.Checks checks =
          OperationalRoutes.checks(
              vertx,
              pool,
              KafkaSettings.from(TestPlatform.settings(), "readiness-test"),
              () -> true);
      Router router = Router.router(vertx);
      OperationalRoutes.mount(
          router, checks, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
      HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0), 10);
      WebClient web = WebClient.create(vertx);

      assertThat(
              await(web.get(server.actualPort(), "localhost", "/health/ready").send(), 10)
                  .statusCode())
          .isEqualTo(200);

      checks.startDraining();

      var ready = await(web.get(server.actualPort(), "localhost", "/health/ready").send(), 10);
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.bodyAsJsonObject().getString("status")).isEqualTo("DRAINING");
      assertThat(
              await(web.get(server.actualPort(), "localhost", "/health/live").send(), 10)
                  .statusCode())
          .as("draining is not dead: no restart")
          .isEqualTo(200);
      await(checks.kafka().close(), 10);
    } finally {
      vertx.close();
    }
  }
}
