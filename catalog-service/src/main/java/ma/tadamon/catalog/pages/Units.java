package ma.tadamon.catalog.pages;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A product's unit as the page's language writes it: "250 ml" is "250 مل" on an Arabic page. The
 * cooperatives type units in Latin letters; the web app's script does the same for its own views.
 */
final class Units {

  private static final Map<String, String> ARABIC =
      Map.ofEntries(
          Map.entry("ml", "مل"),
          Map.entry("cl", "سل"),
          Map.entry("l", "ل"),
          Map.entry("g", "غ"),
          Map.entry("kg", "كلغ"),
          Map.entry("cm", "سم"),
          Map.entry("m", "م"),
          Map.entry("x", "×"),
          Map.entry("pièce", "قطعة"),
          Map.entry("pièces", "قطع"),
          Map.entry("piece", "قطعة"),
          Map.entry("pieces", "قطع"));

  private static final Pattern WORD = Pattern.compile("\\p{L}+");

  private Units() {}

  static String inLanguage(String unit, String lang) {
    if (!"ar".equals(lang) || unit == null) {
      return unit;
    }
    Matcher word = WORD.matcher(unit);
    StringBuilder out = new StringBuilder();
    while (word.find()) {
      String arabic = ARABIC.get(word.group().toLowerCase(Locale.ROOT));
      word.appendReplacement(out, Matcher.quoteReplacement(arabic != null ? arabic : word.group()));
    }
    word.appendTail(out);
    return out.toString();
  }
}
