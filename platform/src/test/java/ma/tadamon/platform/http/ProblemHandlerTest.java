package ma.tadamon.platform.http;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database out of reach is a passing outage the caller may retry (503 with Retry-After), told
 * apart from a defect (500): against a real PostgreSQL that refuses the connection, and one that
 * ends the request's session while it runs, as a restart does.
 */
class ProblemHandlerTest {

  private Vertx vertx;
  private WebClient web;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    await(vertx.close(), 10);
  }

  @Test
  void a_database_refusing_connections_is_503_with_retry_after() {
    PostgresSettings reachable = PostgresSettings.from(TestPlatform.settings());
    PostgresSettings nobodyListening =
        new PostgresSettings(
            reachable.host(),
            FreePorts.next(),
            Optional.empty(),
            reachable.database(),
            reachable.user(),
            reachable.password(),
            reachable.poolSize(),
            reachable.poolEventLoops());
    Pool pool = Database.pool(vertx, nobodyListening, "public", "problem-test");

    HttpResponse<Buffer> answer = get(serve(pool, "SELECT 1"));

    assertThat(answer.statusCode()).isEqualTo(503);
    assertThat(answer.getHeader("Retry-After")).isEqualTo("5");
    assertThat(answer.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    assertThat(answer.bodyAsJsonObject().getString("type")).endsWith("unavailable");
  }

  @Test
  void a_session_ended_by_the_server_is_503_and_a_broken_query_stays_500() {
    Pool pool =
        Database.pool(
            vertx, PostgresSettings.from(TestPlatform.settings()), "public", "problem-test");
    Pool admin =
        Database.pool(
            vertx, PostgresSettings.from(TestPlatform.settings()), "public", "problem-test-admin");
    int port = serve(pool, "SELECT pg_sleep(30)");

    var answer = web.get(port, "localhost", "/probe").send();
    // What a fast shutdown or a crash of the server does to a running session: its connection ends.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                await(
                            admin
                                .preparedQuery(
                                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                                        + " WHERE application_name = $1 AND query LIKE"
                                        + " 'SELECT pg_sleep%'")
                                .execute(Tuple.of("problem-test")),
                            10)
                        .size()
                    > 0);

    assertThat(await(answer, 10).statusCode()).isEqualTo(503);
    assertThat(get(serve(pool, "SELECT * FROM no_such_table")).statusCode())
        .as("a defect is not an outage")
        .isEqualTo(500);
  }

  /** A route that runs one query and fails the request with whatever the database answers. */
  private int serve(Pool pool, String query) {
    Router router = Router.router(vertx);
    ProblemHandler.install(router);
    router
        .get("/probe")
        .handler(
            ctx ->
                pool.query(query)
                    .execute()
                    .onSuccess(rows -> ctx.response().end("ran"))
                    .onFailure(ctx::fail));
    HttpServer server = await(vertx.createHttpServer().requestHandler(router).listen(0), 10);
    return server.actualPort();
  }

  private HttpResponse<Buffer> get(int port) {
    return await(web.get(port, "localhost", "/probe").send(), 10);
  }
}
