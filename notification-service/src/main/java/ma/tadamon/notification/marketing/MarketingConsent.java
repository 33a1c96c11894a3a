package ma.tadamon.notification.marketing;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words a shopper agrees to when ticking "send me Tadamon's news" at checkout, by version (a
 * consent is recorded with the exact text shown), and the words that take it back by SMS.
 */
public final class MarketingConsent {

  /** The version the checkout shows now. A new wording is a new version; old ones stay. */
  public static final String CURRENT = "v1";

  private static final Map<String, Map<String, String>> TEXTS =
      Map.of(
          "v1",
          Map.of(
              "ar",
              "أريد أن أتوصل بأخبار تضامن (معارض، تعاونيات، منتجات جديدة) عبر الرسائل القصيرة والبريد"
                  + " الإلكتروني. يمكنني التوقف في أي وقت بإرسال STOP أو عبر الرابط في كل رسالة.",
              "fr",
              "Je veux recevoir les nouvelles de Tadamon (salons, coopératives, nouveaux produits) par"
                  + " SMS et e-mail. Je peux arrêter à tout moment en répondant STOP ou par le lien"
                  + " de chaque message.",
              "en",
              "I want to receive Tadamon's news (fairs, cooperatives, new products) by SMS and"
                  + " e-mail. I can stop at any time by replying STOP or with the link in each"
                  + " message."));

  /** What people send to stop: French, English, Darija in Latin letters, Arabic. */
  private static final Set<String> STOP_WORDS =
      Set.of(
          "stop",
          "arret",
          "arreter",
          "desabonner",
          "unsubscribe",
          "safi",
          "baraka",
          "توقف",
          "قف",
          "كفى",
          "بركة");

  private MarketingConsent() {}

  /** The text of {@code version} in {@code language} (French when it has none in it). */
  public static Optional<String> text(String version, String language) {
    Map<String, String> texts = TEXTS.get(version);
    if (texts == null) {
      return Optional.empty();
    }
    return Optional.of(texts.getOrDefault(language, texts.get("fr")));
  }

  public static Map<String, String> texts(String version) {
    return TEXTS.getOrDefault(version, Map.of());
  }

  /** An SMS that says stop, alone (with punctuation or case as it comes). */
  public static boolean isStop(String sms) {
    String word =
        Normalizer.normalize(sms.strip(), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .replaceAll("[\\p{P}\\s]+$", "")
            .replaceAll("^[\\p{P}\\s]+", "")
            .toLowerCase(Locale.ROOT);
    return STOP_WORDS.contains(word);
  }
}
