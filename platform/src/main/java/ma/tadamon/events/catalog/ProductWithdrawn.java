package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;

/** The cooperative took the product off sale; orders already placed are not affected. */
@EventType("ma.tadamon.catalog.product.withdrawn.v1")
public record ProductWithdrawn(ProductState product) implements ProductStateEvent {}
