package ma.tadamon.order.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import ma.tadamon.events.inventory.StockRejected;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderRejected;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentFailed;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.OrderStatus;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.store.OrderStore;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order saga, orchestrated here: each answer from inventory or payment moves the order one step and
 * publishes what the next participant needs. A step that the state machine does not allow (a late or
 * replayed answer) changes nothing and is logged.
 */
public final class OrderSaga {

  private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);

  private final OrderStore orders;
  private final Outbox outbox;

  public OrderSaga(OrderStore orders, Outbox outbox) {
    this.orders = orders;
    this.outbox = outbox;
  }

  public Future<Void> onStockReserved(StockReserved event, EventEnvelope envelope, SqlConnection tx) {
    return step(tx, event.orderId(), OrderStatus.RESERVED, "stock reserved", null, envelope,
        order -> new OrderReserved(order.id(), order.paymentMethod().name(), order.totalCentimes(),
            order.cooperativeOrders().stream().map(part -> new OrderReserved.CooperativeAmount(part.cooperativeId(),
                part.subtotalCentimes() + part.shippingCentimes())).toList()));
  }

  public Future<Void> onStockRejected(StockRejected event, EventEnvelope envelope, SqlConnection tx) {
    String reason = "not enough stock for " + event.shortages().stream()
        .map(shortage -> shortage.productId() + " (asked " + shortage.requested() + ", "
            + shortage.available() + " available)")
        .collect(Collectors.joining(", "));
    return step(tx, event.orderId(), OrderStatus.REJECTED, reason, CooperativeOrderStatus.REJECTED, envelope,
        order -> new OrderRejected(order.id(), reason));
  }

  public Future<Void> onPaymentAuthorized(PaymentAuthorized event, EventEnvelope envelope, SqlConnection tx) {
    return step(tx, event.orderId(), OrderStatus.CONFIRMED, "payment authorized (" + event.method() + ")",
        CooperativeOrderStatus.NEW, envelope, OrderSaga::confirmed);
  }

  public Future<Void> onPaymentFailed(PaymentFailed event, EventEnvelope envelope, SqlConnection tx) {
    String reason = "payment failed: " + event.reason();
    return step(tx, event.orderId(), OrderStatus.CANCELLED, reason, CooperativeOrderStatus.CANCELLED, envelope,
        order -> new OrderCancelled(order.id(), reason));
  }

  /**
   * The catalog let the order's stock hold expire before the order was confirmed (a payment that never
   * came): the order cannot be fulfilled any more. Other releases answer this service's own
   * cancellations and declines, and change nothing here.
   */
  public Future<Void> onStockReleased(StockReleased event, EventEnvelope envelope, SqlConnection tx) {
    if (!StockReleased.EXPIRED.equals(event.reason())) {
      return Future.succeededFuture();
    }
    String reason = "stock hold expired before the payment";
    return orders.lockStatus(tx, event.orderId()).compose(status -> {
      if (status.filter(current -> current == OrderStatus.CONFIRMED).isPresent()) {
        // Confirmed just before the catalog heard of it: the order stands; its cooperatives check the shelf.
        log.warn("order {} was confirmed but its stock hold expired first; the order stands", event.orderId());
        return Future.succeededFuture();
      }
      return step(tx, event.orderId(), OrderStatus.CANCELLED, reason, CooperativeOrderStatus.CANCELLED, envelope,
          order -> new OrderCancelled(order.id(), reason));
    });
  }

  private Future<Void> step(SqlConnection tx, UUID orderId, OrderStatus target, String cause,
      CooperativeOrderStatus parts, EventEnvelope envelope, Function<OrderView, IntegrationEvent> announcement) {
    return orders.lockStatus(tx, orderId).compose(current -> {
      if (current.isEmpty()) {
        log.warn("{} {} is about unknown order {}; ignored", envelope.type(), envelope.id(), orderId);
        return Future.succeededFuture();
      }
      if (!current.get().canMoveTo(target)) {
        log.warn("order {} is {}; {} {} cannot move it to {}; ignored", orderId, current.get(), envelope.type(),
            envelope.id(), target);
        return Future.succeededFuture();
      }
      return orders.transition(tx, orderId, current.get(), target, cause, parts)
          .compose(moved -> orders.load(tx, orderId))
          .compose(order -> outbox.append(tx, Topics.ORDER_EVENTS, announcement.apply(order.orElseThrow())));
    });
  }

  private static OrderConfirmed confirmed(OrderView order) {
    return new OrderConfirmed(order.id(), order.code(), order.language(),
        new OrderConfirmed.Contact(order.contact().name(), order.contact().phone(), order.contact().email()),
        order.shippingAddress().city(), order.paymentMethod().name(), order.totalCentimes(),
        order.cooperativeOrders().stream().map(part -> new OrderConfirmed.CooperativePart(part.cooperativeId(),
            part.subtotalCentimes() + part.shippingCentimes(),
            order.lines().stream().filter(line -> line.cooperativeId().equals(part.cooperativeId()))
                .map(line -> new OrderConfirmed.Item(line.productId(), line.productName(), line.quantity(),
                    line.unitPriceCentimes()))
                .toList()))
            .toList());
  }
}
