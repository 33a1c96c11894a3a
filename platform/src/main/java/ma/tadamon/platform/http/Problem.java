package ma.tadamon.platform.http;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import ma.tadamon.platform.domain.DomainException;

/**
 * An RFC 9457 problem: what went wrong, for a client to show and a developer to act on. {@code
 * type} is a stable URI reference naming the kind of problem; {@code extensions} carry details such
 * as the offending fields. The standard members keep their meaning: an extension may not reuse
 * their names (a domain state goes in a member of its own, never in {@code status}, which is the
 * HTTP status).
 */
public record Problem(
    String type, String title, int status, String detail, Map<String, Object> extensions) {

  public static final String CONTENT_TYPE = "application/problem+json";
  private static final String TYPE_BASE = "https://problems.tadamon.ma/";
  private static final Set<String> STANDARD_MEMBERS =
      Set.of("type", "title", "status", "detail", "instance");

  public Problem {
    extensions.keySet().stream()
        .filter(STANDARD_MEMBERS::contains)
        .findAny()
        .ifPresent(
            name -> {
              throw new IllegalArgumentException(
                  "'" + name + "' is a standard member of a problem, not an extension");
            });
  }

  public static Problem of(int status, String slug, String title, String detail) {
    return new Problem(TYPE_BASE + slug, title, status, detail, Map.of());
  }

  /** The HTTP answer to a refusal of the domain: the one place where a kind becomes a status. */
  public static Problem from(DomainException refusal) {
    int status =
        switch (refusal.kind()) {
          case INVALID, REFUSED -> 422;
          case NOT_FOUND -> 404;
          case CONFLICT -> 409;
          case FORBIDDEN -> 403;
          case MALFORMED -> 400;
        };
    Problem problem = of(status, refusal.code(), refusal.title(), refusal.detail());
    if (!refusal.errors().isEmpty()) {
      problem =
          problem.with(
              "errors",
              refusal.errors().stream()
                  .map(error -> Map.of("field", error.field(), "message", error.message()))
                  .toList());
    }
    for (Map.Entry<String, Object> fact : refusal.facts().entrySet()) {
      problem = problem.with(fact.getKey(), fact.getValue());
    }
    return problem;
  }

  public Problem with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(extensions);
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
