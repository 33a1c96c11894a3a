package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
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
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to an order after it is confirmed: each cooperative accepts, declines, ships and
 * delivers its own part (or takes back a cash-on-delivery parcel refused at the door, recorded
 * against the shopper's number), and the shopper may cancel until something ships. Each command
 * locks the order (so actions on its parts and the saga never race), lets the {@link Order}
 * aggregate decide, and saves the decision with its events in the same transaction. Repeating a
 * step that is already done (a retry) changes nothing and answers as the first time did.
 */
public final class Fulfilment {

  private static final Logger log = LoggerFactory.getLogger(Fulfilment.class);

  private static final int RELEASED_PER_ROUND = 200;

  /** Who released a part, in its history. */
  private static final String RELEASED_BY = "tadamon";

  /** Why a released part was declined, in its order's language: the shopper is told. */
  private static final Map<String, String> UNCOLLECTED =
      Map.of(
          "ar", "لم يتم استلام الطلب في الرواق قبل نهاية المعرض",
          "fr", "Non retirée au stand avant la fin du salon",
          "en", "Not collected at the stand before the fair ended");

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
    return Transactions.run(
        pool, tx -> actWithin(tx, orderId, cooperativeId, action, details, actor));
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
   * The cooperative hands over, at its fair stand, the part of the order whose code the shopper
   * shows; handing it over twice is harmless. Not found unless the order has a part of this
   * cooperative to collect at its stand: a code is no way to reach another's order.
   */
  public Future<OrderView> handOver(UUID cooperativeId, String code, String actor) {
    return queries
        .byCode(pool, code)
        .compose(
            found ->
                found.isEmpty()
                    ? Future.succeededFuture(Optional.<OrderView>empty())
                    : queries.load(pool, found.get().id()))
        .compose(
            order -> {
              boolean atItsStand =
                  order.isPresent()
                      && order.get().cooperativeOrders().stream()
                          .anyMatch(
                              part ->
                                  part.cooperativeId().equals(cooperativeId)
                                      && part.collectedAtStand());
              if (!atItsStand) {
                throw DomainException.notFound("An order to collect at your stand with this code");
              }
              return act(
                  order.get().id(),
                  cooperativeId,
                  FulfilmentAction.DELIVER,
                  FulfilmentAction.Details.NONE,
                  actor);
            });
  }

  /**
   * Parts nobody collected before their fair ended ({@code today}, Morocco's date, is after its
   * last day) are released: declined by Tadamon, so their stock goes back on sale, a card payment
   * is refunded and the shopper is told why. Answers how many were released.
   */
  public Future<Integer> releaseUncollected(LocalDate today) {
    return queries
        .uncollectedAfterTheirFair(pool, today, RELEASED_PER_ROUND)
        .compose(
            parts -> {
              Future<Integer> released = Future.succeededFuture(0);
              for (OrderQueries.Uncollected part : parts) {
                released =
                    released.compose(
                        count ->
                            act(
                                    part.orderId(),
                                    part.cooperativeId(),
                                    FulfilmentAction.DECLINE,
                                    new FulfilmentAction.Details(
                                        UNCOLLECTED.getOrDefault(
                                            part.language(), UNCOLLECTED.get("fr")),
                                        null),
                                    RELEASED_BY)
                                .map(order -> count + 1)
                                .recover(
                                    notNow -> {
                                      // Handed over meanwhile, or the order cancelled: nothing
                                      // to release. Anything else is tried again next round.
                                      if (!(notNow instanceof DomainException)) {
                                        log.warn(
                                            "order {}: releasing the part of {} failed: {}",
                                            part.orderId(),
                                            part.cooperativeId(),
                                            notNow.toString());
                                      }
                                      return Future.succeededFuture(count);
                                    }));
              }
              return released;
            });
  }

  /**
   * The shopper (or an operator) cancels before anything has shipped; cancelling twice is harmless.
   */
  public Future<OrderView> cancel(UUID orderId, String cause) {
    return Transactions.run(pool, tx -> decide(tx, orderId, order -> order.cancel(cause), null));
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
