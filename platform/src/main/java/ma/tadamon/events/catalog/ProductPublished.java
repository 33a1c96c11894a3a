package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;

/** A product was added to the catalog (or put back on sale after a withdrawal). */
@EventType("ma.tadamon.catalog.product.published.v1")
public record ProductPublished(ProductState product) implements ProductStateEvent {}
