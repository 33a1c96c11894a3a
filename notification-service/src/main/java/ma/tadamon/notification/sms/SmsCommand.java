package ma.tadamon.notification.sms;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.tadamon.events.CooperativeAction;

/**
 * A cooperative's SMS reply read as a command: the order code, then a word in Arabic, French,
 * English or Latin-script Darija, then (optionally) a reason for a decline or a tracking reference
 * for a shipment. "100042 OK", "١٠٠٠٤٢ نعم", "100042 la ma bqach", "100042 SHIP AMANA123".
 * Arabic-Indic digits, accents, case and tatweel do not matter.
 */
public record SmsCommand(String orderCode, CooperativeAction action, String argument) {

  private static final Pattern SHAPE =
      Pattern.compile("^\\s*#?(\\d{4,10})\\s+(\\S+)\\s*(.*)$", Pattern.DOTALL);
  private static final Map<String, CooperativeAction> WORDS =
      Map.ofEntries(
          Map.entry("ok", CooperativeAction.ACCEPT),
          Map.entry("oui", CooperativeAction.ACCEPT),
          Map.entry("yes", CooperativeAction.ACCEPT),
          Map.entry("accept", CooperativeAction.ACCEPT),
          Map.entry("accepte", CooperativeAction.ACCEPT),
          Map.entry("naam", CooperativeAction.ACCEPT),
          Map.entry("na3am", CooperativeAction.ACCEPT),
          Map.entry("wakha", CooperativeAction.ACCEPT),
          Map.entry("iyeh", CooperativeAction.ACCEPT),
          Map.entry("نعم", CooperativeAction.ACCEPT),
          Map.entry("موافق", CooperativeAction.ACCEPT),
          Map.entry("واخا", CooperativeAction.ACCEPT),
          Map.entry("no", CooperativeAction.DECLINE),
          Map.entry("non", CooperativeAction.DECLINE),
          Map.entry("la", CooperativeAction.DECLINE),
          Map.entry("lla", CooperativeAction.DECLINE),
          Map.entry("refuse", CooperativeAction.DECLINE),
          Map.entry("decline", CooperativeAction.DECLINE),
          Map.entry("لا", CooperativeAction.DECLINE),
          Map.entry("رفض", CooperativeAction.DECLINE),
          Map.entry("ship", CooperativeAction.SHIP),
          Map.entry("exp", CooperativeAction.SHIP),
          Map.entry("expedie", CooperativeAction.SHIP),
          Map.entry("envoye", CooperativeAction.SHIP),
          Map.entry("sift", CooperativeAction.SHIP),
          Map.entry("siftt", CooperativeAction.SHIP),
          Map.entry("صيفط", CooperativeAction.SHIP),
          Map.entry("شحن", CooperativeAction.SHIP),
          Map.entry("ارسلت", CooperativeAction.SHIP),
          Map.entry("livre", CooperativeAction.DELIVER),
          Map.entry("delivered", CooperativeAction.DELIVER),
          Map.entry("deliver", CooperativeAction.DELIVER),
          Map.entry("wsal", CooperativeAction.DELIVER),
          Map.entry("wslat", CooperativeAction.DELIVER),
          Map.entry("وصل", CooperativeAction.DELIVER),
          Map.entry("سلمت", CooperativeAction.DELIVER));

  /** The command in a reply, or empty when it is not one (the sender then gets the help text). */
  public static Optional<SmsCommand> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher shape = SHAPE.matcher(westernDigits(text));
    if (!shape.matches()) {
      return Optional.empty();
    }
    CooperativeAction action = WORDS.get(normalise(shape.group(2)).replaceAll("[.!,;:]+$", ""));
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
