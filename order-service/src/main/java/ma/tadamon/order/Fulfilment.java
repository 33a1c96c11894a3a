package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.UUID;
import java.util.function.Function;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.FulfilmentAction;
import ma.tadamon.order.domain.Order;
import ma.tadamon.order.domain.OrderDecision;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.order.store.OrderRepository;
import ma.tadamon.order.store.RefusalStore;
import ma.tadamon.platform.domain.DomainException;

/**
 * What happens to an order after it is confirmed: each cooperative accepts, declines, ships and
 * delivers its own part (or takes back a cash-on-delivery parcel refused at the door, recorded
 * against the shopper's number), and the shopper may cancel until something ships. Each command
 * locks the order (so actions on its parts and the saga never race), lets the {@link Order}
 * aggregate decide, and saves the decision with its events in the same transaction. Repeating a
 * step that is already done (a retry) changes nothing and answers as the first time did.
 */
public final class Fulfilment {

  private final Pool pool;
  private final OrderRepository repository;
  private final OrderQueries queries;
  private final RefusalStore refusals;
  private final Invoices invoices;

  public Fulfilment(
      Pool pool,
      OrderRepository repository,
      OrderQueries queries,
      RefusalStore refusals,
      Invoices invoices) {
    this.pool = pool;
    this.repository = repository;
    this.queries = queries;
    this.refusals = refusals;
    this.invoices = invoices;
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
    return decide(tx, orderId, order -> order.act(cooperativeId, action, details), actor)
        // A delivered part is invoiced in the same transaction: no delivery without its invoice.
        .compose(
            order ->
                action == FulfilmentAction.DELIVER
                    ? invoices.issueForDelivered(tx, order, cooperativeId).map(order)
                    : Future.succeededFuture(order))
        .compose(
            order -> {
              // A parcel refused at the door counts against the shopper's number.
              boolean refused =
                  order.part(cooperativeId).status() == CooperativeOrderStatus.REFUSED
                      && (action == FulfilmentAction.REFUSE || action == FulfilmentAction.DECLINE);
              return refused
                  ? refusals
                      .record(
                          tx,
                          orderId,
                          cooperativeId,
                          order.contact().phone(),
                          details.courierCostCentimes())
                      .map(order)
                  : Future.succeededFuture(order);
            });
  }

  /**
   * The shopper (or an operator) cancels before anything has shipped; cancelling twice is harmless.
   */
  public Future<OrderView> cancel(UUID orderId, String cause) {
    return pool.withTransaction(tx -> decide(tx, orderId, order -> order.cancel(cause), null));
  }

  private Future<OrderView> decide(
      SqlConnection tx, UUID orderId, Function<Order, OrderDecision> command, String actor) {
    return repository
        .lock(tx, orderId)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("This order")))
        .compose(order -> repository.save(tx, command.apply(Order.of(order)), actor))
        .compose(saved -> queries.load(tx, orderId))
        .map(order -> order.orElseThrow());
  }
}
