package ma.tadamon.order.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import ma.tadamon.events.notification.CooperativeReplied;
import ma.tadamon.events.order.CooperativeReplyAnswered;
import ma.tadamon.order.Fulfilment;
import ma.tadamon.order.domain.FulfilmentAction;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Cooperatives' SMS replies, heard from notification-service and applied with exactly the rules of
 * the portal's buttons; the answer (done, or why not) goes back on {@code order.events} so the
 * cooperative is told by SMS. A reply applied twice (a redelivered event) is a retry, answered the
 * same way.
 */
public final class CooperativeReplies {

  private static final String NO_REASON_GIVEN = "declined by SMS (no reason given)";

  private final Fulfilment fulfilment;
  private final OrderQueries orders;
  private final Outbox outbox;

  public CooperativeReplies(Fulfilment fulfilment, OrderQueries orders, Outbox outbox) {
    this.fulfilment = fulfilment;
    this.orders = orders;
    this.outbox = outbox;
  }

  public Future<Void> onReplied(
      CooperativeReplied reply, EventEnvelope envelope, SqlConnection tx) {
    FulfilmentAction action = FulfilmentAction.of(reply.action()).orElse(null);
    if (action == null) {
      return answer(tx, reply, false, "unknown action '" + reply.action() + "'", null);
    }
    FulfilmentAction.Details details =
        switch (action) {
          case DECLINE ->
              new FulfilmentAction.Details(
                  reply.argument() == null ? NO_REASON_GIVEN : reply.argument(), null);
          case SHIP -> new FulfilmentAction.Details(null, reply.argument());
          default -> FulfilmentAction.Details.NONE;
        };
    return fulfilment
        .actWithin(tx, reply.orderId(), reply.cooperativeId(), action, details, "sms")
        .compose(order -> answer(tx, reply, true, null, partStatus(order, reply)))
        .recover(
            error -> {
              if (!(error instanceof DomainException refusal)) {
                return Future.failedFuture(error);
              }
              return orders
                  .load(tx, reply.orderId())
                  .compose(
                      order ->
                          answer(
                              tx,
                              reply,
                              false,
                              refusal.detail(),
                              order.map(found -> partStatus(found, reply)).orElse(null)));
            });
  }

  private Future<Void> answer(
      SqlConnection tx,
      CooperativeReplied reply,
      boolean applied,
      String detail,
      String partStatus) {
    return outbox.append(
        tx,
        Topics.ORDER_EVENTS,
        new CooperativeReplyAnswered(
            reply.commandId(),
            reply.orderId(),
            reply.cooperativeId(),
            reply.action(),
            applied,
            detail,
            partStatus));
  }

  private static String partStatus(OrderView order, CooperativeReplied reply) {
    return order.cooperativeOrders().stream()
        .filter(part -> part.cooperativeId().equals(reply.cooperativeId()))
        .findFirst()
        .map(part -> part.status().name())
        .orElse(null);
  }
}
