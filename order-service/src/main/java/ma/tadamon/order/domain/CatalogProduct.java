package ma.tadamon.order.domain;

import java.util.Map;
import java.util.UUID;

/**
 * A product as order-service's read model of the catalog knows it, with its cooperative's standing.
 * The category is absent for a product not announced again since categories were kept.
 */
public record CatalogProduct(
    UUID id,
    UUID cooperativeId,
    Map<String, String> name,
    String category,
    long priceCentimes,
    String unit,
    boolean active,
    String cooperativeRegion,
    boolean cooperativeVerified) {}
