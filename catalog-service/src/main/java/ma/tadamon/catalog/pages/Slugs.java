package ma.tadamon.catalog.pages;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Readable, stable page addresses: the name in the page's language, then the id, as in {@code
 * huile-d-argan-alimentaire-3f0c…}. The id finds the page, so a renamed product keeps its links: an
 * address whose words are no longer the name's answers 301 to the current one.
 */
public final class Slugs {

  /** Long enough to read, short enough for a QR code a phone scans at arm's length. */
  static final int MAX_WORDS_LENGTH = 60;

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{32}");

  private Slugs() {}

  /**
   * The words of a text as an address: letters and digits of any script, accents, Arabic short
   * vowels and hamzas dropped ("Huile d’argan" → "huile-d-argan", "زَيت أركان" → "زيت-اركان").
   */
  public static String words(String text) {
    String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
    String slug = NOT_WORD.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll("-");
    slug = trimDashes(slug);
    if (slug.length() > MAX_WORDS_LENGTH) {
      int cut = slug.lastIndexOf('-', MAX_WORDS_LENGTH);
      slug = trimDashes(slug.substring(0, cut > 0 ? cut : MAX_WORDS_LENGTH));
    }
    return slug;
  }

  /** The address of a thing named {@code name}: its words, then its id. */
  public static String of(String name, UUID id) {
    String words = words(name);
    String hex = id.toString().replace("-", "");
    return words.isEmpty() ? hex : words + "-" + hex;
  }

  /** The id an address ends with, if it ends with one. */
  public static Optional<UUID> idIn(String slug) {
    if (slug.length() < 32) {
      return Optional.empty();
    }
    String hex = slug.substring(slug.length() - 32);
    if (!HEX_ID.matcher(hex).matches()
        || slug.length() > 32 && slug.charAt(slug.length() - 33) != '-') {
      return Optional.empty();
    }
    return Optional.of(
        new UUID(
            Long.parseUnsignedLong(hex.substring(0, 16), 16),
            Long.parseUnsignedLong(hex.substring(16), 16)));
  }

  private static String trimDashes(String slug) {
    int start = 0;
    int end = slug.length();
    while (start < end && slug.charAt(start) == '-') {
      start++;
    }
    while (end > start && slug.charAt(end - 1) == '-') {
      end--;
    }
    return slug.substring(start, end);
  }
}
