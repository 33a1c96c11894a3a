package ma.tadamon.events.catalog;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A place's name by language, as events carry it. Events written before places had names per
 * language carry one string, the name as registered (in Latin letters, as French writes it): it is
 * read as the French name, so that a consumer replaying an old event still understands it.
 */
public final class PlaceName extends JsonDeserializer<Map<String, String>> {

  @Override
  public Map<String, String> deserialize(JsonParser parser, DeserializationContext context)
      throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return Map.of("fr", parser.getText());
    }
    Map<String, String> names = new LinkedHashMap<>();
    Map<?, ?> read = parser.readValueAs(Map.class);
    for (Map.Entry<?, ?> entry : read.entrySet()) {
      names.put(String.valueOf(entry.getKey()), String.valueOf(entry.getValue()));
    }
    return Map.copyOf(names);
  }
}
