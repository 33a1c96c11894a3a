package ma.tadamon.catalog.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The shareable pages' texts in Arabic, French and English ({@code pages/texts_*.properties},
 * UTF-8), read once. A missing key is a bug a test catches, so it shows as the key rather than
 * failing a shopper's page.
 */
public final class PageTexts {

  /** The languages pages are written in; Tamazight joins when its texts exist. */
  public static final List<String> LANGUAGES = List.of("ar", "fr", "en");

  private final Map<String, Map<String, String>> byLanguage;

  private PageTexts(Map<String, Map<String, String>> byLanguage) {
    this.byLanguage = byLanguage;
  }

  public static PageTexts load() {
    return new PageTexts(
        LANGUAGES.stream().collect(Collectors.toUnmodifiableMap(lang -> lang, PageTexts::read)));
  }

  private static Map<String, String> read(String lang) {
    String resource = "/pages/texts_" + lang + ".properties";
    try (InputStream in = PageTexts.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return properties.stringPropertyNames().stream()
          .collect(Collectors.toUnmodifiableMap(key -> key, properties::getProperty));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String get(String lang, String key) {
    return byLanguage.get(lang).getOrDefault(key, key);
  }

  /** The text with its {@code {0}} replaced. */
  public String get(String lang, String key, String value) {
    return get(lang, key).replace("{0}", value);
  }

  /** The keys written in {@code lang}: the same in every language, as a test checks. */
  public Set<String> keys(String lang) {
    return byLanguage.get(lang).keySet();
  }
}
