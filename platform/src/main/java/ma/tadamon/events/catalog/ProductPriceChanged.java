package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** The product's price changed; orders placed from now on use the new price. */
@EventType("ma.tadamon.catalog.product.price-changed.v1")
public record ProductPriceChanged(ProductState product, long previousPriceCentimes) implements IntegrationEvent {

  @Override
  public String subject() {
    return product.id().toString();
  }
}
