package ma.tadamon.notification.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.catalog.CooperativeState;

/**
 * How to reach a cooperative, as notification-service's read model of the catalog knows it, and who
 * it is as a seller (absent until the catalog has announced it).
 */
public record CooperativeContact(
    UUID id,
    Map<String, String> name,
    String phone,
    String email,
    String language,
    List<Channel> channels,
    CooperativeState.Seller seller) {

  public CooperativeContact(
      UUID id,
      Map<String, String> name,
      String phone,
      String email,
      String language,
      List<Channel> channels) {
    this(id, name, phone, email, language, channels, null);
  }
}
