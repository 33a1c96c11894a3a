package ma.tadamon.notification.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.platform.domain.Dirhams;

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
              + " درهم، إلى "
              + order.shippingCity()
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
              + " MAD, to "
              + order.shippingCity()
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
              + " DH, livraison à "
              + order.shippingCity()
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

  private static String localized(Map<String, String> texts, String language) {
    return texts.getOrDefault(
        language, texts.getOrDefault("fr", texts.values().stream().findFirst().orElse("")));
  }
}
