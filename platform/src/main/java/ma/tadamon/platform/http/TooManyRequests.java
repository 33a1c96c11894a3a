package ma.tadamon.platform.http;

import java.util.Map;
import ma.tadamon.platform.ratelimit.RateLimitExceeded;

/**
 * The answer to a request a rate limit refused, in the reader's language: it is read by shoppers
 * and cooperatives, not only by developers. It says when to try again and never which limit or
 * threshold was met, which would tell an abuser how to stay just below it.
 */
final class TooManyRequests {

  private static final Map<String, String> TITLE =
      Map.of(
          "ar", "طلبات كثيرة جدا",
          "fr", "Trop de demandes",
          "en", "Too many requests");
  private static final Map<String, String> DETAIL =
      Map.of(
          "ar", "تلقينا طلبات كثيرة في وقت قصير. يرجى المحاولة مرة أخرى بعد %d ثانية.",
          "fr", "Nous avons reçu trop de demandes en peu de temps. Réessayez dans %d secondes.",
          "en", "We received too many requests in a short time. Please try again in %d seconds.");

  private TooManyRequests() {}

  static Problem problem(RateLimitExceeded refused, String language) {
    return Problem.of(
            429,
            "too-many-requests",
            TITLE.get(language),
            String.format(DETAIL.get(language), refused.retryAfterSeconds()))
        .with("retryAfterSeconds", refused.retryAfterSeconds());
  }
}
