package ma.tadamon.notification.domain;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every text Tadamon sends, by template and language, with {@code {name}} placeholders. A language
 * a template lacks falls back to French, then Arabic, then English: a recipient always gets a
 * message, never an error. SMS texts are kept short: one segment where the content allows (160 GSM
 * characters, 70 in Arabic).
 */
public final class Templates {

  public static final String NEW_ORDER = "cooperative.new-order";
  public static final String ORDER_CANCELLED = "cooperative.order-cancelled";
  public static final String PAYMENT_CAPTURED = "cooperative.payment-captured";
  public static final String PAYOUT_READY = "cooperative.payout-ready";
  public static final String REPLY_DONE = "cooperative.reply-done";
  public static final String REPLY_REFUSED = "cooperative.reply-refused";
  public static final String REPLY_HELP = "cooperative.reply-help";
  public static final String REPLY_UNKNOWN_ORDER = "cooperative.reply-unknown-order";
  public static final String ORDER_CONFIRMED = "shopper.order-confirmed";
  public static final String PART_SHIPPED = "shopper.part-shipped";
  public static final String PART_DELIVERED = "shopper.part-delivered";
  public static final String REFUNDED = "shopper.refunded";

  private static final List<String> FALLBACK = List.of("fr", "ar", "en");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

  private static final Map<String, Map<String, String>> TEXTS =
      Map.ofEntries(
          Map.entry(
              ORDER_CANCELLED,
              Map.of(
                  "ar", "تضامن: الطلب {code} أُلغي. لا ترسلوه.",
                  "fr", "Tadamon : la commande {code} est annulée. Ne l'expédiez pas.",
                  "en", "Tadamon: order {code} is cancelled. Do not ship it.",
                  "zgh", "ⵜⴰⴹⴰⵎⵓⵏ: ⵜⴰⵏⴰⴹⵜ {code} ⵜⴻⵜⵜⵡⴰⴽⴽⵙ.")),
          Map.entry(
              PAYMENT_CAPTURED,
              Map.of(
                  "ar",
                      "تضامن: الطلب {code} مدفوع: {amount} درهم، عمولة {commission}، صافي {net} درهم.",
                  "fr",
                      "Tadamon : commande {code} payée : {amount} MAD, commission {commission}, net {net} MAD.",
                  "en",
                      "Tadamon: order {code} paid: {amount} MAD, commission {commission}, net {net} MAD.")),
          Map.entry(
              PAYOUT_READY,
              Map.of(
                  "ar", "تضامن: كشف الأداء جاهز. الصافي المستحق {net} درهم.",
                  "fr", "Tadamon : votre relevé de paiement est prêt. Net dû : {net} MAD.",
                  "en", "Tadamon: your payout statement is ready. Net owed: {net} MAD.")),
          Map.entry(
              REPLY_DONE,
              Map.of(
                  "ar", "تضامن: الطلب {code}: تم ({status}).",
                  "fr", "Tadamon : commande {code} : c'est fait ({status}).",
                  "en", "Tadamon: order {code}: done ({status}).")),
          Map.entry(
              REPLY_REFUSED,
              Map.of(
                  "ar", "تضامن: الطلب {code}: غير ممكن الآن (الحالة {status}).",
                  "fr", "Tadamon : commande {code} : impossible maintenant (état {status}).",
                  "en", "Tadamon: order {code}: not possible now (status {status}).")),
          Map.entry(
              REPLY_HELP,
              Map.of(
                  "ar", "تضامن: أرسلوا رقم الطلب ثم نعم أو لا أو شحن أو وصل. مثال: 100042 نعم",
                  "fr",
                      "Tadamon : envoyez le numéro de commande puis OK, NON, EXP ou LIVRE. Ex : 100042 OK",
                  "en",
                      "Tadamon: send the order number then OK, NO, SHIP or DELIVERED. E.g. 100042 OK")),
          Map.entry(
              REPLY_UNKNOWN_ORDER,
              Map.of(
                  "ar", "تضامن: لا نجد الطلب {code} لتعاونيتكم. تحققوا من الرقم.",
                  "fr",
                      "Tadamon : commande {code} introuvable pour votre coopérative. Vérifiez le numéro.",
                  "en", "Tadamon: no order {code} for your cooperative. Check the number.")),
          Map.entry(
              PART_SHIPPED,
              Map.of(
                  "ar", "تضامن: طلبكم {code} في الطريق من {cooperative}.{tracking}",
                  "fr",
                      "Tadamon : votre commande {code} est en route depuis {cooperative}.{tracking}",
                  "en", "Tadamon: your order {code} is on its way from {cooperative}.{tracking}")),
          Map.entry(
              PART_DELIVERED,
              Map.of(
                  "ar", "تضامن: تم تسليم طلبكم {code} من {cooperative}. شكرا!",
                  "fr", "Tadamon : votre commande {code} de {cooperative} est livrée. Merci !",
                  "en", "Tadamon: your order {code} from {cooperative} is delivered. Thank you!")),
          Map.entry(
              REFUNDED,
              Map.of(
                  "ar", "تضامن: أرجعنا لكم {amount} درهم عن الطلب {code}.",
                  "fr", "Tadamon : {amount} MAD vous sont remboursés pour la commande {code}.",
                  "en", "Tadamon: {amount} MAD refunded for your order {code}.")));

  private static final Map<String, Map<String, String>> SUBJECTS =
      Map.of(
          "ar", Map.of("cooperative", "تضامن: طلبية", "shopper", "تضامن: طلبكم"),
          "fr", Map.of("cooperative", "Tadamon : commande", "shopper", "Tadamon : votre commande"),
          "en", Map.of("cooperative", "Tadamon: order", "shopper", "Tadamon: your order"));

  private Templates() {}

  /** The template's text in {@code language} (or its fallback), with the values in place. */
  public static String render(String template, String language, Map<String, String> values) {
    Map<String, String> texts = TEXTS.get(template);
    if (texts == null) {
      throw new IllegalArgumentException("no template " + template);
    }
    String text = texts.get(language);
    for (int i = 0; text == null && i < FALLBACK.size(); i++) {
      text = texts.get(FALLBACK.get(i));
    }
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      placeholder.appendReplacement(
          out, Matcher.quoteReplacement(values.getOrDefault(placeholder.group(1), "")));
    }
    placeholder.appendTail(out);
    return out.toString();
  }

  /** An e-mail's subject: who it is for, and the order's code. */
  public static String subject(String template, String language, String code) {
    Map<String, String> subjects = SUBJECTS.getOrDefault(language, SUBJECTS.get("fr"));
    return subjects.get(template.startsWith("shopper.") ? "shopper" : "cooperative")
        + (code == null ? "" : " " + code);
  }

  /** Centimes as dirhams with two decimals, by integer arithmetic. */
  public static String dirhams(long centimes) {
    String sign = centimes < 0 ? "-" : "";
    long value = Math.abs(centimes);
    return sign + (value / 100) + "." + String.format("%02d", value % 100);
  }
}
