package ma.tadamon.platform.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers computed once outside this code base, kept as data beside the tests, so that each side of
 * a protocol is held to the same answers without either computing them (known-answers/*.json).
 */
public final class KnownAnswers {

  /** A set of parameters, in the order they were posted, the key, and the expected hash. */
  public record Ver3(String name, Map<String, String> parameters, String key, String hash) {}

  private KnownAnswers() {}

  /** CMI's ver3 hash of three parameter sets (known-answers/cmi-ver3.json says how they came). */
  public static List<Ver3> cmiVer3() {
    JsonObject document = read("/known-answers/cmi-ver3.json");
    List<Ver3> sets = new ArrayList<>();
    for (Object each : document.getJsonArray("sets")) {
      JsonObject set = (JsonObject) each;
      Map<String, String> parameters = new LinkedHashMap<>();
      for (Object pair : set.getJsonArray("parameters")) {
        parameters.put(((JsonArray) pair).getString(0), ((JsonArray) pair).getString(1));
      }
      sets.add(
          new Ver3(set.getString("name"), parameters, set.getString("key"), set.getString("hash")));
    }
    return sets;
  }

  private static JsonObject read(String resource) {
    try (InputStream in = KnownAnswers.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
