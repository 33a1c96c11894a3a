package ma.tadamon.platform.ratelimit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A rate limit refused: {@code limit} names which, {@code retryAfter} says when its bucket has room
 * again, and a {@code challenge}, when there is one, is the proof of work (ALTCHA) that passes it
 * now. The HTTP edge answers it with 429 and {@code Retry-After}.
 */
public final class RateLimitExceeded extends RuntimeException {

  private final String limit;
  private final transient Duration retryAfter;
  private final transient Map<String, Object> challenge;

  public RateLimitExceeded(String limit, Duration retryAfter) {
    this(limit, retryAfter, null);
  }

  private RateLimitExceeded(String limit, Duration retryAfter, Map<String, Object> challenge) {
    super("rate limit " + limit + " reached; room again in " + retryAfter, null, false, false);
    this.limit = limit;
    this.retryAfter = retryAfter;
    this.challenge = challenge;
  }

  /** The same refusal, offering {@code challenge} as the way past it. */
  public RateLimitExceeded passableWith(Map<String, Object> challenge) {
    return new RateLimitExceeded(limit, retryAfter, Map.copyOf(challenge));
  }

  public String limit() {
    return limit;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  public Optional<Map<String, Object>> challenge() {
    return Optional.ofNullable(challenge);
  }

  /** Whole seconds, at least one: what {@code Retry-After} says. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
