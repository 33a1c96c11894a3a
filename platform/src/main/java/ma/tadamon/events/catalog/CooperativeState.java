package ma.tadamon.events.catalog;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What other services may know of a cooperative: event-carried state, complete in every event.
 * {@code seller} (who sells, as the law asks it shown and invoices carry it) is absent in events
 * written before it was kept.
 */
public record CooperativeState(
    UUID id,
    Map<String, String> name,
    String region,
    // A string in events from before cities had names per language.
    @JsonDeserialize(using = PlaceName.class) Map<String, String> city,
    String phone,
    String email,
    String preferredLanguage,
    List<String> notificationChannels,
    boolean womenLed,
    boolean verified,
    Seller seller) {

  /** The cooperative's register number, ICE and IF (absent where it has none), return address. */
  public record Seller(String registrationNumber, String ice, String taxId, String returnAddress) {}
}
