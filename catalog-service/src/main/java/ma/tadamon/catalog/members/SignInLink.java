package ma.tadamon.catalog.members;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;

/**
 * A link that lets a cooperative's member choose her password: sent once, good for a week, and for
 * a quarter of an hour after its first use (so that a phone that lost the answer can send the form
 * again), then worthless. Only its code's digest is kept.
 */
public record SignInLink(
    UUID id,
    UUID cooperative,
    String memberId,
    String username,
    Instant expiresAt,
    Instant usedAt) {

  public static final Duration LIFETIME = Duration.ofDays(7);
  static final Duration AGAIN_AFTER_USE = Duration.ofMinutes(15);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MIN_PASSWORD = 10;
  private static final int MAX_PASSWORD = 128;

  /** 128 random bits, 22 characters in a link: nobody guesses one. */
  public static String newCode() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A code as a link can carry it; anything else is no link of ours. */
  public static boolean wellFormed(String code) {
    return code != null && code.matches("[A-Za-z0-9_-]{22}");
  }

  public boolean usableAt(Instant now) {
    return now.isBefore(expiresAt)
        && (usedAt == null || now.isBefore(usedAt.plus(AGAIN_AFTER_USE)));
  }

  /** What Keycloak's policy asks too, said before the form goes there. */
  public static List<FieldError> passwordProblems(String password) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      return List.of(new FieldError("password", "10 to 128 characters"));
    }
    return List.of();
  }

  public static DomainException noLongerWorks() {
    return DomainException.notFound(
        "sign-in-link-unusable",
        "This sign-in link no longer works",
        "It was used, replaced by a newer one, or is more than a week old. Ask Tadamon's team for"
            + " a new link.");
  }
}
