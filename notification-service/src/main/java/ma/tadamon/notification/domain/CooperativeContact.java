package ma.tadamon.notification.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** How to reach a cooperative, as notification-service's read model of the catalog knows it. */
public record CooperativeContact(
    UUID id,
    Map<String, String> name,
    String phone,
    String email,
    String language,
    List<Channel> channels) {}
