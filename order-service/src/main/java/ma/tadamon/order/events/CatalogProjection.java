package ma.tadamon.order.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.order.store.CatalogReadModel;
import ma.tadamon.platform.events.EventEnvelope;

/** Keeps order-service's read model of the catalog from {@code catalog.events}. */
public final class CatalogProjection {

  private final CatalogReadModel readModel;

  public CatalogProjection(CatalogReadModel readModel) {
    this.readModel = readModel;
  }

  public Future<Void> onCooperativeRegistered(CooperativeRegistered event, EventEnvelope envelope, SqlConnection tx) {
    return readModel.saveCooperative(tx, event.cooperative(), envelope.time());
  }

  public Future<Void> onProductPublished(ProductPublished event, EventEnvelope envelope, SqlConnection tx) {
    return readModel.saveProduct(tx, event.product(), envelope.time());
  }
}
