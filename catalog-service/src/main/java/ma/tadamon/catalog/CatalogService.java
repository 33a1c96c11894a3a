package ma.tadamon.catalog;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import ma.tadamon.catalog.api.CatalogApi;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.catalog.events.StockReservationHandler;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.catalog.store.StockStore;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.ServiceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The catalog service: cooperatives, products and their stock. Reads top-down in the order it starts. */
public final class CatalogService extends VerticleBase {

  public static final String NAME = "catalog-service";
  public static final String SCHEMA = "catalog";
  private static final Logger log = LoggerFactory.getLogger(CatalogService.class);

  private final ServiceContext context;
  private Foundation foundation;

  public CatalogService(ServiceContext context) {
    this.context = context;
  }

  @Override
  public Future<?> start() {
    return Foundation.prepare(vertx, context, SCHEMA)
        .onSuccess(prepared -> foundation = prepared)
        .compose(this::wire);
  }

  @Override
  public Future<?> stop() {
    return foundation == null ? Future.succeededFuture() : foundation.close();
  }

  private Future<?> wire(Foundation foundation) {
    CooperativeStore cooperatives = new CooperativeStore(foundation.pool());
    ProductStore products = new ProductStore(foundation.pool());
    StockReservationHandler reservations = new StockReservationHandler(new StockStore(), foundation.outbox(),
        Duration.ofMinutes(context.settings().getLong("CATALOG_RESERVATION_TTL_MINUTES", 30)), Clock.systemUTC());

    Router router = foundation.router();
    new CatalogApi(products, cooperatives).mount(router);

    return loadDemoCatalogIfAsked(foundation, cooperatives, products)
        .compose(v -> foundation.startOutboxRelay())
        .compose(v -> foundation.consume("stock", Set.of(Topics.ORDER_EVENTS),
            new EventHandlers().on(OrderPlaced.class, reservations::onOrderPlaced)))
        .compose(v -> foundation.listen(router, 8081));
  }

  private Future<Void> loadDemoCatalogIfAsked(Foundation foundation, CooperativeStore cooperatives,
      ProductStore products) {
    if (!context.settings().getBoolean("CATALOG_DEMO_DATA", false)) {
      return Future.succeededFuture();
    }
    return new DemoCatalog(cooperatives, products, foundation.outbox()).load(vertx, foundation.pool())
        .onSuccess(added -> log.info("demo catalog: {} products added", added))
        .mapEmpty();
  }
}
