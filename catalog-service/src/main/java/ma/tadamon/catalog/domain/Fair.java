package ma.tadamon.catalog.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.Region;

/**
 * A regional solidarity-economy fair: where and when, and the cooperatives exhibiting, each at its
 * stand. Its slug names its page and its campaign tag, so the orders its posters bring are counted
 * under the fair. {@code sold}: what it sold, once it has ended and order-service announced it
 * (null before).
 */
public record Fair(
    UUID id,
    String slug,
    Map<String, String> name,
    Region region,
    Map<String, String> city,
    Map<String, String> venue,
    LocalDate startsOn,
    LocalDate endsOn,
    String openingHours,
    List<Exhibitor> exhibitors,
    Sold sold) {

  /** A cooperative at the fair, at its stand ("A12", "7"). */
  public record Exhibitor(UUID cooperativeId, String stand) {}

  /** What the fair sold, in centimes: online (its tagged orders) and at its stands. */
  public record Sold(long onlineCentimes, long standCentimes, long orders) {

    public long totalCentimes() {
      return onlineCentimes + standCentimes;
    }
  }

  public Fair {
    exhibitors = List.copyOf(exhibitors);
  }

  /** The tag the fair's posters put on their links: {@code fair-tetouan-2026}. */
  public String campaignTag() {
    return "fair-" + slug;
  }

  public boolean openOn(LocalDate day) {
    return !day.isBefore(startsOn) && !day.isAfter(endsOn);
  }

  public boolean endedBefore(LocalDate day) {
    return endsOn.isBefore(day);
  }

  public Optional<Exhibitor> exhibitor(UUID cooperativeId) {
    return exhibitors.stream().filter(e -> e.cooperativeId().equals(cooperativeId)).findFirst();
  }
}
