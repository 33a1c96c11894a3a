package ma.tadamon.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import ma.tadamon.events.order.OrderAnonymised;
import ma.tadamon.notification.marketing.UnsubscribeLinks;
import ma.tadamon.platform.events.EventEnvelope;

/**
 * What notification-service copied of a shopper's contact, forgotten when order-service anonymises
 * the order (law 09-08; docs/compliance.md): the messages sent about it, the order's routing, its
 * phone confirmation. When the shopper asked for erasure, its consents to news and every message
 * already sent to its phone or address go too; messages still to send about other orders stay, or
 * they could not be delivered.
 */
public final class ForgottenContacts {

  private static final String MESSAGES_OF_ORDER =
      """
      UPDATE notifications SET destination = '—', body = '—'
      WHERE order_id = $1 AND recipient_kind = 'SHOPPER'
      """;
  private static final String ROUTING_OF_ORDER =
      """
      UPDATE order_parts SET shopper_phone = '—', shopper_email = NULL, shopper_subject = NULL
      WHERE order_id = $1
      """;
  private static final String CONFIRMATION_OF_ORDER =
      "UPDATE phone_confirmations SET phone = '—', shopper_subject = NULL WHERE order_id = $1";
  private static final String MESSAGES_TO =
      """
      UPDATE notifications SET destination = '—', body = '—'
      WHERE recipient_kind = 'SHOPPER' AND destination = ANY($1) AND status <> 'PENDING'
      """;
  private static final String CONSENTS_OF =
      "DELETE FROM marketing_consents WHERE contact = ANY($1)";

  public Future<Void> onOrderAnonymised(
      OrderAnonymised order, EventEnvelope envelope, SqlConnection tx) {
    Future<Void> ofOrder =
        tx.preparedQuery(MESSAGES_OF_ORDER)
            .execute(Tuple.of(order.orderId()))
            .compose(v -> tx.preparedQuery(ROUTING_OF_ORDER).execute(Tuple.of(order.orderId())))
            .compose(
                v -> tx.preparedQuery(CONFIRMATION_OF_ORDER).execute(Tuple.of(order.orderId())))
            .mapEmpty();
    if (!order.shopperAsked()) {
      return ofOrder;
    }
    List<String> contacts = new ArrayList<>();
    if (order.phone() != null && !order.phone().equals("—")) {
      contacts.add(order.phone());
    }
    if (order.email() != null) {
      contacts.add(UnsubscribeLinks.normalized(order.email()));
      contacts.add(order.email());
    }
    String[] all = contacts.toArray(new String[0]);
    return ofOrder
        .compose(v -> tx.preparedQuery(MESSAGES_TO).execute(Tuple.of((Object) all)))
        .compose(v -> tx.preparedQuery(CONSENTS_OF).execute(Tuple.of((Object) all)))
        .mapEmpty();
  }
}
