package ma.tadamon.notification.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import ma.tadamon.events.catalog.CooperativeStateEvent;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.notification.domain.OrderMessages;
import ma.tadamon.notification.store.NotificationStore;
import ma.tadamon.platform.events.EventEnvelope;

/**
 * Turns events into the notifications they owe, recorded as PENDING for delivery. A cooperative not yet
 * in the read model fails the event, which the consumer retries: its registration is on its way.
 */
public final class OrderNotifications {

  private final NotificationStore store;

  public OrderNotifications(NotificationStore store) {
    this.store = store;
  }

  /** A cooperative's contacts, language and channels, from any event carrying its state; the newest wins. */
  public Future<Void> onCooperative(CooperativeStateEvent event, EventEnvelope envelope, SqlConnection tx) {
    return store.saveContact(tx, event.cooperative(), envelope.time());
  }

  public Future<Void> onOrderConfirmed(OrderConfirmed order, EventEnvelope envelope, SqlConnection tx) {
    List<UUID> cooperatives = order.cooperativeOrders().stream().map(OrderConfirmed.CooperativePart::cooperativeId)
        .toList();
    return store.contacts(tx, cooperatives).compose(contacts -> {
      List<UUID> unknown = cooperatives.stream().filter(id -> !contacts.containsKey(id)).toList();
      if (!unknown.isEmpty()) {
        return Future.failedFuture(new IllegalStateException("no contact yet for cooperatives " + unknown));
      }
      return store.record(tx, OrderMessages.forConfirmedOrder(order, envelope.id(), contacts));
    });
  }
}
