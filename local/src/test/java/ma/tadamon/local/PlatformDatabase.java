package ma.tadamon.local;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import ma.tadamon.infra.PostgresEndpoint;
import ma.tadamon.platform.service.ServiceRuntime;
import org.awaitility.Awaitility;

/** The local platform's database, for end-to-end tests that check what the services wrote. */
final class PlatformDatabase {

  private PlatformDatabase() {}

  /**
   * Waits until order-service can price the demo catalog and notification-service knows the demo
   * cooperatives: both learn them from catalog.events. (At least: other test classes of this JVM
   * share the servers and may have registered more.)
   */
  static void awaitDemoCatalogLearnt(Pool database) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(database, "SELECT count(*) FROM orders.catalog_products") >= 67
                    && count(database, "SELECT count(*) FROM notifications.cooperative_contacts")
                        >= 14);
  }

  private static long count(Pool database, String sql) {
    return ServiceRuntime.await(database.query(sql).execute(), 10).iterator().next().getLong(0);
  }

  static Pool pool(Vertx vertx, LocalPlatform platform) {
    PostgresEndpoint pg = platform.infrastructure().postgres();
    return PgBuilder.pool()
        .connectingTo(
            new PgConnectOptions()
                .setHost(pg.host())
                .setPort(pg.port())
                .setDatabase(pg.database())
                .setUser(pg.user())
                .setPassword(pg.password()))
        .using(vertx)
        .build();
  }
}
