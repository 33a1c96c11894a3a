package ma.tadamon.catalog.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import ma.tadamon.events.Region;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;

/** What an operator sends to announce a fair or correct it. Dates are ISO days (2026-04-17). */
public record FairDraft(
    String slug,
    Map<String, String> name,
    String region,
    Map<String, String> city,
    Map<String, String> venue,
    String startsOn,
    String endsOn,
    String openingHours) {

  /** Short enough that {@code fair-} and the slug make a campaign tag (40 at most). */
  private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,34}");

  /** Regional fairs last about ten days; a month is the most a fair may span. */
  static final int MAX_DAYS = 31;

  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    FieldRules rules = new FieldRules(errors);
    if (slug == null || !SLUG.matcher(slug).matches()) {
      errors.add(
          new FieldError(
              "slug", "lower-case letters, digits and dashes, at most 35, e.g. tetouan-2026"));
    }
    rules.localized("name", name, 120);
    if (region == null || Region.fromSlug(region).isEmpty()) {
      errors.add(new FieldError("region", "must be one of Morocco's 12 regions"));
    }
    rules.localized("city", city, 80);
    rules.localized("venue", venue, 160);
    LocalDate start = day(errors, "startsOn", startsOn);
    LocalDate end = day(errors, "endsOn", endsOn);
    if (start != null && end != null) {
      if (end.isBefore(start)) {
        errors.add(new FieldError("endsOn", "must not be before startsOn"));
      } else if (end.isAfter(start.plusDays(MAX_DAYS - 1))) {
        errors.add(new FieldError("endsOn", "a fair lasts " + MAX_DAYS + " days at most"));
      }
    }
    rules.text("openingHours", openingHours, 100);
    return errors;
  }

  /** The fair this draft describes, with the exhibitors it already has. */
  public Fair toFair(UUID id, List<Fair.Exhibitor> exhibitors) {
    DomainException.requireValid(problems());
    return new Fair(
        id,
        slug,
        Map.copyOf(name),
        Region.fromSlug(region).orElseThrow(),
        Map.copyOf(city),
        Map.copyOf(venue),
        LocalDate.parse(startsOn),
        LocalDate.parse(endsOn),
        openingHours.trim(),
        exhibitors,
        null);
  }

  private static LocalDate day(List<FieldError> errors, String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException | NullPointerException e) {
      errors.add(new FieldError(field, "must be a day such as 2026-04-17"));
      return null;
    }
  }
}
