package ma.tadamon.catalog.members;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.catalog.domain.Cooperative;

/**
 * The account a verified cooperative's manager gets: her cooperative, its phone and e-mail, the
 * name Keycloak shows, and the usernames to try in turn.
 */
public record ManagerAccount(
    UUID cooperative, String phone, String email, String displayName, String slug) {

  /** Characters Keycloak's person-name validation refuses in a name. */
  private static final String NOT_IN_NAMES = "<>&\"$%!#?§;*~/\\,^()[]{}|@:";

  private static final int NAME_LENGTH = 120;

  public static ManagerAccount of(Cooperative cooperative) {
    String name =
        cooperative
            .name()
            .getOrDefault(
                cooperative.preferredLanguage(),
                cooperative.name().getOrDefault("fr", cooperative.slug()));
    StringBuilder shown = new StringBuilder();
    name.codePoints().filter(c -> NOT_IN_NAMES.indexOf(c) < 0).forEach(shown::appendCodePoint);
    String displayName = shown.toString().replaceAll("\\s+", " ").strip();
    if (displayName.length() > NAME_LENGTH) {
      displayName = displayName.substring(0, NAME_LENGTH).strip();
    }
    return new ManagerAccount(
        cooperative.id(),
        cooperative.phone(),
        cooperative.email(),
        displayName.isEmpty() ? cooperative.slug() : displayName,
        cooperative.slug());
  }

  /**
   * The phone as dialled in Morocco first ("+212661009988" is "0661009988"), then the cooperative's
   * address on the site, which nobody else has.
   */
  public List<String> usernames() {
    List<String> names = new ArrayList<>();
    if (phone != null && phone.startsWith("+212")) {
      names.add("0" + phone.substring(4));
    } else if (phone != null) {
      names.add(phone.replaceAll("[^0-9]", ""));
    }
    names.add(slug.length() > 60 ? slug.substring(0, 60) : slug);
    return names;
  }

  public ManagerAccount withoutEmail() {
    return new ManagerAccount(cooperative, phone, null, displayName, slug);
  }
}
