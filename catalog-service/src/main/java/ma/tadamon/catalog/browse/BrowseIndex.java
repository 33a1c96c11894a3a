package ma.tadamon.catalog.browse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductPage;
import ma.tadamon.catalog.domain.ProductQuery;
import ma.tadamon.catalog.domain.ProductQuery.Sort;
import ma.tadamon.events.Region;

/**
 * What shoppers can browse, held in memory: every product on sale (active, of a verified
 * cooperative), filtered, counted into facets, sorted and paged here, so a product list costs no
 * database round trip. PostgreSQL stays the truth; {@link BrowseIndexRefresher} keeps this copy
 * within milliseconds of it.
 *
 * <p>Readers see an immutable snapshot, already sorted newest first and by price, so a page is a
 * walk from the cursor to the next {@code limit} matches. Writers (one at a time) build the next
 * snapshot; changes come in batches, so the sorting is paid per batch, not per request.
 */
public final class BrowseIndex {

  /** Newest first; ties broken by id as PostgreSQL orders uuids. */
  private static final Comparator<ProductListing> NEWEST =
      Comparator.comparing((ProductListing listing) -> listing.product().createdAt())
          .reversed()
          .thenComparing(BrowseIndex::idOf, BrowseIndex::compareUnsigned);

  /** Cheapest first; price_desc walks it backwards. */
  private static final Comparator<ProductListing> CHEAPEST =
      Comparator.comparingLong((ProductListing listing) -> listing.product().priceCentimes())
          .thenComparing(BrowseIndex::idOf, BrowseIndex::compareUnsigned);

  private record Snapshot(
      Map<UUID, ProductListing> byId,
      List<ProductListing> newest,
      List<ProductListing> cheapest,
      long version) {}

  private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), List.of(), 0);

  /** Replaces the whole content, e.g. at start-up or after the change feed was interrupted. */
  public synchronized void replaceAll(Collection<ProductListing> listings) {
    Map<UUID, ProductListing> onSale = new HashMap<>();
    listings.stream()
        .filter(ProductListing::sellable)
        .forEach(listing -> onSale.put(idOf(listing), listing));
    publish(onSale);
  }

  /**
   * The current state of some products; ids not in {@code current} no longer exist for shoppers.
   */
  public synchronized void refresh(Collection<UUID> ids, Map<UUID, ProductListing> current) {
    Map<UUID, ProductListing> onSale = new HashMap<>(snapshot.byId());
    for (UUID id : ids) {
      ProductListing listing = current.get(id);
      if (listing != null && listing.sellable()) {
        onSale.put(id, listing);
      } else {
        onSale.remove(id);
      }
    }
    publish(onSale);
  }

  /** A product's stock counters, as a stock move left them. */
  public record Stock(int onHand, int reserved) {}

  /**
   * New stock counters of some products (those not on sale are not here, and stay out). Neither
   * order of the index depends on stock, so each list keeps its order and nothing is sorted again:
   * orders move stock many times a second, and a catalog holds thousands of products.
   */
  public synchronized void restock(Map<UUID, Stock> counters) {
    Snapshot current = snapshot;
    Map<UUID, ProductListing> onSale = new HashMap<>(current.byId());
    boolean changed = false;
    for (Map.Entry<UUID, Stock> entry : counters.entrySet()) {
      ProductListing listing = onSale.get(entry.getKey());
      if (listing != null) {
        Stock stock = entry.getValue();
        onSale.put(entry.getKey(), listing.withStock(stock.onHand(), stock.reserved()));
        changed = true;
      }
    }
    if (changed) {
      snapshot =
          new Snapshot(
              Map.copyOf(onSale),
              sameOrder(current.newest(), onSale),
              sameOrder(current.cheapest(), onSale),
              current.version() + 1);
    }
  }

  private static List<ProductListing> sameOrder(
      List<ProductListing> sorted, Map<UUID, ProductListing> now) {
    return sorted.stream().map(listing -> now.get(idOf(listing))).toList();
  }

  public void put(ProductListing listing) {
    putAll(List.of(listing));
  }

  /**
   * The current state of these products, applied together: one new snapshot, not one per product.
   */
  public void putAll(Collection<ProductListing> listings) {
    Map<UUID, ProductListing> byId = new HashMap<>();
    listings.forEach(listing -> byId.put(idOf(listing), listing));
    refresh(byId.keySet(), byId);
  }

  public int size() {
    return snapshot.byId().size();
  }

  private void publish(Map<UUID, ProductListing> onSale) {
    List<ProductListing> newest = new ArrayList<>(onSale.values());
    newest.sort(NEWEST);
    List<ProductListing> cheapest = new ArrayList<>(onSale.values());
    cheapest.sort(CHEAPEST);
    snapshot =
        new Snapshot(
            Map.copyOf(onSale), List.copyOf(newest), List.copyOf(cheapest), snapshot.version() + 1);
  }

  /** The product as shoppers may see it now, if it is on sale. */
  public Optional<ProductListing> find(UUID id) {
    return Optional.ofNullable(snapshot.byId().get(id));
  }

  /** Everything on sale, newest first. */
  public List<ProductListing> newest() {
    return snapshot.newest();
  }

  /** Changes whenever any product on sale does: what a page listing products is cached against. */
  public long version() {
    return snapshot.version();
  }

  /**
   * A page of the query's results. {@code relevance} holds, for a search, each matching product's
   * relevance (from PostgreSQL's text search); products it does not hold do not match.
   */
  public ProductPage browse(ProductQuery query, Optional<Map<UUID, Double>> relevance) {
    Snapshot current = snapshot;
    List<ProductListing> candidates =
        relevance.map(scores -> matching(current, scores)).orElse(null);
    Filter filter = new Filter(query.filters());
    List<ProductListing> page = new ArrayList<>(query.limit() + 1);
    if (query.sort() == Sort.RELEVANCE) {
      Map<UUID, Double> scores = relevance.orElse(Map.of());
      Comparator<ProductListing> byRelevance =
          Comparator.comparingDouble(
                  (ProductListing listing) -> scores.getOrDefault(idOf(listing), 0.0))
              .thenComparing(BrowseIndex::idOf, BrowseIndex::compareUnsigned)
              .reversed();
      List<ProductListing> ranked = new ArrayList<>(candidates);
      ranked.sort(byRelevance);
      Predicate<ProductListing> afterPosition =
          query
              .after()
              .map(
                  after -> {
                    double afterScore = Double.parseDouble(after.sortKey());
                    return (Predicate<ProductListing>)
                        listing -> {
                          double score = scores.getOrDefault(idOf(listing), 0.0);
                          return score < afterScore
                              || score == afterScore
                                  && compareUnsigned(idOf(listing), after.id()) < 0;
                        };
                  })
              .orElse(listing -> true);
      collect(
          ranked,
          false,
          query.limit(),
          filter,
          afterPosition,
          page,
          listing -> scores.getOrDefault(idOf(listing), 0.0));
    } else {
      boolean backwards = query.sort() == Sort.PRICE_DESC;
      List<ProductListing> ordered =
          query.sort() == Sort.NEWEST ? current.newest() : current.cheapest();
      if (candidates != null) {
        Set<UUID> matched = new HashSet<>(candidates.stream().map(BrowseIndex::idOf).toList());
        ordered = ordered.stream().filter(listing -> matched.contains(idOf(listing))).toList();
      }
      Comparator<ProductListing> order =
          query.sort() == Sort.NEWEST ? NEWEST : backwards ? CHEAPEST.reversed() : CHEAPEST;
      Predicate<ProductListing> afterPosition =
          query
              .after()
              .map(after -> positionAt(query.sort(), after))
              .map(
                  position ->
                      (Predicate<ProductListing>) listing -> order.compare(listing, position) > 0)
              .orElse(listing -> true);
      collect(
          ordered,
          backwards,
          query.limit(),
          filter,
          afterPosition,
          page,
          listing ->
              query.sort() == Sort.NEWEST
                  ? listing.product().createdAt()
                  : listing.product().priceCentimes());
    }
    boolean hasMore = page.size() > query.limit();
    Optional<ProductPage.Facets> facets =
        query.after().isPresent()
            ? Optional.empty()
            : Optional.of(
                facets(candidates != null ? candidates : current.newest(), query.filters()));
    return new ProductPage(hasMore ? page.subList(0, query.limit()) : page, hasMore, facets);
  }

  private static List<ProductListing> matching(Snapshot current, Map<UUID, Double> scores) {
    List<ProductListing> matching = new ArrayList<>(scores.size());
    scores
        .keySet()
        .forEach(
            id -> {
              ProductListing listing = current.byId().get(id);
              if (listing != null) {
                matching.add(listing);
              }
            });
    return matching;
  }

  /**
   * Walks {@code ordered} (backwards if asked) from just after the cursor's position, keeping the
   * first {@code limit + 1} that pass the filters, each with the sort key its cursor will carry.
   */
  private static void collect(
      List<ProductListing> ordered,
      boolean backwards,
      int limit,
      Filter filter,
      Predicate<ProductListing> afterPosition,
      List<ProductListing> page,
      Function<ProductListing, Object> key) {
    int size = ordered.size();
    for (int i = 0; i < size && page.size() <= limit; i++) {
      ProductListing listing = ordered.get(backwards ? size - 1 - i : i);
      if (afterPosition.test(listing) && filter.test(listing)) {
        Object sortKey = key.apply(listing);
        page.add(
            new ProductListing(
                listing.product(),
                listing.region(),
                listing.womenLed(),
                listing.cooperativeName(),
                listing.cooperativeVerified(),
                sortKey instanceof Instant instant ? instant.toString() : String.valueOf(sortKey)));
      }
    }
  }

  /**
   * The cursor's position as a stand-in listing carrying just its sort key (creation time or price)
   * and id, so the sort's own comparator decides what comes after it. Cursors has checked that the
   * key parses.
   */
  private static ProductListing positionAt(Sort sort, ProductQuery.Position position) {
    Instant createdAt =
        sort == Sort.NEWEST ? OffsetDateTime.parse(position.sortKey()).toInstant() : Instant.EPOCH;
    long price =
        sort == Sort.PRICE_ASC || sort == Sort.PRICE_DESC ? Long.parseLong(position.sortKey()) : 0;
    var product =
        new Product(
            position.id(),
            position.id(),
            Map.of(),
            Map.of(),
            Category.OTHER,
            price,
            "",
            List.of(),
            List.of(),
            List.of(),
            true,
            0,
            0,
            createdAt);
    return new ProductListing(product, Region.SOUSS_MASSA, false, Map.of(), true, null);
  }

  private static ProductPage.Facets facets(
      List<ProductListing> candidates, ProductQuery.Filters filters) {
    long[] byRegion = new long[Region.values().length];
    long[] byCategory = new long[Category.values().length];
    Filter regionFilter = new Filter(filters.withoutRegion());
    Filter categoryFilter = new Filter(filters.withoutCategory());
    for (ProductListing listing : candidates) {
      if (regionFilter.test(listing)) {
        byRegion[listing.region().ordinal()]++;
      }
      if (categoryFilter.test(listing)) {
        byCategory[listing.product().category().ordinal()]++;
      }
    }
    Map<Region, Long> regions = new EnumMap<>(Region.class);
    for (Region region : Region.values()) {
      if (byRegion[region.ordinal()] > 0) {
        regions.put(region, byRegion[region.ordinal()]);
      }
    }
    Map<Category, Long> categories = new EnumMap<>(Category.class);
    for (Category category : Category.values()) {
      if (byCategory[category.ordinal()] > 0) {
        categories.put(category, byCategory[category.ordinal()]);
      }
    }
    return new ProductPage.Facets(regions, categories);
  }

  /**
   * The filters unwrapped once per request, so testing a product allocates nothing; null means
   * "any".
   */
  private static final class Filter {
    private final Region region;
    private final Category category;
    private final Boolean womenLed;
    private final UUID cooperative;
    private final long minPrice;
    private final long maxPrice;
    private final Boolean inStock;

    Filter(ProductQuery.Filters filters) {
      region = filters.region().orElse(null);
      category = filters.category().orElse(null);
      womenLed = filters.womenLed().orElse(null);
      cooperative = filters.cooperativeId().orElse(null);
      minPrice = filters.minPriceCentimes().orElse(Long.MIN_VALUE);
      maxPrice = filters.maxPriceCentimes().orElse(Long.MAX_VALUE);
      inStock = filters.inStock().orElse(null);
    }

    boolean test(ProductListing listing) {
      var product = listing.product();
      return (region == null || listing.region() == region)
          && (category == null || product.category() == category)
          && (womenLed == null || listing.womenLed() == womenLed)
          && (cooperative == null || product.cooperativeId().equals(cooperative))
          && product.priceCentimes() >= minPrice
          && product.priceCentimes() <= maxPrice
          && (inStock == null || product.inStock() == inStock);
    }
  }

  private static UUID idOf(ProductListing listing) {
    return listing.product().id();
  }

  /**
   * Ids compare as PostgreSQL compares uuids, byte by byte, so an order never depends on Java's
   * signed longs.
   */
  private static int compareUnsigned(UUID a, UUID b) {
    int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
    return high != 0
        ? high
        : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
  }
}
