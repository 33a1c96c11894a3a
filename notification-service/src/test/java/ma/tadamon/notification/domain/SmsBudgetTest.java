package ma.tadamon.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.notification.sms.SmsEncoding;
import org.junit.jupiter.api.Test;

/**
 * Every SMS costs a cooperative or the platform by its parts: 160 GSM characters or 70 in Arabic
 * (UCS-2) for one, 153 or 67 a part once split, and one character outside the GSM alphabet turns a
 * French text into UCS-2. Each text has a budget of parts per language, held with the longest
 * realistic values: the demo catalog's longest names, a long city, a seven-digit order code,
 * amounts of thousands of dirhams with centimes. docs/notifications.md lists the parts.
 */
class SmsBudgetTest {

  private static final String CODE = "1000042";
  private static final String CITY = "Moulay Idriss Zerhoun";
  private static final Map<String, String> LONGEST_NAME =
      Map.of(
          "ar", "زيت أركان غذائي - قارورة كبيرة",
          "fr", "Huile de pépins de figue de Barbarie - petit flacon",
          "en", "Prickly pear seed oil - small bottle");
  private static final Map<String, String> VALUES =
      Map.of(
          "code", CODE,
          "otp", "482913",
          "minutes", "10",
          "amount", "12499.50",
          "commission", "624.95",
          "net", "11874.55",
          "status", "en attente",
          "cooperative", "Coopérative Tifaouine d'huile d'argan",
          "tracking", " (AMANA-RR123456789MA)");

  /** The most parts each text may take, in Arabic, French and English. */
  private static final Map<String, Map<String, Integer>> BUDGETS = new LinkedHashMap<>();

  static {
    BUDGETS.put(Templates.NEW_ORDER, Map.of("ar", 2, "fr", 2, "en", 2));
    BUDGETS.put(Templates.ORDER_CANCELLED, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.PAYMENT_CAPTURED, Map.of("ar", 2, "fr", 1, "en", 1));
    BUDGETS.put(Templates.PAYOUT_READY, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REPLY_ACCEPTED, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REPLY_DECLINED, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REPLY_SHIPPED, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REPLY_DELIVERED, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REPLY_REFUSED, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REPLY_HELP, Map.of("ar", 2, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REPLY_UNKNOWN_ORDER, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.ORDER_CONFIRMED, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.PART_SHIPPED, Map.of("ar", 2, "fr", 1, "en", 1));
    BUDGETS.put(Templates.PART_DELIVERED, Map.of("ar", 2, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REFUNDED, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.PHONE_CODE, Map.of("ar", 1, "fr", 1, "en", 1));
    BUDGETS.put(Templates.REPLY_RETURNED, Map.of("ar", 1, "fr", 1, "en", 1));
  }

  /** Words of the system that a person must never read in an Arabic or French SMS. */
  private static final List<String> SYSTEM_WORDS =
      List.of(
          "PENDING",
          "NEW",
          "ACCEPTED",
          "SHIPPED",
          "DELIVERED",
          "DECLINED",
          "REJECTED",
          "CANCELLED",
          "CONFIRMED",
          "RESERVED",
          "PLACED",
          "COMPLETED",
          "CAPTURED",
          "AUTHORIZED",
          "PAID",
          "ISSUED",
          "CASH_ON_DELIVERY",
          "CARD",
          "MAD");

  @Test
  void every_sms_keeps_to_its_budget_of_parts_with_the_longest_realistic_values() {
    List<String> over = new ArrayList<>();
    for (var budget : BUDGETS.entrySet()) {
      for (var language : budget.getValue().entrySet()) {
        for (boolean atStand : List.of(false, true)) {
          String text = render(budget.getKey(), language.getKey(), atStand);
          int parts = SmsEncoding.segmentsFor(text);
          if (parts > language.getValue()) {
            over.add(budget.getKey() + " [" + language.getKey() + "] " + parts + " parts: " + text);
          }
        }
      }
    }
    assertThat(over).isEmpty();
  }

  @Test
  void french_texts_stay_in_the_gsm_alphabet_so_they_cost_a_french_price() {
    for (String template : BUDGETS.keySet()) {
      assertThat(SmsEncoding.fitsGsm7(render(template, "fr", false))).as(template).isTrue();
      assertThat(SmsEncoding.fitsGsm7(render(template, "fr", true))).as(template).isTrue();
    }
  }

  @Test
  void no_system_word_reaches_an_arabic_or_french_reader() {
    for (String template : BUDGETS.keySet()) {
      for (String language : List.of("ar", "fr")) {
        String text = render(template, language, true) + " " + render(template, language, false);
        for (String word : SYSTEM_WORDS) {
          assertThat(text)
              .as(template + " [" + language + "]")
              .doesNotContainPattern("\\b" + word + "\\b");
        }
      }
    }
    for (String status :
        List.of("PENDING", "NEW", "ACCEPTED", "SHIPPED", "DELIVERED", "DECLINED", "CANCELLED")) {
      assertThat(Templates.partState(status, "ar")).doesNotContainPattern("[A-Za-z]");
      assertThat(Templates.partState(status, "fr")).isNotEqualTo(status).isLowerCase();
    }
  }

  /** {@code atStand}: the order is collected at a fair stand, for the texts that say so. */
  private static String render(String template, String language, boolean atStand) {
    OrderConfirmed order = order(language, atStand);
    if (template.equals(Templates.NEW_ORDER)) {
      return OrderMessages.newOrderText(order, order.cooperativeOrders().get(0), language);
    }
    if (template.equals(Templates.ORDER_CONFIRMED)) {
      return OrderMessages.confirmedText(order);
    }
    Map<String, String> values = new LinkedHashMap<>(VALUES);
    values.put("status", Templates.partState("SHIPPED", language));
    return Templates.render(template, language, values);
  }

  private static OrderConfirmed order(String language, boolean atStand) {
    return new OrderConfirmed(
        UUID.randomUUID(),
        CODE,
        language,
        new OrderConfirmed.Contact("Khadija Ait Ali", "+212661234567", null),
        CITY,
        PaymentMethod.CASH_ON_DELIVERY,
        1_249_950,
        List.of(
            new OrderConfirmed.CooperativePart(
                UUID.randomUUID(),
                1_249_950,
                List.of(new OrderConfirmed.Item(UUID.randomUUID(), LONGEST_NAME, 2, 623_725)),
                atStand ? "B12-3" : null,
                0)),
        null,
        null,
        null,
        null);
  }
}
