package ma.tadamon.notification.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a notification is tried again: exponential backoff with jitter (so a thousand messages
 * failing together do not retry together), dead after {@code maxAttempts}; and when an SMS may not
 * go at all, in a cooperative's quiet hours (queued until they end, never dropped). Times are
 * Moroccan time.
 */
public record DeliveryPolicy(int maxAttempts, Duration firstRetry, Duration maxRetry, ZoneId zone) {

  public static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

  /** A cooperative's quiet hours, e.g. 21:00–07:00; start equal to end means none. */
  public record QuietHours(LocalTime start, LocalTime end) {

    public boolean isNone() {
      return start.equals(end);
    }
  }

  public boolean exhausted(int attemptsMade) {
    return attemptsMade >= maxAttempts;
  }

  /**
   * When to try again after {@code attemptsMade} failed attempts; {@code random} in [0, 1) spreads
   * it ±20 %.
   */
  public Instant nextAttempt(int attemptsMade, Instant now, double random) {
    long base = firstRetry.toMillis() << Math.min(20, Math.max(0, attemptsMade - 1));
    long capped = Math.min(base, maxRetry.toMillis());
    long jittered = (long) (capped * (0.8 + 0.4 * random));
    return now.plusMillis(jittered);
  }

  /** The end of the quiet hours {@code now} falls in, or empty when a message may go now. */
  public Optional<Instant> quietUntil(QuietHours quiet, Instant now) {
    if (quiet == null || quiet.isNone()) {
      return Optional.empty();
    }
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    boolean overnight = quiet.start().isAfter(quiet.end());
    boolean inside =
        overnight
            ? !time.isBefore(quiet.start()) || time.isBefore(quiet.end())
            : !time.isBefore(quiet.start()) && time.isBefore(quiet.end());
    if (!inside) {
      return Optional.empty();
    }
    LocalDate endDay =
        overnight && !time.isBefore(quiet.start())
            ? local.toLocalDate().plusDays(1)
            : local.toLocalDate();
    return Optional.of(ZonedDateTime.of(endDay, quiet.end(), zone).toInstant());
  }
}
