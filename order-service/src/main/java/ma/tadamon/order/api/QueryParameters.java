package ma.tadamon.order.api;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import ma.tadamon.platform.http.ProblemException;

/** Reading the order lists' query parameters; a malformed or unknown one is a 400 naming it. */
final class QueryParameters {

  private final RoutingContext ctx;

  QueryParameters(RoutingContext ctx, Set<String> known) {
    this.ctx = ctx;
    for (String name : ctx.queryParams().names()) {
      if (!known.contains(name)) {
        throw ProblemException.badRequest(
            "Unknown parameter '"
                + name
                + "'; known ones are "
                + String.join(", ", new TreeSet<>(known))
                + ".");
      }
    }
  }

  <T> Optional<T> parsed(String name, String expected, Function<String, Optional<T>> parser) {
    return Optional.ofNullable(ctx.request().getParam(name))
        .map(
            value ->
                parser
                    .apply(value)
                    .orElseThrow(
                        () ->
                            ProblemException.badRequest(
                                "'" + name + "' must be " + expected + ", not '" + value + "'")));
  }

  <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
    return parsed(
        name,
        "one of " + Arrays.toString(type.getEnumConstants()),
        value ->
            Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value))
                .findFirst());
  }

  Optional<UUID> uuid(String name) {
    return parsed(
        name,
        "an id",
        value -> {
          try {
            return Optional.of(UUID.fromString(value));
          } catch (IllegalArgumentException e) {
            return Optional.empty();
          }
        });
  }

  Optional<Instant> instant(String name) {
    return parsed(
        name,
        "an instant such as 2026-11-22T00:00:00Z",
        value -> {
          try {
            return Optional.of(Instant.parse(value));
          } catch (DateTimeParseException e) {
            return Optional.empty();
          }
        });
  }

  int limit(int max, int defaultValue) {
    return parsed(
            "limit",
            "a number from 1 to " + max,
            value -> {
              try {
                int limit = Integer.parseInt(value);
                return limit < 1 || limit > max ? Optional.empty() : Optional.of(limit);
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            })
        .orElse(defaultValue);
  }
}
