package ma.tadamon.catalog.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.Region;

/**
 * A shopper's browse or search request: the words searched, filters, the order of the results, and
 * a keyset position ({@code after}) where the previous page ended.
 */
public record ProductQuery(
    Optional<String> words, Filters filters, Sort sort, Optional<Position> after, int limit) {

  /**
   * A query of at most this many words that matches no word is tried as a misspelt name ("argn"
   * finds argan).
   */
  public static final int MAX_WORDS_FOR_TYPO_MATCHING = 2;

  public record Filters(
      Optional<Region> region,
      Optional<Category> category,
      Optional<Boolean> womenLed,
      Optional<UUID> cooperativeId,
      Optional<Long> minPriceCentimes,
      Optional<Long> maxPriceCentimes,
      Optional<Boolean> inStock) {

    public Filters withoutRegion() {
      return new Filters(
          Optional.empty(),
          category,
          womenLed,
          cooperativeId,
          minPriceCentimes,
          maxPriceCentimes,
          inStock);
    }

    public Filters withoutCategory() {
      return new Filters(
          region,
          Optional.empty(),
          womenLed,
          cooperativeId,
          minPriceCentimes,
          maxPriceCentimes,
          inStock);
    }
  }

  /** The orders a shopper can ask for; relevance needs words to be relevant to. */
  public enum Sort {
    RELEVANCE("relevance"),
    NEWEST("newest"),
    PRICE_ASC("price_asc"),
    PRICE_DESC("price_desc");

    private final String slug;

    Sort(String slug) {
      this.slug = slug;
    }

    public String slug() {
      return slug;
    }

    public static Optional<Sort> fromSlug(String slug) {
      return Arrays.stream(values()).filter(sort -> sort.slug.equals(slug)).findFirst();
    }
  }

  /**
   * Where a page ended: the last product's sort key (creation time, price or relevance, written as
   * PostgreSQL reads it back) and its id, which breaks ties.
   */
  public record Position(String sortKey, UUID id) {}

  public boolean typoTolerant() {
    return words
        .map(text -> text.trim().split("\\s+").length <= MAX_WORDS_FOR_TYPO_MATCHING)
        .orElse(false);
  }
}
