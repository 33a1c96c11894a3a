package ma.tadamon.order.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import ma.tadamon.events.catalog.CooperativeStateEvent;
import ma.tadamon.events.catalog.FairScheduled;
import ma.tadamon.events.catalog.ProductStateEvent;
import ma.tadamon.events.catalog.StandSaleRecorded;
import ma.tadamon.order.store.CatalogReadModel;
import ma.tadamon.platform.events.EventEnvelope;

/**
 * Keeps order-service's read model of the catalog from {@code catalog.events}: every cooperative
 * and product event carries the whole state, so each is applied alike, the newest winning.
 */
public final class CatalogProjection {

  private final CatalogReadModel readModel;

  public CatalogProjection(CatalogReadModel readModel) {
    this.readModel = readModel;
  }

  public Future<Void> onCooperative(
      CooperativeStateEvent event, EventEnvelope envelope, SqlConnection tx) {
    return readModel.saveCooperative(tx, event.cooperative(), envelope.time());
  }

  public Future<Void> onProduct(ProductStateEvent event, EventEnvelope envelope, SqlConnection tx) {
    return readModel.saveProduct(tx, event.product(), envelope.time());
  }

  /** Where cooperatives stand at a fair and when it is open, for orders collected there. */
  public Future<Void> onFair(FairScheduled fair, EventEnvelope envelope, SqlConnection tx) {
    return readModel.saveFair(tx, fair, envelope.time());
  }

  /** A sale at a fair stand, for the fair's figures; the same sale heard twice counts once. */
  public Future<Void> onStandSale(
      StandSaleRecorded sale, EventEnvelope envelope, SqlConnection tx) {
    return readModel.saveStandSale(tx, sale);
  }
}
