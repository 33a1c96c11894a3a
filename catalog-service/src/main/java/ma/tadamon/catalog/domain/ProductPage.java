package ma.tadamon.catalog.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.tadamon.events.Region;

/**
 * One page of a browse or search, and, with the first page, how many products each region and each
 * category holds: each facet counted under every filter but its own, so choosing Souss-Massa still
 * shows what the other regions have.
 */
public record ProductPage(List<ProductListing> items, boolean hasMore, Optional<Facets> facets) {

  public record Facets(Map<Region, Long> regions, Map<Category, Long> categories) {}
}
