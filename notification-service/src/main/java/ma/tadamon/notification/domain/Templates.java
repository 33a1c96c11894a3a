package ma.tadamon.notification.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.tadamon.platform.domain.Dirhams;

/**
 * Every text Tadamon sends, by template and language, with {@code {name}} placeholders. A language
 * a template lacks falls back to French, then Arabic, then English: a recipient always gets a
 * message, never an error. Tamazight (Tifinagh) texts come with a native reviewer, all of them at
 * once (docs/notifications.md); until then a cooperative that chose Tamazight reads French. SMS
 * texts are kept short: one segment where the content allows (160 GSM characters, 70 in Arabic).
 */
public final class Templates {

  public static final String NEW_ORDER = "cooperative.new-order";
  public static final String ORDER_CANCELLED = "cooperative.order-cancelled";
  public static final String PAYMENT_CAPTURED = "cooperative.payment-captured";
  public static final String PAYOUT_READY = "cooperative.payout-ready";
  public static final String REPLY_ACCEPTED = "cooperative.reply-accepted";
  public static final String REPLY_DECLINED = "cooperative.reply-declined";
  public static final String REPLY_SHIPPED = "cooperative.reply-shipped";
  public static final String REPLY_DELIVERED = "cooperative.reply-delivered";
  public static final String REPLY_REFUSED = "cooperative.reply-refused";
  public static final String REPLY_RETURNED = "cooperative.reply-returned";
  public static final String REPLY_HELP = "cooperative.reply-help";
  public static final String REPLY_UNKNOWN_ORDER = "cooperative.reply-unknown-order";
  public static final String ORDER_CONFIRMED = "shopper.order-confirmed";
  public static final String PART_SHIPPED = "shopper.part-shipped";
  public static final String PART_DELIVERED = "shopper.part-delivered";
  public static final String REFUNDED = "shopper.refunded";
  public static final String WITHDRAWAL_TO_COOPERATIVE = "cooperative.withdrawal-requested";
  public static final String WITHDRAWAL_TO_SHOPPER = "shopper.withdrawal-requested";
  public static final String MARKETING_STOPPED = "marketing.stopped";
  public static final String MARKETING_STOP_HINT = "marketing.stop-hint";
  public static final String UNSUBSCRIBE_FOOTER = "marketing.unsubscribe-footer";
  public static final String PHONE_CODE = "shopper.phone-code";
  public static final String SIGN_IN_LINK = "member.sign-in-link";
  public static final String STAND_SALE_RECORDED = "cooperative.stand-sale-recorded";
  public static final String STAND_SALE_NO_FAIR = "cooperative.stand-sale-no-fair";
  public static final String STAND_SALE_UNKNOWN_PRODUCT = "cooperative.stand-sale-unknown-product";
  public static final String STAND_SALE_STOCK_SHORT = "cooperative.stand-sale-stock-short";

  private static final List<String> FALLBACK = List.of("fr", "ar", "en");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");

  /**
   * Placeholders that hold an amount of dirhams ({@link Dirhams#plain(long)}), written per reader.
   */
  private static final Set<String> MONEY_PLACEHOLDERS =
      Set.of("amount", "commission", "net", "total");

  private static final Map<String, Map<String, String>> TEXTS =
      Map.ofEntries(
          // A parcel refused at the door, recorded from the cooperative's SMS.
          Map.entry(
              REPLY_RETURNED,
              Map.of(
                  "ar", "تضامن: سجلنا رفض الطرد {code} عند الباب. عاد المخزون للبيع.",
                  "fr",
                      "Tadamon : colis {code} noté refusé à la porte. Le stock est remis en vente.",
                  "en",
                      "Tadamon: parcel {code} recorded as refused at the door. Its stock is back on sale.")),
          // {otp} is the one-time code, first, so that nobody types the order's code instead;
          // replying from the phone proves it as well as typing it.
          Map.entry(
              PHONE_CODE,
              Map.of(
                  "ar", "تضامن: الرمز {otp} لتأكيد الطلب {code}. أو أجيبوا: نعم",
                  "fr",
                      "Tadamon : code {otp} pour confirmer la commande {code}. Ou répondez OUI à ce SMS. Valable {minutes} min.",
                  "en",
                      "Tadamon: code {otp} to confirm order {code}. Or reply YES to this SMS. Valid {minutes} min.")),
          // A member's link to choose her password; the username first, as she will type it.
          Map.entry(
              SIGN_IN_LINK,
              Map.of(
                  "ar",
                      "تضامن: حسابكم في بوابة التعاونيات. اسم المستخدم: {username}. اختاروا كلمة السر هنا (صالح 7 أيام): {link}",
                  "fr",
                      "Tadamon : votre accès au portail des coopératives. Identifiant : {username}. Choisissez votre mot de passe ici (valable 7 jours) : {link}",
                  "en",
                      "Tadamon: your access to the cooperatives' portal. Username: {username}. Choose your password here (valid 7 days): {link}")),
          Map.entry(
              ORDER_CANCELLED,
              Map.of(
                  "ar", "تضامن: الطلب {code} أُلغي. لا ترسلوه.",
                  "fr", "Tadamon : la commande {code} est annulée. Ne l'expédiez pas.",
                  "en", "Tadamon: order {code} is cancelled. Do not ship it.")),
          Map.entry(
              PAYMENT_CAPTURED,
              Map.of(
                  "ar",
                      "تضامن: الطلب {code} خالص، {amount} درهم. لتضامن {commission}، ولكم {net} درهم.",
                  "fr",
                      "Tadamon : commande {code} payée, {amount} DH. Tadamon garde {commission} DH, vous recevez {net} DH.",
                  "en",
                      "Tadamon: order {code} paid, {amount} MAD. Tadamon keeps {commission} MAD, you receive {net} MAD.")),
          Map.entry(
              PAYOUT_READY,
              Map.of(
                  "ar", "تضامن: كشف التحويل جاهز. سنحوّل لكم {net} درهم.",
                  "fr", "Tadamon : votre relevé est disponible. Nous vous versons {net} DH.",
                  "en", "Tadamon: your statement is ready. We will pay you {net} MAD.")),
          // What a cooperative's SMS reply did, in its words, and what to send next.
          Map.entry(
              REPLY_ACCEPTED,
              Map.of(
                  "ar", "تضامن: قبلتم الطلب {code}. عند الإرسال، أرسلوا: {code} صيفط",
                  "fr",
                      "Tadamon : commande {code} acceptée. Une fois expédiée, répondez : {code} EXP",
                  "en", "Tadamon: order {code} accepted. When you ship it, reply: {code} SHIP")),
          Map.entry(
              REPLY_DECLINED,
              Map.of(
                  "ar", "تضامن: رفضتم الطلب {code}. سنخبر الزبون.",
                  "fr", "Tadamon : commande {code} refusée. Nous prévenons le client.",
                  "en", "Tadamon: order {code} declined. We will tell the shopper.")),
          Map.entry(
              REPLY_SHIPPED,
              Map.of(
                  "ar", "تضامن: الطلب {code} في الطريق. عند التسليم، أرسلوا: {code} وصل",
                  "fr",
                      "Tadamon : commande {code} expédiée. Une fois livrée, répondez : {code} LIVRE",
                  "en", "Tadamon: order {code} shipped. When delivered, reply: {code} DELIVERED")),
          Map.entry(
              REPLY_DELIVERED,
              Map.of(
                  "ar", "تضامن: تم تسليم الطلب {code}. شكرا لكم!",
                  "fr", "Tadamon : commande {code} livrée. Merci !",
                  "en", "Tadamon: order {code} delivered. Thank you!")),
          Map.entry(
              REPLY_REFUSED,
              Map.of(
                  "ar", "تضامن: الطلب {code}: غير ممكن الآن، الطلب {status}.",
                  "fr", "Tadamon : commande {code} : pas possible maintenant, elle est {status}.",
                  "en", "Tadamon: order {code}: not possible now, it is {status}.")),
          Map.entry(
              REPLY_HELP,
              Map.of(
                  "ar",
                      "تضامن: أرسلوا رقم الطلب ثم نعم أو لا أو شحن أو وصل. مثال: 100042 نعم. بيع في الرواق: بيع 3 2",
                  "fr",
                      "Tadamon : envoyez le numéro de commande puis OK, NON, EXP ou LIVRE. Ex : 100042 OK. Vente au stand : VENTE 3 2",
                  "en",
                      "Tadamon: send the order number then OK, NO, SHIP or DELIVERED. E.g. 100042 OK. Stand sale: SOLD 3 2")),
          // A stand sale by SMS: {number} the product's number, {quantity} how many. French and
          // English stay in the GSM alphabet ("x", not "×"), so a short answer is one SMS.
          Map.entry(
              STAND_SALE_RECORDED,
              Map.of(
                  "ar",
                      "تضامن: سُجل بيع {quantity} × {product} (رقم {number}). الباقي للبيع: {left}.",
                  "fr",
                      "Tadamon : vente notée, {quantity} x {product} (produit {number}). Reste en vente : {left}.",
                  "en",
                      "Tadamon: sale recorded, {quantity} x {product} (product {number}). Left on sale: {left}.")),
          Map.entry(
              STAND_SALE_NO_FAIR,
              Map.of(
                  "ar", "تضامن: لا معرض لكم اليوم. البيع في الرواق يُسجل أيام المعرض فقط.",
                  "fr",
                      "Tadamon : pas de salon pour vous aujourd'hui. Les ventes au stand se notent les jours du salon.",
                  "en",
                      "Tadamon: no fair for you today. Stand sales are recorded on the fair's days.")),
          Map.entry(
              STAND_SALE_STOCK_SHORT,
              Map.of(
                  "ar",
                      "تضامن: لم يُسجل البيع. لم يبق للبيع من المنتج {number} إلا {left}. صححوا المخزون في البوابة.",
                  "fr",
                      "Tadamon : vente non notée, il ne reste que {left} en vente du produit {number}. Corrigez le stock dans le portail.",
                  "en",
                      "Tadamon: sale not recorded, only {left} of product {number} left on sale. Correct the stock in the portal.")),
          Map.entry(
              STAND_SALE_UNKNOWN_PRODUCT,
              Map.of(
                  "ar",
                      "تضامن: لا منتج بالرقم {number}. الأرقام في البوابة، في قسم البيع في الرواق.",
                  "fr",
                      "Tadamon : aucun produit numéro {number}. Les numéros sont dans le portail, aux ventes au stand.",
                  "en",
                      "Tadamon: no product number {number}. The numbers are in the portal, under stand sales.")),
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
          // The law's withdrawal (docs/compliance.md): the cooperative expects the goods back; the
          // shopper knows what will be refunded and by when.
          Map.entry(
              WITHDRAWAL_TO_COOPERATIVE,
              Map.of(
                  "ar",
                  "تضامن: زبون الطلب {code} تراجع عن {items} قطعة. ستعود إليكم السلع؛ أكدوا استلامها في البوابة.",
                  "fr",
                  "Tadamon : le client de la commande {code} se rétracte pour {items} article(s). Confirmez leur retour sur le portail.",
                  "en",
                  "Tadamon: the buyer of order {code} withdraws from {items} item(s). Confirm their return on the portal.")),
          Map.entry(
              WITHDRAWAL_TO_SHOPPER,
              Map.of(
                  "ar",
                  "تضامن: سجلنا تراجعكم عن الطلب {code}. أعيدوا السلع إلى {cooperative}؛ سيُرد لكم {amount} درهم قبل {dueBy}.",
                  "fr",
                  "Tadamon : rétractation enregistrée pour la commande {code}. Renvoyez les articles à {cooperative} ; {amount} DH vous seront remboursés avant le {dueBy}.",
                  "en",
                  "Tadamon: withdrawal recorded for order {code}. Send the goods back to {cooperative}; {amount} MAD will be refunded by {dueBy}.")),
          // Tadamon's news: how to stop it, and the answer to STOP.
          Map.entry(
              MARKETING_STOP_HINT,
              Map.of(
                  "ar", "للتوقف أرسلوا STOP",
                  "fr", "STOP pour arrêter",
                  "en", "Reply STOP to stop")),
          Map.entry(
              UNSUBSCRIBE_FOOTER,
              Map.of(
                  "ar", "لم تعودوا تريدون أخبار تضامن؟ {link}",
                  "fr", "Ne plus recevoir les nouvelles de Tadamon : {link}",
                  "en", "Stop receiving Tadamon's news: {link}")),
          Map.entry(
              MARKETING_STOPPED,
              Map.of(
                  "ar",
                  "تضامن: لن تتوصلوا بأخبارنا بعد الآن. رسائل طلباتكم مستمرة.",
                  "fr",
                  "Tadamon : vous ne recevrez plus nos nouvelles. Les messages de vos commandes continuent.",
                  "en",
                  "Tadamon: you will no longer receive our news. Messages about your orders continue.")),
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
                  "fr", "Tadamon : {amount} DH vous sont remboursés pour la commande {code}.",
                  "en", "Tadamon: {amount} MAD refunded for your order {code}.")));

  private static final Map<String, Map<String, String>> SUBJECTS =
      Map.of(
          "ar",
              Map.of(
                  "cooperative", "تضامن: طلبية",
                  "shopper", "تضامن: طلبكم",
                  "member", "تضامن: حسابكم في البوابة"),
          "fr",
              Map.of(
                  "cooperative", "Tadamon : commande",
                  "shopper", "Tadamon : votre commande",
                  "member", "Tadamon : votre accès au portail"),
          "en",
              Map.of(
                  "cooperative", "Tadamon: order",
                  "shopper", "Tadamon: your order",
                  "member", "Tadamon: your access to the portal"));

  /** A part's state as a cooperative reads it, never the system's word for it. */
  private static final Map<String, Map<String, String>> PART_STATES =
      Map.of(
          "ar",
              Map.of(
                  "PENDING", "في الانتظار",
                  "NEW", "جديد",
                  "ACCEPTED", "مقبول",
                  "SHIPPED", "في الطريق",
                  "DELIVERED", "مسلَّم",
                  "DECLINED", "مرفوض",
                  "REFUSED", "رُفض عند الباب",
                  "REJECTED", "مرفوض",
                  "CANCELLED", "ملغى"),
          "fr",
              Map.of(
                  "PENDING", "en attente",
                  "NEW", "nouvelle",
                  "ACCEPTED", "acceptée",
                  "SHIPPED", "expédiée",
                  "DELIVERED", "livrée",
                  "DECLINED", "refusée",
                  "REFUSED", "refusée à la porte",
                  "REJECTED", "refusée",
                  "CANCELLED", "annulée"),
          "en",
              Map.of(
                  "PENDING", "pending",
                  "NEW", "new",
                  "ACCEPTED", "accepted",
                  "SHIPPED", "shipped",
                  "DELIVERED", "delivered",
                  "DECLINED", "declined",
                  "REFUSED", "refused at the door",
                  "REJECTED", "declined",
                  "CANCELLED", "cancelled"));

  private Templates() {}

  /** The messages a cooperative answers by SMS: they must come from a number it can reply to. */
  private static final Set<String> EXPECTING_AN_ANSWER =
      Set.of(
          NEW_ORDER,
          REPLY_ACCEPTED,
          REPLY_SHIPPED,
          REPLY_REFUSED,
          REPLY_HELP,
          REPLY_UNKNOWN_ORDER,
          STAND_SALE_RECORDED,
          STAND_SALE_NO_FAIR,
          STAND_SALE_UNKNOWN_PRODUCT,
          STAND_SALE_STOCK_SHORT,
          PHONE_CODE);

  public static boolean expectsAnswer(String template) {
    return EXPECTING_AN_ANSWER.contains(template);
  }

  /** The template that answers a reply that moved a part to {@code partStatus}. */
  public static String replyDone(String partStatus) {
    return switch (partStatus == null ? "" : partStatus) {
      case "ACCEPTED" -> REPLY_ACCEPTED;
      case "DECLINED" -> REPLY_DECLINED;
      case "SHIPPED" -> REPLY_SHIPPED;
      case "DELIVERED" -> REPLY_DELIVERED;
      case "REFUSED" -> REPLY_RETURNED;
      default -> REPLY_REFUSED;
    };
  }

  /** A part's state in {@code language} (French when the language has no words for it). */
  public static String partState(String partStatus, String language) {
    Map<String, String> words = PART_STATES.getOrDefault(language, PART_STATES.get("fr"));
    return words.getOrDefault(partStatus == null ? "" : partStatus, words.get("PENDING"));
  }

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
      String name = placeholder.group(1);
      String value = values.getOrDefault(name, "");
      if (MONEY_PLACEHOLDERS.contains(name)) {
        value = Dirhams.inReadersFormat(value, language);
      }
      placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(out);
    return out.toString();
  }

  /** An e-mail's subject: who it is for, and the order's code. */
  /**
   * The site's pages are in Arabic, French and English: a reader of another language gets French.
   */
  public static String pageLanguage(String language) {
    return List.of("ar", "fr", "en").contains(language) ? language : "fr";
  }

  public static String subject(String template, String language, String code) {
    Map<String, String> subjects = SUBJECTS.getOrDefault(language, SUBJECTS.get("fr"));
    String reader = template.substring(0, template.indexOf('.'));
    return subjects.getOrDefault(reader, subjects.get("cooperative"))
        + (code == null ? "" : " " + code);
  }
}
