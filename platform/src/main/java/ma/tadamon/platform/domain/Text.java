package ma.tadamon.platform.domain;

/**
 * Rules every text a person sends must follow, whatever the field. Control characters (NUL and the
 * other C0 codes, DEL) have no place in a name, an address or a key: PostgreSQL refuses NUL in
 * text, and the others hide text from the people who read it. Line breaks and tabs stay allowed,
 * for descriptions and stories.
 */
public final class Text {

  public static final String NO_CONTROL_CHARACTERS = "must not contain control characters";

  private Text() {}

  public static boolean hasControlCharacters(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
