package ma.tadamon.catalog.browse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductPage;
import ma.tadamon.catalog.domain.ProductQuery;
import ma.tadamon.catalog.domain.ProductQuery.Sort;
import ma.tadamon.events.Region;

/**
 * What shoppers can browse, held in memory: every product on sale (active, of a verified cooperative),
 * filtered, counted into facets, sorted and paged here, so a product list costs no database round trip.
 * PostgreSQL stays the truth; {@link BrowseIndexRefresher} keeps this copy within milliseconds of it.
 * Plain Java, safe for concurrent readers and one writer.
 */
public final class BrowseIndex {

  /** A product in a result, with the key it is sorted by. */
  private record Candidate(UUID id, Comparable<?> key, ProductListing listing) {
  }

  private final Map<UUID, ProductListing> onSale = new ConcurrentHashMap<>();

  /** Replaces the whole content, e.g. at start-up or after the change feed was interrupted. */
  public void replaceAll(Collection<ProductListing> listings) {
    onSale.keySet().retainAll(listings.stream().map(listing -> listing.product().id()).toList());
    listings.forEach(this::put);
  }

  /** The current state of some products; ids not in {@code current} no longer exist for shoppers. */
  public void refresh(Collection<UUID> ids, Map<UUID, ProductListing> current) {
    ids.forEach(id -> {
      ProductListing listing = current.get(id);
      if (listing == null) {
        onSale.remove(id);
      } else {
        put(listing);
      }
    });
  }

  public void put(ProductListing listing) {
    if (listing.sellable()) {
      onSale.put(listing.product().id(), listing);
    } else {
      onSale.remove(listing.product().id());
    }
  }

  public int size() {
    return onSale.size();
  }

  /**
   * A page of the query's results. {@code relevance} holds, for a search, each matching product's
   * relevance (from PostgreSQL's text search); products it does not hold do not match.
   */
  public ProductPage browse(ProductQuery query, Optional<Map<UUID, Double>> relevance) {
    List<ProductListing> candidates = relevance
        .map(scores -> scores.keySet().stream().map(onSale::get).filter(java.util.Objects::nonNull).toList())
        .orElseGet(() -> List.copyOf(onSale.values()));
    Comparator<Candidate> order = order(query.sort());
    Stream<Candidate> matching = candidates.stream()
        .filter(matches(query.filters()))
        .map(listing -> new Candidate(listing.product().id(), key(query.sort(), listing, relevance), listing));
    if (query.after().isPresent()) {
      Candidate position = position(query.sort(), query.after().get());
      matching = matching.filter(candidate -> order.compare(candidate, position) > 0);
    }
    List<ProductListing> page = matching.sorted(order).limit(query.limit() + 1L)
        .map(candidate -> withSortKey(candidate.listing(), candidate.key()))
        .toList();
    boolean hasMore = page.size() > query.limit();
    Optional<ProductPage.Facets> facets = query.after().isPresent()
        ? Optional.empty()
        : Optional.of(facets(candidates, query.filters()));
    return new ProductPage(hasMore ? page.subList(0, query.limit()) : page, hasMore, facets);
  }

  private static ProductPage.Facets facets(List<ProductListing> candidates, ProductQuery.Filters filters) {
    Map<Region, Long> regions = new EnumMap<>(Region.class);
    Predicate<ProductListing> regionFilters = matches(filters.withoutRegion());
    Map<Category, Long> categories = new EnumMap<>(Category.class);
    Predicate<ProductListing> categoryFilters = matches(filters.withoutCategory());
    for (ProductListing listing : candidates) {
      if (regionFilters.test(listing)) {
        regions.merge(listing.region(), 1L, Long::sum);
      }
      if (categoryFilters.test(listing)) {
        categories.merge(listing.product().category(), 1L, Long::sum);
      }
    }
    return new ProductPage.Facets(regions, categories);
  }

  private static Predicate<ProductListing> matches(ProductQuery.Filters filters) {
    return listing -> filters.region().map(region -> listing.region() == region).orElse(true)
        && filters.category().map(category -> listing.product().category() == category).orElse(true)
        && filters.womenLed().map(womenLed -> listing.womenLed() == womenLed).orElse(true)
        && filters.cooperativeId().map(coop -> listing.product().cooperativeId().equals(coop)).orElse(true)
        && filters.minPriceCentimes().map(min -> listing.product().priceCentimes() >= min).orElse(true)
        && filters.maxPriceCentimes().map(max -> listing.product().priceCentimes() <= max).orElse(true)
        && filters.inStock().map(inStock -> listing.product().inStock() == inStock).orElse(true);
  }

  private static Comparable<?> key(Sort sort, ProductListing listing, Optional<Map<UUID, Double>> relevance) {
    return switch (sort) {
      case NEWEST -> listing.product().createdAt();
      case PRICE_ASC, PRICE_DESC -> listing.product().priceCentimes();
      case RELEVANCE -> relevance.map(scores -> scores.getOrDefault(listing.product().id(), 0.0)).orElse(0.0);
    };
  }

  /** The cursor's position as a candidate; Cursors has already checked that the key parses. */
  private static Candidate position(Sort sort, ProductQuery.Position position) {
    Comparable<?> key = switch (sort) {
      case NEWEST -> OffsetDateTime.parse(position.sortKey()).toInstant();
      case PRICE_ASC, PRICE_DESC -> Long.parseLong(position.sortKey());
      case RELEVANCE -> Double.parseDouble(position.sortKey());
    };
    return new Candidate(position.id(), key, null);
  }

  /** Newest, dearest and most relevant first, cheapest first for price_asc; ties broken by id, always. */
  @SuppressWarnings("unchecked")
  private static Comparator<Candidate> order(Sort sort) {
    Comparator<Candidate> ascending = (a, b) -> {
      int byKey = ((Comparable<Object>) a.key()).compareTo(b.key());
      return byKey != 0 ? byKey : compareUnsigned(a.id(), b.id());
    };
    return sort == Sort.PRICE_ASC ? ascending : ascending.reversed();
  }

  /** Ids compare as PostgreSQL compares uuids, byte by byte, so an order never depends on Java's signed longs. */
  private static int compareUnsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }

  private static ProductListing withSortKey(ProductListing listing, Comparable<?> key) {
    String text = key instanceof Instant instant ? instant.toString() : String.valueOf(key);
    return new ProductListing(listing.product(), listing.region(), listing.womenLed(), listing.cooperativeName(),
        listing.cooperativeVerified(), text);
  }
}
