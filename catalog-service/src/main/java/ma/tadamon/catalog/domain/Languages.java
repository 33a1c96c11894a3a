package ma.tadamon.catalog.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The languages of the catalog's texts, and which one to show when the asked one is missing. */
public final class Languages {

  /** Arabic, French, English, and Tamazight in Tifinagh where a text has it. */
  public static final Set<String> SUPPORTED = Set.of("ar", "fr", "en", "zgh");

  private static final List<String> FALLBACK = List.of("fr", "ar", "en");

  private Languages() {}

  /** The text in {@code lang}, else in French, Arabic, English, else whatever there is. */
  public static String pick(Map<String, String> texts, String lang) {
    if (lang != null && texts.containsKey(lang)) {
      return texts.get(lang);
    }
    return FALLBACK.stream()
        .filter(texts::containsKey)
        .map(texts::get)
        .findFirst()
        .orElse(texts.values().stream().findFirst().orElse(""));
  }
}
