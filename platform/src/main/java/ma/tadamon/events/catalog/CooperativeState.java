package ma.tadamon.events.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What other services may know of a cooperative: event-carried state, complete in every event. */
public record CooperativeState(
    UUID id,
    Map<String, String> name,
    String region,
    String city,
    String phone,
    String email,
    String preferredLanguage,
    List<String> notificationChannels,
    boolean womenLed,
    boolean verified) {}
