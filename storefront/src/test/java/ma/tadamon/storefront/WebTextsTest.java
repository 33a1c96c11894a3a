package ma.tadamon.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The web app's texts (webroot/i18n.js) as a reader meets them: every text exists in Arabic, French
 * and English, and a phone number inside an Arabic text keeps its plus sign and its digits in the
 * order they are dialled.
 */
class WebTextsTest {

  private static final Pattern ENTRY =
      Pattern.compile(
          "(?m)(?:^\\s*|[{,]\\s*)([a-zA-Z]+): (?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");
  private static final Pattern INTERNATIONAL_NUMBER = Pattern.compile("\\+\\d");

  @Test
  void every_text_exists_in_the_three_languages() throws IOException {
    Map<String, Map<String, String>> texts = texts();

    assertThat(texts.keySet()).containsExactly("ar", "fr", "en");
    assertThat(texts.get("ar")).hasSizeGreaterThan(100);
    assertThat(texts.get("ar").keySet()).isEqualTo(texts.get("fr").keySet());
    assertThat(texts.get("en").keySet()).isEqualTo(texts.get("fr").keySet());
  }

  @Test
  void an_international_number_in_an_arabic_text_is_isolated_left_to_right() throws IOException {
    Map<String, String> arabic = texts().get("ar");
    Map<String, String> numbered = new LinkedHashMap<>();
    arabic.forEach(
        (key, text) -> {
          if (INTERNATIONAL_NUMBER.matcher(text).find()) {
            numbered.put(key, text);
          }
        });

    assertThat(numbered).as("the phone field's label shows the country code").containsKey("phone");
    // Without the isolate, a right-to-left paragraph puts the plus after the digits: "212+".
    assertThat(numbered.values())
        .allSatisfy(
            text ->
                assertThat(text)
                    .matches("(?s).*\\\\u2066\\+[^']*?\\\\u2069.*")
                    .as("every plus-number between LRI and PDI"));
  }

  /** The texts of each language, as written in i18n.js (escapes left as they are). */
  private static Map<String, Map<String, String>> texts() throws IOException {
    String source;
    try (InputStream in =
        Objects.requireNonNull(WebTextsTest.class.getResourceAsStream("/webroot/i18n.js"))) {
      source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Map<String, String>> texts = new LinkedHashMap<>();
    Matcher language = Pattern.compile("(?m)^  ([a-z]{2,3}): \\{$").matcher(source);
    int start = -1;
    String current = null;
    while (language.find()) {
      if (current != null) {
        texts.put(current, entries(source.substring(start, language.start())));
      }
      current = language.group(1);
      start = language.end();
    }
    texts.put(current, entries(source.substring(start)));
    return texts;
  }

  private static Map<String, String> entries(String block) {
    Map<String, String> entries = new LinkedHashMap<>();
    Matcher entry = ENTRY.matcher(block);
    while (entry.find()) {
      entries.put(entry.group(1), entry.group(2) != null ? entry.group(2) : entry.group(3));
    }
    return entries;
  }
}
