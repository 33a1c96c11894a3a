package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;

/** The product's free stock crossed zero: it sold out, or it is back in stock. */
@EventType("ma.tadamon.catalog.product.availability-changed.v1")
public record ProductAvailabilityChanged(ProductState product) implements ProductStateEvent {}
