package ma.tadamon.catalog.store;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Localized texts between their jsonb column and a map by language. */
final class Texts {

  private Texts() {}

  static Map<String, String> of(JsonObject json) {
    Map<String, String> texts = new LinkedHashMap<>();
    if (json != null) {
      json.forEach(entry -> texts.put(entry.getKey(), String.valueOf(entry.getValue())));
    }
    return texts;
  }
}
