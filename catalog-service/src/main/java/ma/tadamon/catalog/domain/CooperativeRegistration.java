package ma.tadamon.catalog.domain;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.events.Region;
import ma.tadamon.platform.domain.FieldError;

/**
 * What an operator registers for a new cooperative. Its id derives from the registration number, so
 * a registration sent twice (a retry after a lost answer) names the same cooperative.
 */
public record CooperativeRegistration(
    Map<String, String> name,
    Map<String, String> story,
    String region,
    Map<String, String> city,
    String phone,
    String email,
    String registrationNumber,
    Integer foundedYear,
    Integer members,
    Boolean womenLed,
    String preferredLanguage,
    List<String> notificationChannels,
    SellerIdentity seller) {

  public static final Set<String> CHANNELS = Set.of("sms", "email", "webhook");
  static final int NAME_LENGTH = 150;
  static final int STORY_LENGTH = 4000;
  static final int MAX_MEMBERS = 100_000;
  static final int CITY_LENGTH = 100;

  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    FieldRules rules = new FieldRules(errors);
    rules.localized("name", name, NAME_LENGTH);
    rules.localized("story", story, STORY_LENGTH);
    if (region == null || Region.fromSlug(region).isEmpty()) {
      errors.add(new FieldError("region", "must be one of Morocco's 12 regions"));
    }
    rules.localized("city", city, CITY_LENGTH);
    rules.phone("phone", phone);
    rules.optionalEmail("email", email);
    rules.text("registrationNumber", registrationNumber, 60);
    rules.between("foundedYear", foundedYear, 1900, Year.now().getValue());
    rules.between("members", members, 1, MAX_MEMBERS);
    rules.required("womenLed", womenLed, "true or false");
    rules.language("preferredLanguage", preferredLanguage);
    channelProblems(errors, notificationChannels);
    if (seller != null) {
      errors.addAll(seller.problems("seller."));
    }
    return errors;
  }

  static void channelProblems(List<FieldError> errors, List<String> channels) {
    if (channels == null || channels.isEmpty()) {
      errors.add(
          new FieldError("notificationChannels", "choose at least one of sms, email, webhook"));
    } else if (!CHANNELS.containsAll(channels)) {
      errors.add(new FieldError("notificationChannels", "channels are sms, email and webhook"));
    }
  }

  public UUID cooperativeId() {
    return idFor(registrationNumber);
  }

  /**
   * Registration numbers are compared without case or spaces: "odco-sm 2004-0117" is
   * ODCO-SM2004-0117.
   */
  public static UUID idFor(String registrationNumber) {
    String normalized = registrationNumber.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    return UUID.nameUUIDFromBytes(
        ("tadamon:cooperative-registration:" + normalized).getBytes(StandardCharsets.UTF_8));
  }

  /** The cooperative as registered: not verified until an operator has checked the registration. */
  public Cooperative toCooperative() {
    UUID id = cooperativeId();
    return new Cooperative(
        id,
        slug(id),
        Map.copyOf(name),
        Map.copyOf(story),
        Region.fromSlug(region).orElseThrow(),
        Map.copyOf(city),
        phone,
        blankToNull(email),
        registrationNumber.trim(),
        foundedYear,
        members,
        womenLed,
        preferredLanguage,
        List.copyOf(notificationChannels),
        false,
        seller);
  }

  /**
   * True when {@code existing} is what this registration would create: the same request sent again.
   */
  public boolean registered(Cooperative existing) {
    // Verification since the first request does not make the retry a different registration.
    return existing.asVerified().equals(toCooperative().asVerified());
  }

  /**
   * A readable, unique address part: the French or English name in ASCII, then a piece of the id.
   */
  private String slug(UUID id) {
    String base = name.getOrDefault("fr", name.getOrDefault("en", "cooperative"));
    String ascii =
        Normalizer.normalize(base, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("(^-|-$)", "");
    if (ascii.length() > 60) {
      ascii = ascii.substring(0, 60).replaceAll("-$", "");
    }
    return (ascii.isEmpty() ? "cooperative" : ascii) + "-" + id.toString().substring(0, 8);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
