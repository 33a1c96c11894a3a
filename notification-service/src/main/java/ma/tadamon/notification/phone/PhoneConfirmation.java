package ma.tadamon.notification.phone;

import java.time.Instant;
import java.util.UUID;

/**
 * One order's wait for its shopper's phone, and what an attempt at its code does: a right code in
 * time confirms it; a wrong one counts, and the fifth locks it for good; after its deadline nothing
 * confirms it (the order is cancelled then).
 */
public record PhoneConfirmation(
    UUID orderId,
    String phone,
    String language,
    Status status,
    int wrongAttempts,
    Instant expiresAt) {

  public static final int MAX_WRONG_ATTEMPTS = 5;

  public enum Status {
    PENDING,
    CONFIRMED,
    LOCKED,
    /** The order ended while it waited: cancelled by its shopper, or at its deadline. */
    CLOSED
  }

  /** What an attempt did; {@code attemptsLeft} counts the wrong codes still allowed. */
  public record Attempt(Outcome outcome, int attemptsLeft) {}

  public enum Outcome {
    CONFIRMED,
    ALREADY_CONFIRMED,
    WRONG_CODE,
    LOCKED,
    EXPIRED
  }

  public Attempt attempt(boolean rightCode, Instant now) {
    return switch (status) {
      case CONFIRMED -> new Attempt(Outcome.ALREADY_CONFIRMED, 0);
      case LOCKED -> new Attempt(Outcome.LOCKED, 0);
      case CLOSED -> new Attempt(Outcome.EXPIRED, 0);
      case PENDING -> {
        if (!now.isBefore(expiresAt)) {
          yield new Attempt(Outcome.EXPIRED, 0);
        }
        if (rightCode) {
          yield new Attempt(Outcome.CONFIRMED, 0);
        }
        int left = MAX_WRONG_ATTEMPTS - (wrongAttempts + 1);
        yield left > 0 ? new Attempt(Outcome.WRONG_CODE, left) : new Attempt(Outcome.LOCKED, 0);
      }
    };
  }

  /** The state an attempt leaves behind. */
  public PhoneConfirmation after(Attempt attempt) {
    return switch (attempt.outcome()) {
      case CONFIRMED -> with(Status.CONFIRMED, wrongAttempts);
      case WRONG_CODE -> with(Status.PENDING, wrongAttempts + 1);
      case LOCKED -> with(Status.LOCKED, Math.min(MAX_WRONG_ATTEMPTS, wrongAttempts + 1));
      case ALREADY_CONFIRMED, EXPIRED -> this;
    };
  }

  private PhoneConfirmation with(Status newStatus, int wrong) {
    return new PhoneConfirmation(orderId, phone, language, newStatus, wrong, expiresAt);
  }
}
