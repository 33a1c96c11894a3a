package ma.tadamon.catalog.api;

import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import ma.tadamon.platform.http.ProblemException;

/** Reading query and path parameters; a malformed one is a 400 naming it. */
final class QueryParameters {

  private final RoutingContext ctx;

  QueryParameters(RoutingContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Refuses parameters this endpoint does not know: a misspelt filter must not silently match
   * everything.
   */
  QueryParameters allowOnly(java.util.Set<String> known) {
    for (String name : ctx.queryParams().names()) {
      if (!known.contains(name)) {
        throw ProblemException.badRequest(
            "Unknown parameter '"
                + name
                + "'; known ones are "
                + String.join(", ", new java.util.TreeSet<>(known))
                + ".");
      }
    }
    return this;
  }

  Optional<String> text(String name) {
    return Optional.ofNullable(ctx.request().getParam(name))
        .map(String::trim)
        .filter(value -> !value.isEmpty());
  }

  <T> Optional<T> parsed(String name, String expected, Function<String, Optional<T>> parser) {
    return text(name)
        .map(
            value ->
                parser
                    .apply(value)
                    .orElseThrow(
                        () ->
                            ProblemException.badRequest(
                                "'" + name + "' must be " + expected + ", not '" + value + "'")));
  }

  Optional<Long> nonNegativeLong(String name) {
    return parsed(
        name,
        "a whole number of centimes",
        value -> {
          try {
            long parsed = Long.parseLong(value);
            return parsed < 0 ? Optional.empty() : Optional.of(parsed);
          } catch (NumberFormatException e) {
            return Optional.empty();
          }
        });
  }

  Optional<Boolean> bool(String name) {
    return parsed(
        name,
        "true or false",
        value ->
            switch (value) {
              case "true" -> Optional.of(true);
              case "false" -> Optional.of(false);
              default -> Optional.empty();
            });
  }

  Optional<UUID> uuid(String name) {
    return parsed(name, "an id", QueryParameters::parseUuid);
  }

  int intBetween(String name, int min, int max, int defaultValue) {
    return parsed(
            name,
            "a number from " + min + " to " + max,
            value -> {
              try {
                int parsed = Integer.parseInt(value);
                return parsed < min || parsed > max ? Optional.empty() : Optional.of(parsed);
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .orElse(defaultValue);
  }

  UUID pathId(String name, String what) {
    return parseUuid(ctx.pathParam(name)).orElseThrow(() -> ProblemException.notFound(what));
  }

  static Optional<UUID> parseUuid(String value) {
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
