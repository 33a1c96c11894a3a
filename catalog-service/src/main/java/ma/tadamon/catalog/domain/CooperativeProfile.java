package ma.tadamon.catalog.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ma.tadamon.platform.domain.FieldError;

/**
 * What a cooperative may change of itself: how it presents itself and how it is reached. Its
 * region, registration and women-led status are what the operator verified, and stay as verified.
 */
public record CooperativeProfile(
    Map<String, String> name,
    Map<String, String> story,
    Map<String, String> city,
    String phone,
    String email,
    Integer members,
    String preferredLanguage,
    List<String> notificationChannels) {

  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    FieldRules rules = new FieldRules(errors);
    rules.localized("name", name, CooperativeRegistration.NAME_LENGTH);
    rules.localized("story", story, CooperativeRegistration.STORY_LENGTH);
    rules.localized("city", city, CooperativeRegistration.CITY_LENGTH);
    rules.phone("phone", phone);
    rules.optionalEmail("email", email);
    rules.between("members", members, 1, CooperativeRegistration.MAX_MEMBERS);
    rules.language("preferredLanguage", preferredLanguage);
    CooperativeRegistration.channelProblems(errors, notificationChannels);
    return errors;
  }

  public Cooperative applyTo(Cooperative coop) {
    return new Cooperative(
        coop.id(),
        coop.slug(),
        Map.copyOf(name),
        Map.copyOf(story),
        coop.region(),
        Map.copyOf(city),
        phone,
        email == null || email.isBlank() ? null : email.trim(),
        coop.registrationNumber(),
        coop.foundedYear(),
        members,
        coop.womenLed(),
        preferredLanguage,
        List.copyOf(notificationChannels),
        coop.verified(),
        coop.seller());
  }
}
