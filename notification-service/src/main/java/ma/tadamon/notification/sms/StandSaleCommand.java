package ma.tadamon.notification.sms;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sale at a fair stand reported by SMS: a sale word, the product's number within the cooperative,
 * then how many — "VENTE 3 2", "بيع ٣ ٢", "bi3 3 2", "SOLD 3 2". As with replies to orders,
 * Arabic-Indic digits, accents, case and punctuation around the words do not matter; a message
 * without the quantity is one item.
 */
public record StandSaleCommand(int productNumber, int quantity) {

  private static final Set<String> WORDS =
      Set.of("vente", "vendu", "بيع", "بعت", "bi3", "ba3", "sale", "sold");
  private static final Pattern SHAPE =
      Pattern.compile(
          "^[\\s\\p{P}\\p{S}]*([\\p{L}\\p{M}\\p{N}']+)[\\s\\p{P}\\p{S}]+(\\d{1,4})"
              + "(?:[\\s\\p{P}\\p{S}]+(\\d{1,4}))?[\\s\\p{P}\\p{S}]*$",
          Pattern.DOTALL);

  public static Optional<StandSaleCommand> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher shape = SHAPE.matcher(SmsCommand.westernDigits(text));
    if (!shape.matches() || !WORDS.contains(SmsCommand.normalise(shape.group(1)))) {
      return Optional.empty();
    }
    int quantity = shape.group(3) == null ? 1 : Integer.parseInt(shape.group(3));
    int number = Integer.parseInt(shape.group(2));
    if (number < 1 || quantity < 1) {
      return Optional.empty();
    }
    return Optional.of(new StandSaleCommand(number, quantity));
  }
}
