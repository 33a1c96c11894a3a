package ma.tadamon.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reading a request's query and path parameters. An unknown query parameter is a 400 (a misspelt
 * filter must not silently match everything), a malformed one a 400 naming it, one with control
 * characters a 422; a path id that is not an id names nothing, so it is a 404 like any unknown id.
 */
public final class QueryParameters {

  private final RoutingContext ctx;

  /** {@code known} lists the parameters this endpoint reads; any other is refused. */
  public QueryParameters(RoutingContext ctx, Set<String> known) {
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

  /**
   * The query parameter {@code name}, one of {@code type}'s constants, or {@code otherwise} when it
   * is absent; anything else is a 400 naming the constants.
   */
  public static <E extends Enum<E>> E oneOf(
      RoutingContext ctx, String name, Class<E> type, E otherwise) {
    String given = ctx.request().getParam(name);
    if (given == null) {
      return otherwise;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(given)) {
        return constant;
      }
    }
    throw ProblemException.badRequest(
        name
            + " is one of "
            + String.join(
                ", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
  }

  /** The path parameter {@code name} as an id; {@code what} names the missing thing otherwise. */
  public static UUID pathId(RoutingContext ctx, String name, String what) {
    return parseId(ctx.pathParam(name)).orElseThrow(() -> ProblemException.notFound(what));
  }

  /** {@code value} as an id, if it is one. */
  public static Optional<UUID> parseId(String value) {
    try {
      return Optional.of(UUID.fromString(value));
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
  }

  /** The parameter, trimmed; absent when missing or blank. */
  public Optional<String> text(String name) {
    return Optional.ofNullable(RequestText.checked(name, ctx.request().getParam(name)))
        .map(String::trim)
        .filter(value -> !value.isEmpty());
  }

  public <T> Optional<T> parsed(
      String name, String expected, Function<String, Optional<T>> parser) {
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

  public Optional<UUID> uuid(String name) {
    return parsed(name, "an id", QueryParameters::parseId);
  }

  public Optional<Long> nonNegativeLong(String name) {
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

  public Optional<Boolean> bool(String name) {
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

  public int intBetween(String name, int min, int max, int defaultValue) {
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

  public <E extends Enum<E>> Optional<E> enumValue(String name, Class<E> type) {
    return parsed(
        name,
        "one of " + Arrays.toString(type.getEnumConstants()),
        value ->
            Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value))
                .findFirst());
  }

  public Optional<Instant> instant(String name) {
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
}
