package ma.tadamon.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.HttpException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import ma.tadamon.platform.config.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's signing keys (its JWKS), fetched at start-up and kept fresh: refreshed
 * every {@code JWT_JWKS_REFRESH_SECONDS}, and at once (at most every few seconds) when a token
 * names a key not seen yet, so a key rotation needs no restart. When the identity provider is out
 * of reach, the keys last fetched keep verifying tokens; before the first fetch, signed-in requests
 * are answered 503.
 */
final class KeySet implements Authentication.Verifier {

  private static final Logger log = LoggerFactory.getLogger(KeySet.class);
  private static final long RETRY_MS = 2_000;
  private static final long UNKNOWN_KEY_REFRESH_MS = 10_000;

  private final Vertx vertx;
  private final WebClient client;
  private final String url;
  private final JWTOptions checks;
  private volatile JWTAuth current;
  private volatile Set<String> knownKeyIds = Set.of();
  private volatile long lastUnknownKeyRefresh;
  private volatile boolean unreachable;
  private final AtomicReference<Future<Void>> inFlight = new AtomicReference<>();

  private KeySet(Vertx vertx, String url, JWTOptions checks) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.url = url;
    this.checks = checks;
  }

  static KeySet start(Vertx vertx, String url, JWTOptions checks, Settings settings) {
    KeySet keys = new KeySet(vertx, url, checks);
    keys.fetchUntilLoaded();
    long refreshMs = settings.getLong("JWT_JWKS_REFRESH_SECONDS", 300) * 1000;
    vertx.setPeriodic(refreshMs, refreshMs, tick -> keys.fetch());
    return keys;
  }

  @Override
  public Future<User> verify(String token) {
    JWTAuth jwt = current;
    if (jwt == null) {
      return Future.failedFuture(new HttpException(503, "sign-in is not available yet"));
    }
    String keyId = keyId(token);
    if (keyId != null && !knownKeyIds.contains(keyId)) {
      long now = System.currentTimeMillis();
      if (now - lastUnknownKeyRefresh > UNKNOWN_KEY_REFRESH_MS) {
        lastUnknownKeyRefresh = now;
        return fetch().transform(done -> current.authenticate(new TokenCredentials(token)));
      }
    }
    return jwt.authenticate(new TokenCredentials(token));
  }

  @Override
  public boolean hasKeys() {
    return current != null;
  }

  /** A new one at every fetch: tokens remembered as verified are verified again with it. */
  @Override
  public Object currentKeys() {
    return current;
  }

  private void fetchUntilLoaded() {
    fetch()
        .onFailure(
            failure -> {
              if (current == null) {
                vertx.setTimer(RETRY_MS, retry -> fetchUntilLoaded());
              }
            });
  }

  /** One fetch at a time: callers arriving meanwhile (several event loops) wait for it. */
  private Future<Void> fetch() {
    Promise<Void> mine = Promise.promise();
    Future<Void> running = inFlight.compareAndExchange(null, mine.future());
    if (running != null) {
      return running;
    }
    client
        .getAbs(url)
        .send()
        .<Void>map(
            response -> {
              if (response.statusCode() != 200) {
                throw new IllegalStateException("it answered " + response.statusCode());
              }
              List<JsonObject> signing = new ArrayList<>();
              Set<String> ids = new HashSet<>();
              for (Object key : response.bodyAsJsonObject().getJsonArray("keys")) {
                JsonObject jwk = (JsonObject) key;
                // Encryption keys are in the set too; only signing keys verify tokens.
                if (!"enc".equals(jwk.getString("use"))) {
                  signing.add(jwk);
                  ids.add(jwk.getString("kid"));
                }
              }
              boolean firstOrBack = current == null || unreachable;
              current = JWTAuth.create(vertx, Authentication.options(checks, List.of(), signing));
              knownKeyIds = Set.copyOf(ids);
              unreachable = false;
              if (firstOrBack) {
                log.info("signing keys of the identity provider loaded ({} keys)", ids.size());
              }
              return null;
            })
        .onFailure(
            failure -> {
              // Said once per outage, not at every retry.
              if (!unreachable) {
                unreachable = true;
                log.warn(
                    "the identity provider's keys could not be fetched from {} ({}); {}",
                    url,
                    failure.getMessage(),
                    current == null
                        ? "signed-in requests are refused (503) until they are"
                        : "the keys fetched before stay in use");
              }
            })
        .onComplete(
            done -> {
              inFlight.set(null);
              mine.handle(done);
            });
    return mine.future();
  }

  /** The {@code kid} in a token's header, or null; the signature is checked later, by JWTAuth. */
  private static String keyId(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      return null;
    }
    try {
      String header =
          new String(
              Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
      return new JsonObject(header).getString("kid");
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
