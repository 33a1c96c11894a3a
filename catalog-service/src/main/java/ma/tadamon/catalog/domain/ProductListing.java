package ma.tadamon.catalog.domain;

import java.util.Map;
import ma.tadamon.events.Region;

/**
 * A product as a shopper browses it: with the region and the cooperative it comes from, and, in a
 * result page, the key it was sorted by (for the next page's cursor).
 */
public record ProductListing(
    Product product,
    Region region,
    boolean womenLed,
    Map<String, String> cooperativeName,
    boolean cooperativeVerified,
    String sortKey) {

  /**
   * On sale: active, from a verified cooperative. Whether any is left is {@link Product#inStock()}.
   */
  public boolean sellable() {
    return product.active() && cooperativeVerified;
  }

  /** The same listing with other stock counters. */
  public ProductListing withStock(int onHand, int reserved) {
    return new ProductListing(
        product.withStock(onHand, reserved),
        region,
        womenLed,
        cooperativeName,
        cooperativeVerified,
        sortKey);
  }
}
