package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.order.domain.CatalogFair;
import ma.tadamon.order.domain.CatalogProduct;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.PhoneCheck;
import ma.tadamon.order.domain.PricedOrder;
import ma.tadamon.order.domain.ShippingFees;
import ma.tadamon.order.store.CatalogReadModel;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.order.store.OrderRepository;
import ma.tadamon.order.store.RefusalStore;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.TimeOrderedIds;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.idempotency.IdempotentCommand;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Checkout: validates the request, prices it from the catalog read model, and places the order with
 * its OrderPlaced event in one transaction. The Idempotency-Key makes a retry return the same
 * order, even while the first request is still in flight (the unique key makes the second wait,
 * then find it).
 */
public final class Checkout {

  /** The order, and whether this request placed it (false for a replayed key). */
  public record Placed(OrderView order, boolean created) {}

  private final Pool pool;
  private final OrderRepository orders;
  private final OrderQueries queries;
  private final CatalogReadModel catalog;
  private final Outbox outbox;
  private final ShippingFees fees;
  private final RefusalStore refusals;
  private final RefusalRule refusalRule;
  private final Clock clock;

  /**
   * How many parcels refused at the door, within what window, end cash on delivery for a number.
   */
  public record RefusalRule(long limit, Duration window) {}

  public Checkout(
      Pool pool,
      OrderRepository orders,
      OrderQueries queries,
      CatalogReadModel catalog,
      Outbox outbox,
      ShippingFees fees,
      RefusalStore refusals,
      RefusalRule refusalRule,
      Clock clock) {
    this.pool = pool;
    this.orders = orders;
    this.queries = queries;
    this.catalog = catalog;
    this.outbox = outbox;
    this.fees = fees;
    this.refusals = refusals;
    this.refusalRule = refusalRule;
    this.clock = clock.withZone(CatalogFair.ZONE);
  }

  public Future<Placed> place(
      CheckoutRequest request, String idempotencyKey, Optional<Caller> caller) {
    DomainException.requireValid(request.problems());
    IdempotentCommand command = IdempotentCommand.of(idempotencyKey, request, "order");
    // The key's lookup and what a new order needs are read together, on one connection, in one
    // round trip: a retry is rare, and every checkout used to wait for the lookup first, then for
    // its reads, each on a connection of its own (docs/benchmarks.md).
    Future<Reads> reads =
        pool.withConnection(
            connection -> {
              Reads sent =
                  new Reads(
                      orders.findByIdempotencyKey(connection, command.key()),
                      check(connection, request, caller));
              return Future.join(sent.keyed(), sent.checked())
                  .transform(done -> Future.succeededFuture(sent));
            });
    return command
        .<OrderView>once(
            reads.compose(Reads::keyed).compose(this::earlier),
            this::placedUnder,
            () ->
                reads
                    .compose(Reads::checked)
                    .compose(checked -> placeNew(request, command, caller, checked)))
        .map(outcome -> new Placed(outcome.result(), !outcome.replayed()));
  }

  /** The order placed under a key, if one was, and what a new order would need: both asked. */
  private record Reads(Future<Optional<UUID>> keyed, Future<Checked> checked) {}

  /** What a new order needs read first: its products, its phone's standing, its fair. */
  private record Checked(
      Map<UUID, CatalogProduct> products, PhoneCheck phoneCheck, Optional<CatalogFair> pickup) {}

  private Future<Optional<IdempotentCommand.Earlier<OrderView>>> placedUnder(String key) {
    return orders.findByIdempotencyKey(pool, key).compose(this::earlier);
  }

  private Future<Optional<IdempotentCommand.Earlier<OrderView>>> earlier(Optional<UUID> id) {
    return id.isEmpty()
        ? Future.succeededFuture(Optional.empty())
        : queries
            .load(pool, id.get())
            .map(
                view ->
                    view.map(order -> new IdempotentCommand.Earlier<>(order.requestHash(), order)));
  }

  private Future<Checked> check(
      SqlConnection connection, CheckoutRequest request, Optional<Caller> caller) {
    List<UUID> productIds =
        request.lines().stream().map(CheckoutRequest.Line::productId).distinct().toList();
    Future<PhoneCheck> phoneCheck = phoneCheckFor(connection, request, caller);
    Future<Map<UUID, CatalogProduct>> products = catalog.products(connection, productIds);
    Future<Optional<CatalogFair>> pickup =
        request.collectedAtFair()
            ? catalog.fair(connection, request.pickupAt())
            : Future.succeededFuture(Optional.empty());
    // join, not all: the connection goes back to the pool only once every answer is in.
    return Future.join(phoneCheck, products, cashOnDeliveryAllowed(connection, request), pickup)
        .map(all -> new Checked(products.result(), phoneCheck.result(), pickup.result()));
  }

  /** Empty when another request with the same key committed first. */
  private Future<Optional<OrderView>> placeNew(
      CheckoutRequest request,
      IdempotentCommand command,
      Optional<Caller> caller,
      Checked checked) {
    PricedOrder.Result priced =
        PricedOrder.price(
            request, checked.products(), fees, checked.pickup(), LocalDate.now(clock));
    DomainException.requireValid(priced.problems());
    UUID orderId = TimeOrderedIds.next();
    // Every write is sent at once, with the COMMIT behind: none needs another's answer.
    return Transactions.runSentAtOnce(
            pool,
            tx ->
                orders.insert(
                    tx,
                    orderId,
                    request,
                    priced.order(),
                    command.key(),
                    command.requestHash(),
                    caller.map(Caller::subject).orElse(null),
                    checked.phoneCheck(),
                    checked.pickup(),
                    () ->
                        outbox.append(
                            tx,
                            Topics.ORDER_EVENTS,
                            placedEvent(orderId, request, priced.order()))))
        .map(Optional::of)
        .recover(
            error ->
                OrderRepository.keyTaken(error)
                    ? Future.succeededFuture(Optional.empty())
                    : Future.failedFuture(error));
  }

  /**
   * A number whose parcels were refused at the door {@link RefusalRule#limit} times lately may pay
   * by card, not on delivery: the cooperative would pay the courier both ways again. Fails with the
   * refusal, which says so and offers the card.
   */
  private Future<Void> cashOnDeliveryAllowed(SqlConnection connection, CheckoutRequest request) {
    if (request.method() != PaymentMethod.CASH_ON_DELIVERY) {
      return Future.succeededFuture();
    }
    return refusals
        .counting(connection, request.contact().phone(), refusalRule.window())
        .compose(
            refused ->
                refused < refusalRule.limit()
                    ? Future.succeededFuture()
                    : Future.failedFuture(
                        DomainException.refused(
                                "cash-on-delivery-unavailable",
                                "Cash on delivery is not available for this number",
                                "Parcels sent to this number were refused at the door. Pay by"
                                    + " card, or ask Tadamon to look at it again.")
                            .with("paymentMethods", List.of(PaymentMethod.CARD.name()))));
  }

  /**
   * A cash-on-delivery order waits for its shopper to prove the phone, unless a signed-in shopper
   * proved that very number on an earlier order.
   */
  private Future<PhoneCheck> phoneCheckFor(
      SqlConnection connection, CheckoutRequest request, Optional<Caller> caller) {
    boolean cashOnDelivery = request.method() == PaymentMethod.CASH_ON_DELIVERY;
    Optional<String> shopper = caller.filter(c -> c.is(Role.SHOPPER)).map(Caller::subject);
    if (!cashOnDelivery || shopper.isEmpty()) {
      return Future.succeededFuture(PhoneCheck.forNewOrder(cashOnDelivery, false));
    }
    return orders
        .phoneVerified(connection, shopper.get(), request.contact().phone())
        .map(proved -> PhoneCheck.forNewOrder(true, proved));
  }

  private static OrderPlaced placedEvent(
      UUID orderId, CheckoutRequest request, PricedOrder priced) {
    return new OrderPlaced(
        orderId,
        request.method(),
        priced.totalCentimes(),
        priced.lines().stream()
            .map(
                line ->
                    new OrderPlaced.Line(
                        line.product().id(), line.product().cooperativeId(), line.quantity()))
            .toList());
  }
}
