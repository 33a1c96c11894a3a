package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

@EventType("ma.tadamon.catalog.product.published.v1")
public record ProductPublished(ProductState product) implements IntegrationEvent {

  @Override
  public String subject() {
    return product.id().toString();
  }
}
