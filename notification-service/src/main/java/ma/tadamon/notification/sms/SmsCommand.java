package ma.tadamon.notification.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cooperative's SMS reply read as a command: the order code, then a word in Arabic, French,
 * English or Latin-script Darija, then (optionally) a reason for a decline or a tracking reference
 * for a shipment. "100042 OK", "١٠٠٠٤٢ نعم", "100042 la ma bqach", "100042 SHIP AMANA123".
 * Arabic-Indic digits, accents, case and tatweel do not matter.
 */
public record SmsCommand(String orderCode, Action action, String argument) {

  /** What a reply can ask; names match order-service's fulfilment actions. */
  public enum Action {
    ACCEPT,
    DECLINE,
    SHIP,
    DELIVER
  }

  private static final Pattern SHAPE =
      Pattern.compile("^\\s*#?(\\d{4,10})\\s+(\\S+)\\s*(.*)$", Pattern.DOTALL);
  private static final Map<String, Action> WORDS =
      Map.ofEntries(
          Map.entry("ok", Action.ACCEPT),
          Map.entry("oui", Action.ACCEPT),
          Map.entry("yes", Action.ACCEPT),
          Map.entry("accept", Action.ACCEPT),
          Map.entry("accepte", Action.ACCEPT),
          Map.entry("naam", Action.ACCEPT),
          Map.entry("na3am", Action.ACCEPT),
          Map.entry("wakha", Action.ACCEPT),
          Map.entry("iyeh", Action.ACCEPT),
          Map.entry("نعم", Action.ACCEPT),
          Map.entry("موافق", Action.ACCEPT),
          Map.entry("واخا", Action.ACCEPT),
          Map.entry("no", Action.DECLINE),
          Map.entry("non", Action.DECLINE),
          Map.entry("la", Action.DECLINE),
          Map.entry("lla", Action.DECLINE),
          Map.entry("refuse", Action.DECLINE),
          Map.entry("decline", Action.DECLINE),
          Map.entry("لا", Action.DECLINE),
          Map.entry("رفض", Action.DECLINE),
          Map.entry("ship", Action.SHIP),
          Map.entry("exp", Action.SHIP),
          Map.entry("expedie", Action.SHIP),
          Map.entry("envoye", Action.SHIP),
          Map.entry("sift", Action.SHIP),
          Map.entry("siftt", Action.SHIP),
          Map.entry("صيفط", Action.SHIP),
          Map.entry("شحن", Action.SHIP),
          Map.entry("ارسلت", Action.SHIP),
          Map.entry("livre", Action.DELIVER),
          Map.entry("delivered", Action.DELIVER),
          Map.entry("deliver", Action.DELIVER),
          Map.entry("wsal", Action.DELIVER),
          Map.entry("wslat", Action.DELIVER),
          Map.entry("وصل", Action.DELIVER),
          Map.entry("سلمت", Action.DELIVER));

  /** The command in a reply, or empty when it is not one (the sender then gets the help text). */
  public static Optional<SmsCommand> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher shape = SHAPE.matcher(westernDigits(text));
    if (!shape.matches()) {
      return Optional.empty();
    }
    Action action = WORDS.get(normalise(shape.group(2)).replaceAll("[.!,;:]+$", ""));
    if (action == null) {
      return Optional.empty();
    }
    String argument = shape.group(3).trim();
    return Optional.of(
        new SmsCommand(shape.group(1), action, argument.isEmpty() ? null : argument));
  }

  /**
   * Arabic-Indic and Persian digits as Western ones; the rest untouched (a reason keeps its case).
   */
  static String westernDigits(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      if (c >= '\u0660' && c <= '\u0669') {
        out.append((char) ('0' + c - '\u0660'));
      } else if (c >= '\u06F0' && c <= '\u06F9') {
        out.append((char) ('0' + c - '\u06F0'));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** A command word without accents, tatweel or Arabic diacritics, in lower case. */
  static String normalise(String word) {
    StringBuilder out = new StringBuilder();
    for (char c : word.toCharArray()) {
      if (c != '\u0640' && !(c >= '\u064B' && c <= '\u0652')) {
        out.append(c);
      }
    }
    String withoutAccents = Normalizer.normalize(out, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
  }
}
