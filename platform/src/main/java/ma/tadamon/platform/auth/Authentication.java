package ma.tadamon.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.SimpleAuthenticationHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.http.ProblemException;

/**
 * JWT verification for a service, from a configured public key ({@code JWT_PUBLIC_KEY}, PEM) or the
 * identity provider's key set ({@code JWT_JWKS_URL}, kept fresh by {@link KeySet}), and role checks
 * on routes. Tokens must come from {@code JWT_ISSUER} and, when {@code JWT_AUDIENCE} is set, be
 * meant for it.
 */
public final class Authentication {

  /** Clocks of the identity provider and of a service may differ by this much. */
  private static final int LEEWAY_SECONDS = 10;

  private final Verifier verifier;

  /** What checks a token's signature: a fixed key, or the identity provider's current key set. */
  interface Verifier {
    Future<User> verify(String token);

    /** Whether it has keys to verify with (an identity provider's, once fetched). */
    default boolean hasKeys() {
      return true;
    }

    /**
     * The keys it verifies with now, compared by identity: another object once they changed (an
     * identity provider's new key set), so that what they verified before is verified again.
     */
    default Object currentKeys() {
      return this;
    }
  }

  private Authentication(Verifier verifier) {
    this.verifier =
        new VerifiedTokens(verifier, Clock.systemUTC(), Duration.ofSeconds(LEEWAY_SECONDS));
  }

  /**
   * Never fails for an unreachable identity provider: the service starts, and answers signed-in
   * requests 503 until the first key set arrives.
   */
  public static Future<Authentication> create(Vertx vertx, Settings settings) {
    JWTOptions checks =
        new JWTOptions().setIssuer(settings.get("JWT_ISSUER", "tadamon")).setLeeway(LEEWAY_SECONDS);
    settings.optional("JWT_AUDIENCE").ifPresent(audience -> checks.setAudience(List.of(audience)));
    Optional<String> publicKey = settings.optional("JWT_PUBLIC_KEY");
    Optional<String> jwksUrl = settings.optional("JWT_JWKS_URL");
    if (publicKey.isPresent()) {
      JWTAuth jwt =
          JWTAuth.create(
              vertx,
              options(
                  checks,
                  List.of(
                      new PubSecKeyOptions()
                          .setAlgorithm(settings.get("JWT_ALGORITHM", "ES256"))
                          .setBuffer(publicKey.get().replace("\\n", "\n"))),
                  List.of()));
      return Future.succeededFuture(
          new Authentication(token -> jwt.authenticate(new TokenCredentials(token))));
    }
    if (jwksUrl.isPresent()) {
      return Future.succeededFuture(
          new Authentication(KeySet.start(vertx, jwksUrl.get(), checks, settings)));
    }
    return Future.failedFuture(
        new ConfigurationException("JWT_PUBLIC_KEY or JWT_JWKS_URL must be set"));
  }

  /**
   * Options built from nothing shared: a new JWTAuthOptions's defaults (its JWTOptions at least)
   * are one instance for the whole JVM, so an audience or a key added to them would be demanded or
   * trusted by every later JWTAuth of the JVM (the local platform's services share one JVM).
   */
  static JWTAuthOptions options(
      JWTOptions checks, List<PubSecKeyOptions> keys, List<JsonObject> jwks) {
    return new JWTAuthOptions()
        .setJWTOptions(checks)
        .setPubSecKeys(new ArrayList<>(keys))
        .setJwks(new ArrayList<>(jwks));
  }

  /** Whether tokens can be verified yet: for readiness. */
  public boolean hasSigningKeys() {
    return verifier.hasKeys();
  }

  /**
   * Requires a valid bearer token; a missing or bad one is a 401 problem, and no key set yet from
   * the identity provider a 503.
   */
  public Handler<RoutingContext> authenticated() {
    return SimpleAuthenticationHandler.create()
        .authenticate(
            ctx ->
                bearer(ctx)
                    .map(this::verified)
                    .orElseGet(() -> Future.failedFuture(new HttpException(401))));
  }

  private Future<User> verified(String token) {
    return verifier
        .verify(token)
        .recover(
            failure ->
                Future.failedFuture(
                    failure instanceof HttpException http ? http : new HttpException(401)));
  }

  private static Optional<String> bearer(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    String token = header.substring(7).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /**
   * Protects a route: a valid bearer token holding at least one of {@code roles} is required;
   * otherwise 401 (no or bad token) or 403 (wrong role).
   */
  public Route protect(Route route, Role... roles) {
    String names = Arrays.stream(roles).map(Role::claim).collect(Collectors.joining(" or "));
    return route
        .handler(authenticated())
        .handler(
            ctx -> {
              Caller caller = Caller.of(ctx.user());
              if (Arrays.stream(roles).noneMatch(caller::is)) {
                ctx.fail(ProblemException.forbidden("This needs the role " + names + "."));
                return;
              }
              ctx.next();
            });
  }

  /**
   * For routes open to guests that also honour a token when one is sent (checkout): the caller if
   * the request carries a valid token, none if it carries no token, a 401 if its token is bad.
   */
  public Future<Optional<Caller>> optionalCaller(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || header.isBlank()) {
      return Future.succeededFuture(Optional.empty());
    }
    return bearer(ctx)
        .map(token -> verified(token).map(user -> Optional.of(Caller.of(user))))
        .orElseGet(() -> Future.failedFuture(new HttpException(401)));
  }

  public static Caller caller(RoutingContext ctx) {
    if (ctx.user() == null) {
      throw new HttpException(401);
    }
    return Caller.of(ctx.user());
  }
}
