package ma.tadamon.catalog.domain;

import ma.tadamon.events.Region;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A shopper's browse request: filters, and a keyset position ({@code after}) for the next page of
 * products, newest first.
 */
public record ProductQuery(
    Optional<Region> region,
    Optional<Category> category,
    Optional<Boolean> womenLed,
    Optional<UUID> cooperativeId,
    Optional<Long> minPriceCentimes,
    Optional<Long> maxPriceCentimes,
    Optional<Position> after,
    int limit) {

  /** Where a page ended: the last product's creation time and id. */
  public record Position(Instant createdAt, UUID id) {
  }
}
