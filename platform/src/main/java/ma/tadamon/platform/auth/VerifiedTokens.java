package ma.tadamon.platform.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the tokens already verified, so that a signed-in person's every request does not check
 * the same ECDSA signature again: a few milliseconds of an event loop each on these machines, a
 * quarter of a service's CPU at forty checkouts a second. A token is remembered until it expires,
 * for a minute at most, and only while the keys that verified it are still the service's: once a
 * new key set is fetched from the identity provider, every token is verified again with it. A token
 * that failed is never remembered. Tokens are kept by their digest, not as they are.
 */
final class VerifiedTokens implements Authentication.Verifier {

  static final Duration MAX_AGE = Duration.ofSeconds(60);
  static final int CAPACITY = 10_000;

  private record Verified(
      JsonObject principal, JsonObject attributes, Instant until, Object verifiedWith) {}

  private final Authentication.Verifier verifier;
  private final Clock clock;
  private final Duration leeway;
  // Least recently used first; guarded by itself: a service's event loops share it.
  private final Map<String, Verified> verified;

  VerifiedTokens(Authentication.Verifier verifier, Clock clock, Duration leeway) {
    this(verifier, clock, leeway, CAPACITY);
  }

  VerifiedTokens(Authentication.Verifier verifier, Clock clock, Duration leeway, int capacity) {
    this.verifier = verifier;
    this.clock = clock;
    this.leeway = leeway;
    this.verified =
        new LinkedHashMap<>(256, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Verified> eldest) {
            return size() > capacity;
          }
        };
  }

  @Override
  public Future<User> verify(String token) {
    String key = TokenDigest.of(token);
    Instant now = clock.instant();
    Object keys = verifier.currentKeys();
    Verified remembered;
    synchronized (verified) {
      remembered = verified.get(key);
      if (remembered != null
          && (!now.isBefore(remembered.until()) || remembered.verifiedWith() != keys)) {
        verified.remove(key);
        remembered = null;
      }
    }
    if (remembered != null) {
      // A user of its own for each request: handlers may add to it.
      return Future.succeededFuture(
          User.create(remembered.principal().copy(), remembered.attributes().copy()));
    }
    return verifier.verify(token).onSuccess(user -> remember(key, user, now, keys));
  }

  @Override
  public boolean hasKeys() {
    return verifier.hasKeys();
  }

  /** How many tokens are remembered now. */
  int size() {
    synchronized (verified) {
      return verified.size();
    }
  }

  private void remember(String key, User user, Instant now, Object keys) {
    Instant until = now.plus(MAX_AGE);
    // Vert.x keeps the token's expiry among the user's attributes.
    Long expires = user.attributes().getLong("exp");
    if (expires != null) {
      Instant expiry = Instant.ofEpochSecond(expires).plus(leeway);
      until = expiry.isBefore(until) ? expiry : until;
    }
    Verified entry = new Verified(user.principal().copy(), user.attributes().copy(), until, keys);
    synchronized (verified) {
      verified.put(key, entry);
    }
  }
}
