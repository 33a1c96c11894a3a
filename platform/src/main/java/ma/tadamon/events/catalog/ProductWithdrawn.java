package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** The cooperative took the product off sale; orders already placed are not affected. */
@EventType("ma.tadamon.catalog.product.withdrawn.v1")
public record ProductWithdrawn(ProductState product) implements IntegrationEvent {

  @Override
  public String subject() {
    return product.id().toString();
  }
}
