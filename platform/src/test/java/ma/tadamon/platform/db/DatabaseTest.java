package ma.tadamon.platform.db;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Map;
import ma.tadamon.platform.testing.TestPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a service's pool reaches PostgreSQL: through its Unix socket where it can, else over TCP. */
class DatabaseTest {

  private final PostgresSettings pg = PostgresSettings.from(TestPlatform.settings());
  private Vertx vertx;

  @AfterEach
  void stop() {
    await(vertx.close(), 10);
  }

  @Test
  void a_service_on_the_native_transport_reaches_a_server_on_this_machine_through_its_socket() {
    assumeTrue(
        TestPlatform.infrastructure().embeddedPostgresPid().isPresent(),
        "the tests' PostgreSQL is not the embedded one, which listens on a socket too");
    assumeTrue(
        System.getProperty("os.name").equals("Linux")
            && System.getProperty("os.arch").equals("amd64"),
        "the project ships Netty's epoll transport for Linux on x86-64 only");
    vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    assertThat(vertx.isNativeTransportEnabled())
        .as("epoll loaded: %s", vertx.unavailableNativeTransportCause())
        .isTrue();

    assertThat(serverAddress()).isEqualTo("(a Unix socket)");
  }

  @Test
  void on_java_nio_it_goes_over_tcp() {
    vertx = Vertx.vertx();

    assertThat(serverAddress()).isEqualTo(pg.host());
  }

  /**
   * The pool arms no timer on a wait (see {@link Database#pool}): a request waits for as long as
   * the connections are held, past the SQL client's default of 30 s, and is then served.
   */
  @Test
  void a_request_waits_for_a_connection_as_long_as_the_connections_are_held() {
    vertx = Vertx.vertx();
    Pool pool =
        Database.pool(
            vertx,
            PostgresSettings.from(TestPlatform.settings().with(Map.of("PG_POOL_SIZE", "1"))),
            "public",
            "database-test");
    try {
      SqlConnection held = await(pool.getConnection(), 10);
      Future<Integer> served =
          pool.withConnection(
              connection -> connection.query("SELECT 1 AS one").execute().map(rows -> rows.size()));

      // Past the SQL client's default timer of 30 s, the request is still waiting: neither served
      // nor failed.
      Awaitility.await()
          .during(Duration.ofSeconds(31))
          .atMost(Duration.ofSeconds(40))
          .until(() -> !served.isComplete());
      await(held.close(), 10);

      assertThat(await(served, 10)).isEqualTo(1);
    } finally {
      await(pool.close(), 10);
    }
  }

  /** The address the server answered on, as the server sees it: none for a Unix socket. */
  private String serverAddress() {
    Pool pool = Database.pool(vertx, pg, "public", "database-test");
    try {
      return await(
              pool.query("SELECT coalesce(host(inet_server_addr()), '(a Unix socket)') AS address")
                  .execute(),
              10)
          .iterator()
          .next()
          .getString("address");
    } finally {
      await(pool.close(), 10);
    }
  }
}
