package ma.tadamon.local;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import ma.tadamon.catalog.CatalogService;
import ma.tadamon.infra.PostgresEndpoint;
import ma.tadamon.notification.NotificationService;
import ma.tadamon.order.OrderService;
import ma.tadamon.platform.service.ServiceRuntime;
import org.awaitility.Awaitility;

/**
 * The local platform's databases, one for each service, for end-to-end tests that check what the
 * services wrote.
 */
record PlatformDatabase(Pool catalog, Pool orders, Pool notifications) {

  static PlatformDatabase open(Vertx vertx, LocalPlatform platform) {
    return new PlatformDatabase(
        pool(vertx, platform.serviceDatabase(CatalogService.NAME)),
        pool(vertx, platform.serviceDatabase(OrderService.NAME)),
        pool(vertx, platform.serviceDatabase(NotificationService.NAME)));
  }

  /**
   * Waits until order-service can price the demo catalog and notification-service knows the demo
   * cooperatives: both learn them from catalog.events. (At least: other test classes of this JVM
   * share the servers and may have registered more.)
   */
  void awaitDemoCatalogLearnt() {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(orders, "SELECT count(*) FROM orders.catalog_products") >= 67
                    && count(
                            notifications,
                            "SELECT count(*) FROM notifications.cooperative_contacts")
                        >= 14);
  }

  /** The first column of the first row of a query that needs no parameter. */
  static long count(Pool database, String sql) {
    return ServiceRuntime.await(database.query(sql).execute(), 10).iterator().next().getLong(0);
  }

  Future<Void> close() {
    return Future.all(catalog.close(), orders.close(), notifications.close()).mapEmpty();
  }

  private static Pool pool(Vertx vertx, PostgresEndpoint pg) {
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
