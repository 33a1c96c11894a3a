package ma.tadamon.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.ext.web.handler.JWTAuthHandler;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.http.ProblemException;

/**
 * JWT verification for a service, from a configured public key ({@code JWT_PUBLIC_KEY}, PEM) or an
 * identity provider's key set ({@code JWT_JWKS_URL}), and role checks on routes.
 */
public final class Authentication {

  private final JWTAuth jwt;

  private Authentication(JWTAuth jwt) {
    this.jwt = jwt;
  }

  public static Future<Authentication> create(Vertx vertx, Settings settings) {
    String issuer = settings.get("JWT_ISSUER", "tadamon");
    Optional<String> publicKey = settings.optional("JWT_PUBLIC_KEY");
    Optional<String> jwksUrl = settings.optional("JWT_JWKS_URL");
    if (publicKey.isPresent()) {
      JWTAuthOptions options =
          new JWTAuthOptions()
              .addPubSecKey(
                  new PubSecKeyOptions()
                      .setAlgorithm(settings.get("JWT_ALGORITHM", "ES256"))
                      .setBuffer(publicKey.get().replace("\\n", "\n")));
      options.getJWTOptions().setIssuer(issuer);
      return Future.succeededFuture(new Authentication(JWTAuth.create(vertx, options)));
    }
    if (jwksUrl.isPresent()) {
      WebClient client = WebClient.create(vertx);
      return client
          .getAbs(jwksUrl.get())
          .send()
          .map(
              response -> {
                if (response.statusCode() != 200) {
                  throw new ConfigurationException(
                      "JWT_JWKS_URL answered " + response.statusCode());
                }
                JWTAuthOptions options = new JWTAuthOptions();
                response
                    .bodyAsJsonObject()
                    .getJsonArray("keys")
                    .forEach(key -> options.addJwk((JsonObject) key));
                options.getJWTOptions().setIssuer(issuer);
                return new Authentication(JWTAuth.create(vertx, options));
              })
          .onComplete(done -> client.close());
    }
    return Future.failedFuture(
        new ConfigurationException("JWT_PUBLIC_KEY or JWT_JWKS_URL must be set"));
  }

  /** Requires a valid bearer token; a missing or bad one is a 401 problem. */
  public Handler<RoutingContext> authenticated() {
    return JWTAuthHandler.create(jwt);
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
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(new HttpException(401));
    }
    return jwt.authenticate(new TokenCredentials(header.substring(7).trim()))
        .map(user -> Optional.of(Caller.of(user)))
        .recover(err -> Future.failedFuture(new HttpException(401)));
  }

  public static Caller caller(RoutingContext ctx) {
    if (ctx.user() == null) {
      throw new HttpException(401);
    }
    return Caller.of(ctx.user());
  }
}
