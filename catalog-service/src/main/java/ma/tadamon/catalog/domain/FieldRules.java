package ma.tadamon.catalog.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import ma.tadamon.platform.domain.FieldError;

/**
 * The checks the catalog's forms share; each adds a message naming its field, so a form can show it
 * in place.
 */
final class FieldRules {

  static final Set<String> LANGUAGES = Languages.SUPPORTED;
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{7,14}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private final List<FieldError> errors;

  FieldRules(List<FieldError> errors) {
    this.errors = errors;
  }

  /**
   * A text in one language at least, keyed by ar, fr, en or zgh, none blank or longer than {@code
   * max}.
   */
  void localized(String field, Map<String, String> texts, int max) {
    if (texts == null || texts.isEmpty()) {
      errors.add(new FieldError(field, "give it in Arabic, French or English at least"));
      return;
    }
    texts.forEach(
        (language, text) -> {
          if (!LANGUAGES.contains(language)) {
            errors.add(new FieldError(field + "." + language, "languages are ar, fr, en and zgh"));
          } else if (text == null || text.isBlank()) {
            errors.add(new FieldError(field + "." + language, "must not be empty"));
          } else if (text.length() > max) {
            errors.add(
                new FieldError(field + "." + language, "must be at most " + max + " characters"));
          }
        });
  }

  void text(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
    } else if (value.length() > max) {
      errors.add(new FieldError(field, "must be at most " + max + " characters"));
    }
  }

  void phone(String field, String value) {
    if (value == null || !E164.matcher(value).matches()) {
      errors.add(new FieldError(field, "must be an international number such as +212612345678"));
    }
  }

  void optionalEmail(String field, String value) {
    if (value != null
        && !value.isBlank()
        && (value.length() > 200 || !EMAIL.matcher(value).matches())) {
      errors.add(new FieldError(field, "is not an e-mail address"));
    }
  }

  void language(String field, String value) {
    if (value == null || !LANGUAGES.contains(value)) {
      errors.add(new FieldError(field, "must be ar, fr, en or zgh"));
    }
  }

  void between(String field, Number value, long min, long max) {
    if (value == null || value.longValue() < min || value.longValue() > max) {
      errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
    }
  }

  void required(String field, Object value, String expected) {
    if (value == null) {
      errors.add(new FieldError(field, "must be " + expected));
    }
  }

  void oneOf(String field, String value, Set<String> allowed, String expected) {
    if (value == null || !allowed.contains(value)) {
      errors.add(new FieldError(field, "must be " + expected));
    }
  }

  void texts(String field, List<String> values, int maxCount, int maxLength) {
    if (values == null) {
      return;
    }
    if (values.size() > maxCount) {
      errors.add(new FieldError(field, "at most " + maxCount));
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      text(field + "[" + i + "]", values.get(i), maxLength);
    }
  }

  /** Image addresses: absolute http(s) URLs, or paths on the platform's own origin. */
  void imageUrls(String field, List<String> values, int maxCount) {
    texts(field, values, maxCount, 500);
    if (values == null || values.size() > maxCount) {
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (value != null && !value.isBlank() && !isImageAddress(value)) {
        errors.add(
            new FieldError(
                field + "[" + i + "]", "must be an https:// address or a path starting with /"));
      }
    }
  }

  private static boolean isImageAddress(String value) {
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme();
      return scheme == null
          ? value.startsWith("/") && !value.startsWith("//")
          : (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
