package ma.tadamon.order.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
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
import ma.tadamon.order.domain.AccessTokens;
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
 * The order saga, orchestrated here: each answer from inventory or payment moves the order one step
 * and publishes what the next participant needs. A step that the state machine does not allow (a
 * late or replayed answer) changes nothing and is logged.
 */
public final class OrderSaga {

  private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);
  private static final int UNPAID_BATCH = 100;

  private final OrderStore orders;
  private final Outbox outbox;
  private final AccessTokens tokens;

  public OrderSaga(OrderStore orders, Outbox outbox, AccessTokens tokens) {
    this.orders = orders;
    this.outbox = outbox;
    this.tokens = tokens;
  }

  public Future<Void> onStockReserved(
      StockReserved event, EventEnvelope envelope, SqlConnection tx) {
    return step(
        tx,
        event.orderId(),
        OrderStatus.RESERVED,
        "stock reserved",
        null,
        envelope,
        order ->
            new OrderReserved(
                order.id(),
                order.code(),
                order.language(),
                order.paymentMethod().name(),
                order.totalCentimes(),
                order.cooperativeOrders().stream()
                    .map(
                        part ->
                            new OrderReserved.CooperativeAmount(
                                part.cooperativeId(),
                                part.amountCentimes(),
                                part.shippingCentimes()))
                    .toList(),
                tokens.digestFor(order.id())));
  }

  public Future<Void> onStockRejected(
      StockRejected event, EventEnvelope envelope, SqlConnection tx) {
    String reason =
        "not enough stock for "
            + event.shortages().stream()
                .map(
                    shortage ->
                        shortage.productId()
                            + " (asked "
                            + shortage.requested()
                            + ", "
                            + shortage.available()
                            + " available)")
                .collect(Collectors.joining(", "));
    return step(
        tx,
        event.orderId(),
        OrderStatus.REJECTED,
        reason,
        CooperativeOrderStatus.REJECTED,
        envelope,
        order -> new OrderRejected(order.id(), reason));
  }

  public Future<Void> onPaymentAuthorized(
      PaymentAuthorized event, EventEnvelope envelope, SqlConnection tx) {
    return step(
        tx,
        event.orderId(),
        OrderStatus.CONFIRMED,
        "payment authorized (" + event.method() + ")",
        CooperativeOrderStatus.NEW,
        envelope,
        OrderSaga::confirmed);
  }

  public Future<Void> onPaymentFailed(
      PaymentFailed event, EventEnvelope envelope, SqlConnection tx) {
    String reason = "payment failed: " + event.reason();
    return step(
        tx,
        event.orderId(),
        OrderStatus.CANCELLED,
        reason,
        CooperativeOrderStatus.CANCELLED,
        envelope,
        order -> new OrderCancelled(order.id(), reason));
  }

  /**
   * The catalog let the order's stock hold expire before the order was confirmed (a payment that
   * never came): the order cannot be fulfilled any more. Other releases answer this service's own
   * cancellations and declines, and change nothing here.
   */
  public Future<Void> onStockReleased(
      StockReleased event, EventEnvelope envelope, SqlConnection tx) {
    if (!StockReleased.EXPIRED.equals(event.reason())) {
      return Future.succeededFuture();
    }
    String reason = "stock hold expired before the payment";
    return orders
        .lockStatus(tx, event.orderId())
        .compose(
            status -> {
              if (status.filter(current -> current == OrderStatus.CONFIRMED).isPresent()) {
                // Confirmed just before the catalog heard of it: the order stands; its cooperatives
                // check the shelf.
                log.warn(
                    "order {} was confirmed but its stock hold expired first; the order stands",
                    event.orderId());
                return Future.succeededFuture();
              }
              return step(
                  tx,
                  event.orderId(),
                  OrderStatus.CANCELLED,
                  reason,
                  CooperativeOrderStatus.CANCELLED,
                  envelope,
                  order -> new OrderCancelled(order.id(), reason));
            });
  }

  /**
   * Cancels card orders whose shopper has not paid within {@code timeout} of the stock being held
   * (left the gateway's page, lost the connection): their stock goes back on sale, and a payment
   * that still arrives is refunded by payment-service. Several instances may run: each skips orders
   * another is cancelling. Answers how many were cancelled.
   */
  public Future<Integer> cancelUnpaidCardOrders(Pool pool, Duration timeout) {
    String cause = "card payment not completed within " + timeout.toMinutes() + " minutes";
    return pool.withTransaction(
        tx ->
            orders
                .lockUnpaidCardOrders(tx, timeout, UNPAID_BATCH)
                .compose(
                    overdue -> {
                      Future<Void> chain = Future.succeededFuture();
                      for (UUID orderId : overdue) {
                        chain =
                            chain.compose(
                                v ->
                                    step(
                                        tx,
                                        orderId,
                                        OrderStatus.CANCELLED,
                                        cause,
                                        CooperativeOrderStatus.CANCELLED,
                                        "the card payment deadline",
                                        order -> new OrderCancelled(order.id(), cause)));
                      }
                      return chain.map(overdue.size());
                    }));
  }

  private Future<Void> step(
      SqlConnection tx,
      UUID orderId,
      OrderStatus target,
      String cause,
      CooperativeOrderStatus parts,
      EventEnvelope envelope,
      Function<OrderView, IntegrationEvent> announcement) {
    return step(
        tx, orderId, target, cause, parts, envelope.type() + " " + envelope.id(), announcement);
  }

  /** {@code trigger} names what asked for the step, for the log when it is refused. */
  private Future<Void> step(
      SqlConnection tx,
      UUID orderId,
      OrderStatus target,
      String cause,
      CooperativeOrderStatus parts,
      String trigger,
      Function<OrderView, IntegrationEvent> announcement) {
    return orders
        .lockStatus(tx, orderId)
        .compose(
            current -> {
              if (current.isEmpty()) {
                log.warn("{} is about unknown order {}; ignored", trigger, orderId);
                return Future.succeededFuture();
              }
              if (!current.get().canMoveTo(target)) {
                log.warn(
                    "order {} is {}; {} cannot move it to {}; ignored",
                    orderId,
                    current.get(),
                    trigger,
                    target);
                return Future.succeededFuture();
              }
              return orders
                  .transition(tx, orderId, current.get(), target, cause, parts)
                  .compose(moved -> orders.load(tx, orderId))
                  .compose(
                      order ->
                          outbox.append(
                              tx, Topics.ORDER_EVENTS, announcement.apply(order.orElseThrow())));
            });
  }

  private static OrderConfirmed confirmed(OrderView order) {
    return new OrderConfirmed(
        order.id(),
        order.code(),
        order.language(),
        new OrderConfirmed.Contact(
            order.contact().name(), order.contact().phone(), order.contact().email()),
        order.shippingAddress().city(),
        order.paymentMethod().name(),
        order.totalCentimes(),
        order.cooperativeOrders().stream()
            .map(
                part ->
                    new OrderConfirmed.CooperativePart(
                        part.cooperativeId(),
                        part.subtotalCentimes() + part.shippingCentimes(),
                        order.lines().stream()
                            .filter(line -> line.cooperativeId().equals(part.cooperativeId()))
                            .map(
                                line ->
                                    new OrderConfirmed.Item(
                                        line.productId(),
                                        line.productName(),
                                        line.quantity(),
                                        line.unitPriceCentimes()))
                            .toList()))
            .toList());
  }
}
