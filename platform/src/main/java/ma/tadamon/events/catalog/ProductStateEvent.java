package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A catalog event carrying a product's whole state: a read model applies any of them the same way,
 * keeping the newest.
 */
public interface ProductStateEvent extends IntegrationEvent {

  ProductState product();

  @Override
  default String subject() {
    return product().id().toString();
  }
}
