package ma.tadamon.events.catalog;

import ma.tadamon.platform.events.EventType;

/** The product's price changed; orders placed from now on use the new price. */
@EventType("ma.tadamon.catalog.product.price-changed.v1")
public record ProductPriceChanged(ProductState product, long previousPriceCentimes)
    implements ProductStateEvent {}
