package ma.tadamon.order.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.Region;
import ma.tadamon.platform.domain.CampaignTags;
import ma.tadamon.platform.domain.FieldError;

/**
 * What a shopper sends to check out. Prices are never part of it. {@code source} is the campaign
 * tag of the link the shopper came from, if any (docs/pages.md); {@code marketingConsent} the
 * version of the consent text the shopper ticked to receive Tadamon's news, if they did; {@code
 * termsVersion} the version of the terms of sale the checkout showed and the shopper accepted, kept
 * with the order (docs/compliance.md). {@code pickupAt} is the slug of the fair where the shopper
 * collects the goods at the cooperatives' stands, instead of a shipping address (docs/fairs.md).
 */
public record CheckoutRequest(
    List<Line> lines,
    Contact contact,
    Address shippingAddress,
    String paymentMethod,
    String language,
    String source,
    String marketingConsent,
    String termsVersion,
    String pickupAt) {

  public static final int MAX_LINES = 30;
  public static final int MAX_QUANTITY = 50;
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  /** A document's version as the checkout names it: "v1", "2026-12-01". */
  private static final Pattern CONSENT_VERSION = Pattern.compile("^[a-z0-9-]{1,20}$");

  private static final Pattern FAIR_SLUG = Pattern.compile("^[a-z0-9][a-z0-9-]{0,34}$");

  private static final Set<String> LANGUAGES = Set.of("ar", "fr", "en", "zgh");

  public record Line(UUID productId, Integer quantity) {}

  public record Contact(String name, String phone, String email) {}

  public record Address(String line1, String city, String postalCode, String region) {}

  /** Every problem with the request, each naming its field; empty when it is well-formed. */
  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    if (lines == null || lines.isEmpty()) {
      errors.add(new FieldError("lines", "add at least one product"));
    } else if (lines.size() > MAX_LINES) {
      errors.add(new FieldError("lines", "at most " + MAX_LINES + " lines per order"));
    } else {
      for (int i = 0; i < lines.size(); i++) {
        Line line = lines.get(i);
        if (line == null || line.productId() == null) {
          errors.add(new FieldError("lines[" + i + "].productId", "is required"));
        }
        if (line == null
            || line.quantity() == null
            || line.quantity() < 1
            || line.quantity() > MAX_QUANTITY) {
          errors.add(
              new FieldError("lines[" + i + "].quantity", "must be from 1 to " + MAX_QUANTITY));
        }
      }
    }
    if (contact == null) {
      errors.add(new FieldError("contact", "is required"));
    } else {
      requireText(errors, "contact.name", contact.name(), 100);
      if (contact.phone() == null || !E164.matcher(contact.phone()).matches()) {
        errors.add(
            new FieldError(
                "contact.phone", "must be an international number such as +212612345678"));
      }
      if (contact.email() != null
          && !contact.email().isBlank()
          && (contact.email().length() > 200 || !EMAIL.matcher(contact.email()).matches())) {
        errors.add(new FieldError("contact.email", "is not an e-mail address"));
      }
    }
    if (pickupAt != null) {
      if (!FAIR_SLUG.matcher(pickupAt).matches()) {
        errors.add(new FieldError("pickupAt", "the fair's slug, e.g. tetouan-2026"));
      }
      if (shippingAddress != null) {
        errors.add(
            new FieldError("shippingAddress", "a pick-up at a fair stand has no shipping address"));
      }
    } else if (shippingAddress == null) {
      errors.add(new FieldError("shippingAddress", "is required"));
    } else {
      requireText(errors, "shippingAddress.line1", shippingAddress.line1(), 200);
      requireText(errors, "shippingAddress.city", shippingAddress.city(), 100);
      if (shippingAddress.postalCode() != null && shippingAddress.postalCode().length() > 10) {
        errors.add(new FieldError("shippingAddress.postalCode", "is too long"));
      }
      if (shippingAddress.region() == null || Region.fromSlug(shippingAddress.region()).isEmpty()) {
        errors.add(new FieldError("shippingAddress.region", "must be one of Morocco's 12 regions"));
      }
    }
    if (paymentMethod() == null) {
      errors.add(new FieldError("paymentMethod", "must be CASH_ON_DELIVERY or CARD"));
    } else if (method() == null || method() == PaymentMethod.UNKNOWN) {
      errors.add(new FieldError("paymentMethod", "must be CASH_ON_DELIVERY or CARD"));
    }
    if (language != null && !LANGUAGES.contains(language)) {
      errors.add(new FieldError("language", "must be ar, fr, en or zgh"));
    }
    if (marketingConsent != null && !CONSENT_VERSION.matcher(marketingConsent).matches()) {
      errors.add(
          new FieldError("marketingConsent", "the version of the consent text shown, e.g. v1"));
    }
    if (termsVersion != null && !CONSENT_VERSION.matcher(termsVersion).matches()) {
      errors.add(new FieldError("termsVersion", "the version of the terms shown, e.g. 2026-12-01"));
    }
    if (source != null && !CampaignTags.valid(source)) {
      errors.add(new FieldError("source", "must be " + CampaignTags.RULE));
    }
    return errors;
  }

  public boolean collectedAtFair() {
    return pickupAt != null;
  }

  public PaymentMethod method() {
    try {
      return paymentMethod == null ? null : PaymentMethod.valueOf(paymentMethod);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public String languageOrDefault() {
    return language == null ? "fr" : language;
  }

  private static void requireText(
      List<FieldError> errors, String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (value.length() > maxLength) {
      errors.add(new FieldError(field, "must be at most " + maxLength + " characters"));
    }
  }
}
