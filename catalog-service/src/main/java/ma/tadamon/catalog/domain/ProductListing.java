package ma.tadamon.catalog.domain;

import ma.tadamon.events.Region;
import java.util.Map;

/** A product as a shopper browses it: with the region and the cooperative it comes from. */
public record ProductListing(Product product, Region region, boolean womenLed, Map<String, String> cooperativeName,
    boolean cooperativeVerified) {
}
