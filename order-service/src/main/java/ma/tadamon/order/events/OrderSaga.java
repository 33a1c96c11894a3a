package ma.tadamon.order.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import ma.tadamon.events.inventory.StockRejected;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.events.notification.PhoneConfirmationFailed;
import ma.tadamon.events.notification.PhoneConfirmed;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentFailed;
import ma.tadamon.order.domain.AccessTokens;
import ma.tadamon.order.domain.Order;
import ma.tadamon.order.domain.OrderDecision;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.ShopperAccess;
import ma.tadamon.order.store.OrderRepository;
import ma.tadamon.platform.consumer.Consumed;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.observability.TraceHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order saga, orchestrated here: each answer from inventory or payment locks the order, lets
 * the {@link Order} aggregate decide the step and saves it with what the next participant needs. A
 * step that the order's state does not allow (a late or replayed answer) changes nothing and is
 * logged.
 */
public final class OrderSaga {

  private static final Logger log = LoggerFactory.getLogger(OrderSaga.class);
  private static final int UNPAID_BATCH = 100;
  private static final BiFunction<OrderView, OrderDecision, Future<Void>> NOTHING_AFTER =
      (order, decision) -> Future.succeededFuture();

  private final OrderRepository repository;
  private final AccessTokens tokens;
  private final Duration phoneConfirmationTimeout;

  public OrderSaga(
      OrderRepository repository, AccessTokens tokens, Duration phoneConfirmationTimeout) {
    this.repository = repository;
    this.tokens = tokens;
    this.phoneConfirmationTimeout = phoneConfirmationTimeout;
  }

  /** Stock held for a batch's orders: each moves on, decided together. */
  public Future<Void> onStocksReserved(List<Consumed<StockReserved>> reserved, SqlConnection tx) {
    Instant phoneDeadline = Instant.now().plus(phoneConfirmationTimeout);
    return steps(
        tx,
        reserved.stream()
            .map(
                each ->
                    new Step(
                        each.event().orderId(),
                        trigger(each.envelope()),
                        order -> order.stockReserved(access(order), phoneDeadline),
                        NOTHING_AFTER,
                        each::inItsTrace))
            .toList());
  }

  /**
   * The shopper proved the phone: the order is confirmed, and a signed-in shopper's next
   * cash-on-delivery orders to that number skip the step.
   */
  public Future<Void> onPhoneConfirmed(
      PhoneConfirmed event, EventEnvelope envelope, SqlConnection tx) {
    return step(
        tx,
        event.orderId(),
        trigger(envelope),
        order -> order.phoneConfirmed(access(order)),
        (order, decision) ->
            decision.phoneCheck().isPresent() && order.shopperSubject() != null
                ? repository.rememberVerifiedPhone(
                    tx, order.shopperSubject(), order.contact().phone())
                : Future.succeededFuture());
  }

  public Future<Void> onPhoneConfirmationFailed(
      PhoneConfirmationFailed event, EventEnvelope envelope, SqlConnection tx) {
    String cause =
        switch (event.reason()) {
          case TOO_MANY_WRONG_CODES -> "phone not confirmed: too many wrong codes";
          case NUMBER_NOT_ALLOWED ->
              "phone not confirmed: Tadamon does not send SMS to this number";
          case NUMBER_HELD_BACK -> "phone not confirmed: this number's codes are held back for now";
          case UNKNOWN -> "phone not confirmed";
        };
    return step(tx, event.orderId(), trigger(envelope), order -> order.phoneNotConfirmed(cause));
  }

  /**
   * Cancels cash-on-delivery orders whose shopper has not confirmed the phone within the timeout:
   * their stock goes back on sale, and no cooperative ever heard of them. Several instances may
   * run: each skips orders another is cancelling. Answers how many were cancelled.
   */
  public Future<Integer> cancelUnconfirmedPhoneOrders(Pool pool) {
    String cause =
        "phone not confirmed within " + phoneConfirmationTimeout.toMinutes() + " minutes";
    return Transactions.run(
        pool,
        tx ->
            repository
                .lockUnconfirmedPhoneOrders(tx, phoneConfirmationTimeout, UNPAID_BATCH)
                .compose(
                    overdue -> stepEach(tx, overdue, "the phone confirmation deadline", cause)));
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
    return step(tx, event.orderId(), trigger(envelope), order -> order.stockRejected(reason));
  }

  public Future<Void> onPaymentAuthorized(
      PaymentAuthorized event, EventEnvelope envelope, SqlConnection tx) {
    String cause = "payment authorized (" + event.method() + ")";
    return step(
        tx,
        event.orderId(),
        trigger(envelope),
        order -> order.paymentAuthorized(cause, access(order)));
  }

  public Future<Void> onPaymentFailed(
      PaymentFailed event, EventEnvelope envelope, SqlConnection tx) {
    String cause = "payment failed: " + event.reason();
    return step(tx, event.orderId(), trigger(envelope), order -> order.cancelledBySaga(cause));
  }

  /**
   * The catalog let the order's stock hold expire before the order was confirmed (a payment that
   * never came). Other releases answer this service's own cancellations and declines, and change
   * nothing here.
   */
  public Future<Void> onStockReleased(
      StockReleased event, EventEnvelope envelope, SqlConnection tx) {
    if (event.reason() != StockReleased.Reason.EXPIRED) {
      return Future.succeededFuture();
    }
    return step(tx, event.orderId(), trigger(envelope), Order::stockHoldExpired);
  }

  /**
   * Cancels card orders whose shopper has not paid within {@code timeout} of the stock being held
   * (left the gateway's page, lost the connection): their stock goes back on sale, and a payment
   * that still arrives is refunded by payment-service. Several instances may run: each skips orders
   * another is cancelling. Answers how many were cancelled.
   */
  public Future<Integer> cancelUnpaidCardOrders(Pool pool, Duration timeout) {
    String cause = "card payment not completed within " + timeout.toMinutes() + " minutes";
    return Transactions.run(
        pool,
        tx ->
            repository
                .lockUnpaidCardOrders(tx, timeout, UNPAID_BATCH)
                .compose(overdue -> stepEach(tx, overdue, "the card payment deadline", cause)));
  }

  /** Cancels each of {@code overdue} in {@code tx}, decided together; answers how many. */
  private Future<Integer> stepEach(
      SqlConnection tx, List<UUID> overdue, String trigger, String cause) {
    return steps(
            tx,
            overdue.stream()
                .map(
                    orderId ->
                        new Step(
                            orderId,
                            trigger,
                            order -> order.cancelledBySaga(cause),
                            NOTHING_AFTER,
                            Supplier::get))
                .toList())
        .map(overdue.size());
  }

  private ShopperAccess access(Order order) {
    return tokens.accessFor(order.id(), order.code());
  }

  /** {@code trigger} names what asked for the step, for the log when it is ignored. */
  private Future<Void> step(
      SqlConnection tx, UUID orderId, String trigger, Function<Order, OrderDecision> decide) {
    return step(tx, orderId, trigger, decide, NOTHING_AFTER);
  }

  /** The same, then {@code afterSaved} with the order as it was and what was decided. */
  private Future<Void> step(
      SqlConnection tx,
      UUID orderId,
      String trigger,
      Function<Order, OrderDecision> decide,
      BiFunction<OrderView, OrderDecision, Future<Void>> afterSaved) {
    return steps(tx, List.of(new Step(orderId, trigger, decide, afterSaved, Supplier::get)));
  }

  /**
   * One step of the saga on one order: what asked for it ({@code trigger}, for the log when it is
   * ignored), how the order decides, what follows once saved, and how its writes are traced (its
   * own event's trace, when several events are decided together).
   */
  private record Step(
      UUID orderId,
      String trigger,
      Function<Order, OrderDecision> decide,
      BiFunction<OrderView, OrderDecision, Future<Void>> afterSaved,
      Function<Supplier<OrderRepository.Traced>, OrderRepository.Traced> inItsTrace) {}

  /**
   * Steps on distinct orders: the orders locked together in one round trip (in id order), each
   * decided by its aggregate in its own trace, the decisions saved together, then what follows
   * each.
   */
  private Future<Void> steps(SqlConnection tx, List<Step> steps) {
    List<UUID> orderIds = steps.stream().map(Step::orderId).toList();
    if (new HashSet<>(orderIds).size() != orderIds.size()) {
      // A second step would decide on the order as it was before the first.
      return Future.failedFuture(new IllegalArgumentException("one order twice in a batch"));
    }
    return repository
        .lockAll(tx, orderIds)
        .compose(
            locked -> {
              List<Step> taken = new ArrayList<>();
              List<OrderRepository.Traced> decisions = new ArrayList<>();
              for (Step step : steps) {
                OrderView found = locked.get(step.orderId());
                if (found == null) {
                  log.warn("{} is about unknown order {}; ignored", step.trigger(), step.orderId());
                  continue;
                }
                taken.add(step);
                decisions.add(step.inItsTrace().apply(() -> decide(step, found)));
              }
              return repository
                  .saveAll(tx, decisions, null)
                  .compose(
                      saved -> {
                        List<Future<Void>> after = new ArrayList<>();
                        for (int i = 0; i < taken.size(); i++) {
                          Step step = taken.get(i);
                          after.add(
                              step.afterSaved()
                                  .apply(locked.get(step.orderId()), decisions.get(i).decision()));
                        }
                        return Future.all(after).mapEmpty();
                      });
            });
  }

  private static OrderRepository.Traced decide(Step step, OrderView found) {
    OrderDecision decision = step.decide().apply(Order.of(found));
    decision
        .ignoredBecause()
        .ifPresent(
            because ->
                log.warn("order {}: {} ignored: {}", step.orderId(), step.trigger(), because));
    return new OrderRepository.Traced(decision, TraceHeaders.currentTraceparent());
  }

  private static String trigger(EventEnvelope envelope) {
    return envelope.type() + " " + envelope.id();
  }
}
