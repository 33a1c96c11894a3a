package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** The product's details changed; carries its whole state. */
@EventType("ma.tadamon.catalog.product.updated.v1")
public record ProductUpdated(ProductState product) implements IntegrationEvent {

  @Override
  public String subject() {
    return product.id().toString();
  }
}
