package ma.tadamon.catalog;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;

/**
 * A catalog service started for a test on real Kafka and PostgreSQL, and an HTTP client pointed at
 * it.
 */
record CatalogUnderTest(RunningService service, WebClient http) {

  static CatalogUnderTest start(Vertx vertx, Settings settings) {
    RunningService service =
        await(ServiceRuntime.start(CatalogService.NAME, settings, CatalogService::new), 120);
    WebClient http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(settings.getInt("HTTP_PORT", 0)));
    return new CatalogUnderTest(service, http);
  }

  void stop() {
    http.close();
    await(service.close(), 30);
  }
}
