package ma.tadamon.platform.ratelimit;

import java.time.Duration;

/**
 * A rate limit refused: {@code limit} names which, {@code retryAfter} says when its bucket has room
 * again. The HTTP edge answers it with 429 and {@code Retry-After}.
 */
public final class RateLimitExceeded extends RuntimeException {

  private final String limit;
  private final transient Duration retryAfter;

  public RateLimitExceeded(String limit, Duration retryAfter) {
    super("rate limit " + limit + " reached; room again in " + retryAfter, null, false, false);
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  public String limit() {
    return limit;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds, at least one: what {@code Retry-After} says. */
  public long retryAfterSeconds() {
    return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
  }
}
