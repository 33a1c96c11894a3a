package ma.tadamon.platform.http;

import java.util.Map;
import ma.tadamon.platform.ratelimit.RateLimitExceeded;

/**
 * The answer to a request a rate limit refused, in the reader's language: it is read by shoppers
 * and cooperatives, not only by developers. It says when to try again and never which limit or
 * threshold was met, which would tell an abuser how to stay just below it. When the refusal can be
 * passed with a proof of work, the answer carries the challenge and says that the browser is
 * checking, which the person sees while it does.
 */
final class TooManyRequests {

  private static final Map<String, String> TITLE =
      Map.of(
          "ar", "طلبات كثيرة جدا",
          "fr", "Trop de demandes",
          "en", "Too many requests");
  private static final Map<String, String> DETAIL =
      Map.of(
          "ar", "تلقينا طلبات كثيرة في وقت قصير. يرجى المحاولة مرة أخرى بعد %s.",
          "fr", "Nous avons reçu trop de demandes en peu de temps. Réessayez dans %s.",
          "en", "We received too many requests in a short time. Please try again in %s.");
  private static final Map<String, String> CHALLENGE_TITLE =
      Map.of(
          "ar", "تحقق قصير ضروري",
          "fr", "Une courte vérification est nécessaire",
          "en", "A short check is needed");
  private static final Map<String, String> CHALLENGE_DETAIL =
      Map.of(
          "ar",
              "تلقينا طلبات كثيرة من هذا الاتصال. سيتحقق متصفحك تلقائيا من أنك لست برنامجا آليا، وقد"
                  + " يستغرق ذلك بضع ثوان.",
          "fr",
              "Nous avons reçu beaucoup de demandes depuis cette connexion. Votre navigateur vérifie"
                  + " automatiquement que vous n'êtes pas un robot ; cela peut prendre quelques"
                  + " secondes.",
          "en",
              "We received many requests from this connection. Your browser checks automatically"
                  + " that you are not a robot; this can take a few seconds.");

  private TooManyRequests() {}

  static Problem problem(RateLimitExceeded refused, String language) {
    long seconds = refused.retryAfterSeconds();
    return refused
        .challenge()
        .map(
            challenge ->
                Problem.of(
                        429,
                        "proof-of-work-required",
                        CHALLENGE_TITLE.get(language),
                        CHALLENGE_DETAIL.get(language))
                    .with("challenge", challenge))
        .orElseGet(
            () ->
                Problem.of(
                    429,
                    "too-many-requests",
                    TITLE.get(language),
                    String.format(DETAIL.get(language), waitInWords(seconds, language))))
        .with("retryAfterSeconds", seconds);
  }

  /**
   * A wait as a person says it: seconds under a minute and a half, whole minutes above, with each
   * language's own agreement of the noun with its number.
   */
  static String waitInWords(long seconds, String language) {
    boolean inMinutes = seconds >= 90;
    long count = inMinutes ? (seconds + 59) / 60 : seconds;
    return switch (language) {
      case "ar" ->
          arabicCount(
              count,
              inMinutes ? "دقيقة واحدة" : "ثانية واحدة",
              inMinutes ? "دقيقتين" : "ثانيتين",
              inMinutes ? "دقائق" : "ثوان",
              inMinutes ? "دقيقة" : "ثانية");
      case "en" -> count + (inMinutes ? " minute" : " second") + (count == 1 ? "" : "s");
      default -> count + (inMinutes ? " minute" : " seconde") + (count == 1 ? "" : "s");
    };
  }

  /**
   * Arabic counts agree with their noun: one and two are said by the noun alone (dual), three to
   * ten take the plural, from eleven on the singular.
   */
  private static String arabicCount(
      long count, String one, String two, String fewPlural, String manySingular) {
    if (count == 1) {
      return one;
    }
    if (count == 2) {
      return two;
    }
    long lastTwoDigits = count % 100;
    return count + " " + (lastTwoDigits >= 3 && lastTwoDigits <= 10 ? fewPlural : manySingular);
  }
}
