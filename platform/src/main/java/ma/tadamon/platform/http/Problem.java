package ma.tadamon.platform.http;

import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * An RFC 9457 problem: what went wrong, for a client to show and a developer to act on. {@code
 * type} is a stable URI reference naming the kind of problem; {@code extensions} carry details such
 * as the offending fields.
 */
public record Problem(
    String type, String title, int status, String detail, Map<String, Object> extensions) {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://problems.tadamon.ma/";

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_BASE + slug, title, status, detail, Map.of());
  }

  public Problem with(String name, Object value) {
    Map<String, Object> more = new java.util.LinkedHashMap<>(extensions);
    more.put(name, value);
    return new Problem(type, title, status, detail, Map.copyOf(more));
  }

  public JsonObject toJson(String instance) {
    JsonObject json = new JsonObject().put("type", type).put("title", title).put("status", status);
    if (detail != null) {
      json.put("detail", detail);
    }
    if (instance != null) {
      json.put("instance", instance);
    }
    extensions.forEach(json::put);
    return json;
  }
}
