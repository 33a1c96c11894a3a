package ma.tadamon.order.domain;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A fair as order-service knows it from the catalog's events: its days (Morocco's) and the stand of
 * each exhibiting cooperative, which is where a shopper may collect that cooperative's goods while
 * the fair is open.
 */
public record CatalogFair(
    UUID id,
    String slug,
    String campaignTag,
    Map<String, String> name,
    String region,
    Map<String, String> city,
    Map<String, String> venue,
    LocalDate startsOn,
    LocalDate endsOn,
    Map<UUID, String> stands) {

  /** A fair's days are Morocco's days. */
  public static final ZoneId ZONE = ZoneId.of("Africa/Casablanca");

  public CatalogFair {
    name = Map.copyOf(name);
    city = Map.copyOf(city);
    venue = Map.copyOf(venue);
    stands = Map.copyOf(stands);
  }

  public boolean openOn(LocalDate day) {
    return !day.isBefore(startsOn) && !day.isAfter(endsOn);
  }

  public Optional<String> standOf(UUID cooperativeId) {
    return Optional.ofNullable(stands.get(cooperativeId));
  }

  /** Where the goods change hands, as an order's address: the fair's venue, in {@code language}. */
  public CheckoutRequest.Address venueAddress(String language) {
    return new CheckoutRequest.Address(
        inLanguage(venue, language), inLanguage(city, language), null, region);
  }

  private static String inLanguage(Map<String, String> texts, String language) {
    String text = texts.get(language);
    if (text == null || text.isBlank()) {
      text = texts.getOrDefault("fr", texts.values().stream().findFirst().orElse(""));
    }
    return text;
  }
}
