package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import ma.tadamon.events.order.CooperativeOrderAccepted;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderShipped;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderCompleted;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.FulfilmentAction;
import ma.tadamon.order.domain.OrderStatus;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.store.OrderStore;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.outbox.Outbox;

/**
 * What happens to an order after it is confirmed: each cooperative accepts, declines, ships and
 * delivers its own part; the order completes when every part is delivered or declined; the shopper
 * may cancel until something ships. Every step locks the order, so actions on its parts and the
 * saga never race, and is announced on {@code order.events} in the same transaction. Repeating a
 * step that is already done (a retry) changes nothing and answers as the first time did.
 */
public final class Fulfilment {

  private final Pool pool;
  private final OrderStore orders;
  private final Outbox outbox;

  public Fulfilment(Pool pool, OrderStore orders, Outbox outbox) {
    this.pool = pool;
    this.orders = orders;
    this.outbox = outbox;
  }

  /** {@code actor} says who acted, for the part's history: a user's subject, or "sms". */
  public Future<OrderView> act(
      UUID orderId,
      UUID cooperativeId,
      FulfilmentAction action,
      FulfilmentAction.Details details,
      String actor) {
    return pool.withTransaction(
        tx -> actWithin(tx, orderId, cooperativeId, action, details, actor));
  }

  /**
   * The same, inside the caller's transaction (an SMS reply applied by the consumer that heard it).
   */
  public Future<OrderView> actWithin(
      SqlConnection tx,
      UUID orderId,
      UUID cooperativeId,
      FulfilmentAction action,
      FulfilmentAction.Details details,
      String actor) {
    List<ProblemException.FieldError> problems = details.problemsFor(action);
    if (!problems.isEmpty()) {
      return Future.failedFuture(ProblemException.invalid(problems));
    }
    return orders
        .lockStatus(tx, orderId)
        .map(status -> status.orElseThrow(() -> ProblemException.notFound("This order")))
        .compose(
            status ->
                orders
                    .lockPart(tx, orderId, cooperativeId)
                    .map(
                        part ->
                            part.orElseThrow(
                                () ->
                                    ProblemException.notFound(
                                        "This cooperative's part of the order")))
                    .compose(
                        part -> {
                          if (part.status() == action.target()) {
                            return Future.succeededFuture(); // already done: a retry
                          }
                          if (status != OrderStatus.CONFIRMED
                              || !part.status().canMoveTo(action.target())) {
                            throw illegal(action, status, part.status());
                          }
                          return orders
                              .movePart(
                                  tx,
                                  orderId,
                                  cooperativeId,
                                  part.status(),
                                  action.target(),
                                  action == FulfilmentAction.DECLINE
                                      ? details.reason().trim()
                                      : null,
                                  action == FulfilmentAction.SHIP
                                      ? blankToNull(details.trackingReference())
                                      : null,
                                  actor)
                              .compose(v -> orders.load(tx, orderId))
                              .compose(
                                  order -> announce(tx, order.orElseThrow(), cooperativeId, action))
                              .compose(order -> completeIfAllDone(tx, order));
                        }))
        .compose(v -> orders.load(tx, orderId))
        .map(order -> order.orElseThrow());
  }

  /**
   * The shopper (or an operator) cancels before anything has shipped; cancelling twice is harmless.
   */
  public Future<OrderView> cancel(UUID orderId, String cause) {
    return pool.withTransaction(
        tx ->
            orders
                .lockStatus(tx, orderId)
                .map(status -> status.orElseThrow(() -> ProblemException.notFound("This order")))
                .compose(
                    status ->
                        orders
                            .load(tx, orderId)
                            .map(found -> found.orElseThrow())
                            .compose(
                                order -> {
                                  if (status == OrderStatus.CANCELLED) {
                                    return Future.succeededFuture();
                                  }
                                  if (!status.canMoveTo(OrderStatus.CANCELLED)
                                      || order.cooperativeOrders().stream()
                                          .anyMatch(part -> part.status().isOnItsWay())) {
                                    throw new ProblemException(
                                        Problem.of(
                                                409,
                                                "too-late-to-cancel",
                                                "This order can no longer be cancelled",
                                                "The order is "
                                                    + status
                                                    + (status == OrderStatus.CONFIRMED
                                                        ? " and part of it has shipped"
                                                        : "")
                                                    + "; contact the cooperative or refuse the delivery.")
                                            .with("status", status.name()));
                                  }
                                  return orders
                                      .transition(
                                          tx,
                                          orderId,
                                          status,
                                          OrderStatus.CANCELLED,
                                          cause,
                                          CooperativeOrderStatus.CANCELLED)
                                      .compose(
                                          v ->
                                              outbox.append(
                                                  tx,
                                                  Topics.ORDER_EVENTS,
                                                  new OrderCancelled(orderId, cause)));
                                }))
                .compose(v -> orders.load(tx, orderId))
                .map(order -> order.orElseThrow()));
  }

  private Future<OrderView> announce(
      SqlConnection tx, OrderView order, UUID cooperativeId, FulfilmentAction action) {
    OrderView.Part part = order.part(cooperativeId);
    IntegrationEvent event =
        switch (action) {
          case ACCEPT -> new CooperativeOrderAccepted(order.id(), cooperativeId);
          case DECLINE ->
              new CooperativeOrderDeclined(order.id(), cooperativeId, part.declineReason());
          case SHIP ->
              new CooperativeOrderShipped(order.id(), cooperativeId, part.trackingReference());
          case DELIVER ->
              new CooperativeOrderDelivered(
                  order.id(), cooperativeId, order.paymentMethod().name(), part.amountCentimes());
        };
    return outbox.append(tx, Topics.ORDER_EVENTS, event).map(order);
  }

  /**
   * When nothing more can happen to any part, the order is over: COMPLETED if something was
   * delivered, CANCELLED if every cooperative declined.
   */
  private Future<Void> completeIfAllDone(SqlConnection tx, OrderView order) {
    if (!order.cooperativeOrders().stream().allMatch(part -> part.status().isFinal())) {
      return Future.succeededFuture();
    }
    boolean anyDelivered =
        order.cooperativeOrders().stream()
            .anyMatch(part -> part.status() == CooperativeOrderStatus.DELIVERED);
    if (anyDelivered) {
      return orders
          .transition(
              tx,
              order.id(),
              OrderStatus.CONFIRMED,
              OrderStatus.COMPLETED,
              "every part delivered or declined",
              null)
          .compose(v -> outbox.append(tx, Topics.ORDER_EVENTS, new OrderCompleted(order.id())));
    }
    String cause = "every cooperative declined";
    return orders
        .transition(tx, order.id(), OrderStatus.CONFIRMED, OrderStatus.CANCELLED, cause, null)
        .compose(
            v -> outbox.append(tx, Topics.ORDER_EVENTS, new OrderCancelled(order.id(), cause)));
  }

  private static ProblemException illegal(
      FulfilmentAction action, OrderStatus order, CooperativeOrderStatus part) {
    String detail =
        order != OrderStatus.CONFIRMED
            ? "The order is " + order + "; a cooperative acts on it once it is CONFIRMED."
            : "This part is "
                + part
                + "; it cannot be "
                + action.target().name().toLowerCase()
                + " now.";
    return new ProblemException(
        Problem.of(409, "illegal-transition", "Not possible in this state", detail)
            .with("status", part.name())
            .with("orderStatus", order.name()));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
