package ma.tadamon.catalog.browse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductPage;
import ma.tadamon.catalog.domain.ProductQuery;
import ma.tadamon.catalog.domain.ProductQuery.Sort;
import ma.tadamon.events.Region;
import org.junit.jupiter.api.Test;

class BrowseIndexTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final ProductQuery.Filters ANY = inStock(Optional.empty());

  @Test
  void pages_follow_each_other_without_gaps_or_repeats_even_with_equal_prices() {
    BrowseIndex index = new BrowseIndex();
    for (int i = 0; i < 25; i++) {
      index.put(listing(Region.SOUSS_MASSA, Category.HONEY, 1000 * (i % 3), 5, true, i));
    }

    for (Sort sort : List.of(Sort.PRICE_ASC, Sort.PRICE_DESC, Sort.NEWEST)) {
      List<ProductListing> all = new ArrayList<>();
      Optional<ProductQuery.Position> after = Optional.empty();
      ProductPage page;
      do {
        page =
            index.browse(new ProductQuery(Optional.empty(), ANY, sort, after, 4), Optional.empty());
        all.addAll(page.items());
        ProductListing last = page.items().get(page.items().size() - 1);
        after = Optional.of(new ProductQuery.Position(last.sortKey(), last.product().id()));
      } while (page.hasMore());

      assertThat(all).as(sort.slug()).hasSize(25).doesNotHaveDuplicates();
      List<Long> prices = all.stream().map(listing -> listing.product().priceCentimes()).toList();
      if (sort == Sort.PRICE_ASC) {
        assertThat(prices).isSorted();
      }
    }
  }

  @Test
  void each_facet_counts_under_every_filter_but_its_own() {
    BrowseIndex index = new BrowseIndex();
    index.put(listing(Region.SOUSS_MASSA, Category.ARGAN_OIL, 100, 1, true, 1));
    index.put(listing(Region.SOUSS_MASSA, Category.HONEY, 100, 1, true, 2));
    index.put(listing(Region.DRAA_TAFILALET, Category.DATES, 100, 1, true, 3));
    ProductQuery.Filters souss =
        new ProductQuery.Filters(
            Optional.of(Region.SOUSS_MASSA),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    ProductPage page =
        index.browse(
            new ProductQuery(Optional.empty(), souss, Sort.NEWEST, Optional.empty(), 10),
            Optional.empty());

    assertThat(page.items()).hasSize(2);
    assertThat(page.facets().orElseThrow().regions())
        .isEqualTo(Map.of(Region.SOUSS_MASSA, 2L, Region.DRAA_TAFILALET, 1L));
    assertThat(page.facets().orElseThrow().categories())
        .isEqualTo(Map.of(Category.ARGAN_OIL, 1L, Category.HONEY, 1L));
  }

  @Test
  void new_stock_counters_change_what_is_in_stock_and_no_order() {
    BrowseIndex index = new BrowseIndex();
    List<ProductListing> listings = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      listings.add(listing(Region.DRAA_TAFILALET, Category.DATES, 500 * (6 - i), 3, true, i));
    }
    index.putAll(listings);
    ProductListing soldOut = listings.get(2);
    List<ProductListing> cheapestBefore = page(index, ANY, Sort.PRICE_ASC);
    List<ProductListing> newestBefore = page(index, ANY, Sort.NEWEST);
    long versionBefore = index.version();

    index.restock(
        Map.of(
            soldOut.product().id(), new BrowseIndex.Stock(3, 3),
            UUID.randomUUID(), new BrowseIndex.Stock(1, 0)));

    assertThat(index.version()).isGreaterThan(versionBefore);
    assertThat(index.find(soldOut.product().id()).orElseThrow().product().stockAvailable())
        .isZero();
    assertThat(idsOf(page(index, ANY, Sort.PRICE_ASC))).isEqualTo(idsOf(cheapestBefore));
    assertThat(idsOf(page(index, ANY, Sort.NEWEST))).isEqualTo(idsOf(newestBefore));
    assertThat(idsOf(page(index, inStock(Optional.of(true)), Sort.NEWEST)))
        .hasSize(5)
        .doesNotContain(soldOut.product().id());
    assertThat(index.size()).isEqualTo(6);
  }

  private static List<ProductListing> page(
      BrowseIndex index, ProductQuery.Filters filters, Sort sort) {
    return index
        .browse(
            new ProductQuery(Optional.empty(), filters, sort, Optional.empty(), 50),
            Optional.empty())
        .items();
  }

  /** No filter but, when it is given, whether any is left. */
  private static ProductQuery.Filters inStock(Optional<Boolean> inStock) {
    return new ProductQuery.Filters(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        inStock);
  }

  private static List<UUID> idsOf(List<ProductListing> listings) {
    return listings.stream().map(listing -> listing.product().id()).toList();
  }

  @Test
  void what_is_no_longer_on_sale_leaves_the_index() {
    BrowseIndex index = new BrowseIndex();
    ProductListing onSale = listing(Region.ORIENTAL, Category.OLIVE_OIL, 100, 1, true, 1);
    ProductListing other = listing(Region.ORIENTAL, Category.OLIVE_OIL, 100, 1, true, 2);
    index.put(onSale);
    index.put(other);

    index.put(
        listing(onSale.product().id(), Region.ORIENTAL, Category.OLIVE_OIL, 100, 1, false, 1));
    index.refresh(List.of(other.product().id()), Map.of());

    assertThat(index.size()).isZero();
  }

  @Test
  void a_search_keeps_only_matching_products_ordered_by_relevance() {
    BrowseIndex index = new BrowseIndex();
    ProductListing best = listing(Region.SOUSS_MASSA, Category.ARGAN_OIL, 100, 1, true, 1);
    ProductListing good = listing(Region.SOUSS_MASSA, Category.COSMETICS, 100, 1, true, 2);
    index.put(best);
    index.put(good);
    index.put(listing(Region.SOUSS_MASSA, Category.HONEY, 100, 1, true, 3));

    ProductPage page =
        index.browse(
            new ProductQuery(Optional.of("argan"), ANY, Sort.RELEVANCE, Optional.empty(), 10),
            Optional.of(Map.of(best.product().id(), 0.9, good.product().id(), 0.3)));

    assertThat(page.items())
        .extracting(listing -> listing.product().id())
        .containsExactly(best.product().id(), good.product().id());
  }

  private static ProductListing listing(
      Region region, Category category, long price, int stock, boolean active, int age) {
    return listing(UUID.randomUUID(), region, category, price, stock, active, age);
  }

  private static ProductListing listing(
      UUID id, Region region, Category category, long price, int stock, boolean active, int age) {
    Product product =
        new Product(
            id,
            UUID.randomUUID(),
            Map.of("fr", "Produit " + age),
            Map.of("fr", "..."),
            category,
            price,
            "1 kg",
            List.of(),
            List.of(),
            List.of(),
            active,
            stock,
            0,
            NOW.minusSeconds(age));
    return new ProductListing(product, region, false, Map.of("fr", "Coopérative"), true, null);
  }
}
