package ma.tadamon.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.OrderConfirmed;

/**
 * The messages a confirmed order owes: one per cooperative (its part, and how to answer by SMS) on
 * each of its channels, and one to the shopper by SMS (and e-mail when given). Texts are short, in
 * the recipient's language.
 */
public final class OrderMessages {

  public static final String NEW_ORDER = Templates.NEW_ORDER;
  public static final String ORDER_CONFIRMED = Templates.ORDER_CONFIRMED;

  private OrderMessages() {}

  /** {@code webhooks}: the webhook address of each cooperative that registered one. */
  public static List<Notification> forConfirmedOrder(
      OrderConfirmed order,
      UUID eventId,
      Map<UUID, CooperativeContact> contacts,
      Map<UUID, String> webhooks) {
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
                UUID.randomUUID(),
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
            confirmedText(order)));
    return messages;
  }

  static String newOrderText(
      OrderConfirmed order, OrderConfirmed.CooperativePart part, String language) {
    String items =
        part.items().stream()
            .map(item -> item.quantity() + " x " + localized(item.name(), language))
            .collect(Collectors.joining(", "));
    String amount = amount(part.amountCentimes());
    return switch (language) {
      case "ar" ->
          "تضامن: طلب جديد "
              + order.code()
              + ": "
              + items
              + ". المبلغ "
              + amount
              + " درهم، التوصيل إلى "
              + order.shippingCity()
              + ". للقبول أرسلوا "
              + order.code()
              + " نعم، للرفض "
              + order.code()
              + " لا";
      case "en" ->
          "Tadamon: new order "
              + order.code()
              + ": "
              + items
              + ". Amount "
              + amount
              + " MAD, delivery to "
              + order.shippingCity()
              + ". Reply "
              + order.code()
              + " OK to accept, "
              + order.code()
              + " NO to decline.";
      default ->
          "Tadamon : nouvelle commande "
              + order.code()
              + " : "
              + items
              + ". Montant "
              + amount
              + " MAD, livraison à "
              + order.shippingCity()
              + ". Répondez "
              + order.code()
              + " OK pour accepter, "
              + order.code()
              + " NON pour refuser.";
    };
  }

  static String confirmedText(OrderConfirmed order) {
    String total = amount(order.totalCentimes());
    boolean cash = order.paymentMethod() == PaymentMethod.CASH_ON_DELIVERY;
    return switch (order.language()) {
      case "ar" ->
          "تضامن: تم تأكيد طلبكم رقم "
              + order.code()
              + ". المجموع "
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
              + " MAD"
              + (cash ? ", paiement à la livraison." : ".");
    };
  }

  /** Centimes as dirhams with two decimals, by integer arithmetic. */
  static String amount(long centimes) {
    return Templates.dirhams(centimes);
  }

  private static String localized(Map<String, String> texts, String language) {
    return texts.getOrDefault(
        language, texts.getOrDefault("fr", texts.values().stream().findFirst().orElse("")));
  }
}
