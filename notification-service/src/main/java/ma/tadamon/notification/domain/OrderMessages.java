package ma.tadamon.notification.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.platform.domain.Dirhams;
import ma.tadamon.platform.domain.TimeOrderedIds;

/**
 * The messages a confirmed order owes: one per cooperative (its part, and how to answer by SMS) on
 * each of its channels, and one to the shopper by SMS (and e-mail when given). Texts are short, in
 * the recipient's language.
 */
public final class OrderMessages {

  public static final String NEW_ORDER = Templates.NEW_ORDER;
  public static final String ORDER_CONFIRMED = Templates.ORDER_CONFIRMED;

  private OrderMessages() {}

  /**
   * {@code webhooks}: the webhook address of each cooperative that registered one; {@code
   * publicBaseUrl}: the shop's origin, whose terms of sale the shopper's messages link to.
   */
  public static List<Notification> forConfirmedOrder(
      OrderConfirmed order,
      UUID eventId,
      Map<UUID, CooperativeContact> contacts,
      Map<UUID, String> webhooks,
      Map<UUID, String> photoKeys,
      String publicBaseUrl) {
    List<Notification> messages = new ArrayList<>();
    for (OrderConfirmed.CooperativePart part : order.cooperativeOrders()) {
      CooperativeContact coop = contacts.get(part.cooperativeId());
      String body = newOrderText(order, part, coop.language());
      String subject = Templates.subject(NEW_ORDER, coop.language(), order.code());
      for (Channel channel : coop.channels()) {
        String destination =
            switch (channel) {
              case SMS -> coop.phone();
              case EMAIL -> coop.email();
              case WEBHOOK -> webhooks.get(coop.id());
            };
        if (destination == null || destination.isBlank()) {
          continue;
        }
        messages.add(
            new Notification(
                TimeOrderedIds.next(),
                eventId,
                order.orderId(),
                Notification.Recipient.COOPERATIVE,
                coop.id().toString(),
                channel,
                destination,
                coop.language(),
                NEW_ORDER,
                subject,
                channel == Channel.WEBHOOK
                    ? Addressing.webhookJson(
                        NEW_ORDER,
                        order.orderId(),
                        order.code(),
                        body,
                        Map.of(
                            "amountCentimes",
                            String.valueOf(part.amountCentimes()),
                            "city",
                            order.shippingCity()))
                    : body));
      }
    }
    String terms = publicBaseUrl + "/" + Templates.pageLanguage(order.language()) + "/terms";
    messages.addAll(
        Addressing.toShopper(
            eventId,
            new ShopperContact(
                order.orderId(),
                order.code(),
                order.contact().phone(),
                order.contact().email(),
                order.language()),
            ORDER_CONFIRMED,
            confirmedText(order)
                + " "
                + (order.orderLink() == null
                    ? termsLine(order.language(), terms)
                    : orderLine(order.language(), publicBaseUrl + order.orderLink())),
            confirmedText(order)
                + (order.orderLink() == null
                    ? ""
                    : "\n" + orderLine(order.language(), publicBaseUrl + order.orderLink()))
                + "\n\n"
                + lawText(order, contacts, terms, photoUrls(photoKeys, publicBaseUrl))));
    return messages;
  }

  /** Where the shop serves each photo (catalog-service's renditions, under the public origin). */
  private static Map<UUID, String> photoUrls(Map<UUID, String> photoKeys, String publicBaseUrl) {
    Map<UUID, String> urls = new HashMap<>();
    photoKeys.forEach((product, key) -> urls.put(product, publicBaseUrl + PHOTOS_PATH + key));
    return urls;
  }

  /** catalog-service serves a rendition at this path followed by its key ("photos/…"). */
  static final String PHOTOS_PATH = "/api/catalog/";

  /**
   * The order's short link: its page shows the parts, their sellers and the right of withdrawal,
   * and takes the withdrawal itself.
   */
  private static String orderLine(String language, String link) {
    return switch (language) {
      case "ar" -> "الطلب والبائعون والتراجع: " + link;
      case "en" -> "Your order, its sellers, withdrawal: " + link;
      default -> "Suivi, vendeurs et rétractation : " + link;
    };
  }

  private static String termsLine(String language, String terms) {
    return switch (language) {
      case "ar" -> "الشروط والتراجع: " + terms;
      case "en" -> "Terms and withdrawal: " + terms;
      default -> "Conditions et rétractation : " + terms;
    };
  }

  /**
   * What the law asks a distance sale's confirmation to state (docs/compliance.md), part by part:
   * who sells (name, register number, ICE, IF, return address), what and for how much, the
   * delivery, the right of withdrawal and its refund, and where the terms are.
   */
  static String lawText(
      OrderConfirmed order,
      Map<UUID, CooperativeContact> contacts,
      String terms,
      Map<UUID, String> photoUrls) {
    String language = Templates.pageLanguage(order.language());
    StringBuilder text =
        new StringBuilder(
            switch (language) {
              case "ar" -> "طلبكم حسب البائع:";
              case "en" -> "Your order, by seller:";
              default -> "Votre commande, par vendeur :";
            });
    for (OrderConfirmed.CooperativePart part : order.cooperativeOrders()) {
      CooperativeContact coop = contacts.get(part.cooperativeId());
      text.append("\n- ").append(localized(coop.name(), language));
      if (coop.seller() != null) {
        text.append(" (")
            .append(
                switch (language) {
                  case "ar" -> "رقم التسجيل ";
                  case "en" -> "registration ";
                  default -> "immatriculation ";
                })
            .append(coop.seller().registrationNumber());
        if (coop.seller().ice() != null) {
          text.append(", ICE ").append(coop.seller().ice());
        }
        if (coop.seller().taxId() != null) {
          text.append(", IF ").append(coop.seller().taxId());
        }
        text.append(")");
      }
      text.append(": ")
          .append(Dirhams.forReader(part.amountCentimes(), language))
          .append(language.equals("ar") ? " درهم" : language.equals("en") ? " MAD" : " DH");
      for (OrderConfirmed.Item item : part.items()) {
        text.append("\n  ")
            .append(item.quantity())
            .append(" × ")
            .append(localized(item.name(), language));
        String photo = photoUrls.get(item.productId());
        if (photo != null) {
          // The e-mail's HTML shows it as the photo (SmtpSender); its text keeps the address.
          text.append("\n    ").append(photo);
        }
      }
      if (coop.seller() != null && coop.seller().returnAddress() != null) {
        text.append("\n  ")
            .append(
                switch (language) {
                  case "ar" -> "عنوان الإرجاع: ";
                  case "en" -> "Returns: ";
                  default -> "Retours : ";
                })
            .append(coop.seller().returnAddress());
      }
    }
    text.append("\n\n")
        .append(
            switch (language) {
              case "ar" ->
                  "ترسل كل تعاونية جزءها، في الأصل داخل 10 أيام. لكم 7 أيام من الاستلام للتراجع"
                      + " (ما عدا المواد الغذائية سريعة التلف) من صفحة طلبكم؛ ويُرد المبلغ داخل 15"
                      + " يوما. الشروط العامة للبيع: ";
              case "en" ->
                  "Each cooperative ships its part, normally within 10 days. You have 7 days from"
                      + " receipt to withdraw (perishable food excepted) from your order's page; the"
                      + " refund follows within 15 days. Terms of sale: ";
              default ->
                  "Chaque coopérative expédie sa part, en principe sous 10 jours. Vous disposez de 7"
                      + " jours après réception pour vous rétracter (sauf denrées périssables) depuis"
                      + " la page de votre commande ; le remboursement suit sous 15 jours."
                      + " Conditions générales de vente : ";
            })
        .append(terms);
    return text.toString();
  }

  static String newOrderText(
      OrderConfirmed order, OrderConfirmed.CooperativePart part, String language) {
    String items =
        part.items().stream()
            // The quantity only when there is more than one, to spare the SMS; "x", which the GSM
            // alphabet has, so that a French text stays one of 160 characters a part.
            .map(
                item ->
                    (item.quantity() > 1 ? item.quantity() + " x " : "")
                        + localized(item.name(), language))
            .collect(Collectors.joining(", "));
    String amount = Dirhams.forReader(part.amountCentimes(), language);
    String code = order.code();
    // Worded for the segment budgets of SmsBudgetTest: two SMS at most in Arabic (67 characters a
    // part) and in French (153), with the longest demo names, cities and amounts.
    return switch (language) {
      case "ar" ->
          "تضامن: طلب "
              + code
              + ": "
              + items
              + "، "
              + amount
              + " درهم، "
              + (part.collectedAtStand()
                  ? "يُستلم في الرواق " + part.pickupStand()
                  : "إلى " + order.shippingCity())
              + ". للقبول "
              + code
              + " نعم، للرفض "
              + code
              + " لا";
      case "en" ->
          "Tadamon: order "
              + code
              + ": "
              + items
              + ", "
              + amount
              + " MAD, "
              + (part.collectedAtStand()
                  ? "collected at stand " + part.pickupStand()
                  : "to " + order.shippingCity())
              + ". To accept: "
              + code
              + " OK. To decline: "
              + code
              + " NO";
      default ->
          "Tadamon : commande "
              + code
              + " : "
              + items
              + ", "
              + amount
              + " DH, "
              + (part.collectedAtStand()
                  ? "à retirer au stand " + part.pickupStand()
                  : "livraison à " + order.shippingCity())
              + ". Pour accepter : "
              + code
              + " OK. Pour refuser : "
              + code
              + " NON";
    };
  }

  static String confirmedText(OrderConfirmed order) {
    String total = Dirhams.forReader(order.totalCentimes(), order.language());
    boolean cash = order.paymentMethod() == PaymentMethod.CASH_ON_DELIVERY;
    if (!order.pickupStands().isEmpty()) {
      return collectedText(order, total, cash, String.join(", ", order.pickupStands()));
    }
    return switch (order.language()) {
      case "ar" ->
          "تضامن: طلبكم "
              + order.code()
              + " مؤكد: "
              + total
              + " درهم"
              + (cash ? "، الدفع عند الاستلام." : ".");
      case "en" ->
          "Tadamon: your order "
              + order.code()
              + " is confirmed. Total "
              + total
              + " MAD"
              + (cash ? ", cash on delivery." : ".");
      default ->
          "Tadamon : votre commande "
              + order.code()
              + " est confirmée. Total "
              + total
              + " DH"
              + (cash ? ", paiement à la livraison." : ".");
    };
  }

  /**
   * The confirmation of an order the shopper collects at the fair: its number, which this message
   * shows, is what the cooperative asks for at the stand. One SMS in Arabic too, so the payment at
   * the stand is said in French and English only.
   */
  private static String collectedText(
      OrderConfirmed order, String total, boolean cash, String stands) {
    return switch (order.language()) {
      case "ar" ->
          "تضامن: طلبكم "
              + order.code()
              + " مؤكد: "
              + total
              + " درهم، استلموه في الرواق "
              + stands
              + ".";
      case "en" ->
          "Tadamon: your order "
              + order.code()
              + " is confirmed. Total "
              + total
              + " MAD. Collect it at stand "
              + stands
              + " of the fair with this number"
              + (cash ? ", pay there." : ".");
      default ->
          "Tadamon : votre commande "
              + order.code()
              + " est confirmée. Total "
              + total
              + " DH. Retrait au stand "
              + stands
              + " du salon avec ce numéro"
              + (cash ? ", paiement sur place." : ".");
    };
  }

  private static String localized(Map<String, String> texts, String language) {
    return texts.getOrDefault(
        language, texts.getOrDefault("fr", texts.values().stream().findFirst().orElse("")));
  }
}
