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

  /**
   * The order code, the action word, then whatever follows. Punctuation and spaces around them do
   * not count, Arabic punctuation included: a reply copied from the SMS that suggested it ("100042
   * نعم،") is still a command.
   */
  private static final Pattern SHAPE =
      Pattern.compile(
          "^[\\s\\p{P}\\p{S}]*(\\d{4,10})[\\s\\p{P}\\p{S}]+([\\p{L}\\p{M}\\p{N}']+)[\\s\\p{P}]*(.*)$",
          Pattern.DOTALL);

  private static final Map<String, CooperativeAction> WORDS = ReplyWords.load();

  /** The command in a reply, or empty when it is not one (the sender then gets the help text). */
  public static Optional<SmsCommand> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher shape = SHAPE.matcher(westernDigits(text));
    if (!shape.matches()) {
      return Optional.empty();
    }
    CooperativeAction action = WORDS.get(normalise(shape.group(2)));
    if (action == null) {
      return Optional.empty();
    }
    String argument = shape.group(3).strip();
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
      if (c != '\u0640' && c != '\'' && !(c >= '\u064B' && c <= '\u0652')) {
        out.append(c);
      }
    }
    String withoutAccents = Normalizer.normalize(out, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return withoutAccents.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
  }
}
