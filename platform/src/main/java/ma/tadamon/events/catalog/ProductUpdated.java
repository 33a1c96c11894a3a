package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;

/** The product's details changed; carries its whole state. */
@EventType("ma.tadamon.catalog.product.updated.v1")
public record ProductUpdated(ProductState product) implements ProductStateEvent {}
