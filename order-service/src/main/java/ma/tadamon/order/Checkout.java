package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
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
    return command
        .<OrderView>once(this::placedUnder, () -> placeNew(request, command, caller))
        .map(outcome -> new Placed(outcome.result(), !outcome.replayed()));
  }

  private Future<Optional<IdempotentCommand.Earlier<OrderView>>> placedUnder(String key) {
    return orders
        .findByIdempotencyKey(pool, key)
        .compose(
            id ->
                id.isEmpty()
                    ? Future.succeededFuture(Optional.empty())
                    : queries
                        .load(pool, id.get())
                        .map(
                            view ->
                                view.map(
                                    order ->
                                        new IdempotentCommand.Earlier<>(
                                            order.requestHash(), order))));
  }

  /** Empty when another request with the same key committed first. */
  private Future<Optional<OrderView>> placeNew(
      CheckoutRequest request, IdempotentCommand command, Optional<Caller> caller) {
    List<UUID> productIds =
        request.lines().stream().map(CheckoutRequest.Line::productId).distinct().toList();
    Future<PhoneCheck> phoneCheck = phoneCheckFor(request, caller);
    Future<Optional<CatalogFair>> pickup =
        request.collectedAtFair()
            ? catalog.fair(request.pickupAt())
            : Future.succeededFuture(Optional.empty());
    return Future.all(
            phoneCheck, catalog.products(productIds), cashOnDeliveryAllowed(request), pickup)
        .map(all -> all.<Map<UUID, CatalogProduct>>resultAt(1))
        .compose(
            products -> {
              PricedOrder.Result priced =
                  PricedOrder.price(request, products, fees, pickup.result(), LocalDate.now(clock));
              DomainException.requireValid(priced.problems());
              UUID orderId = TimeOrderedIds.next();
              return Transactions.run(
                  pool,
                  tx ->
                      orders.insertIfNew(
                          tx,
                          orderId,
                          request,
                          priced.order(),
                          command.key(),
                          command.requestHash(),
                          caller.map(Caller::subject).orElse(null),
                          phoneCheck.result(),
                          pickup.result(),
                          () ->
                              outbox.append(
                                  tx,
                                  Topics.ORDER_EVENTS,
                                  placedEvent(orderId, request, priced.order()))));
            });
  }

  /**
   * A number whose parcels were refused at the door {@link RefusalRule#limit} times lately may pay
   * by card, not on delivery: the cooperative would pay the courier both ways again. Fails with the
   * refusal, which says so and offers the card.
   */
  private Future<Void> cashOnDeliveryAllowed(CheckoutRequest request) {
    if (request.method() != PaymentMethod.CASH_ON_DELIVERY) {
      return Future.succeededFuture();
    }
    return refusals
        .counting(pool, request.contact().phone(), refusalRule.window())
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
  private Future<PhoneCheck> phoneCheckFor(CheckoutRequest request, Optional<Caller> caller) {
    boolean cashOnDelivery = request.method() == PaymentMethod.CASH_ON_DELIVERY;
    Optional<String> shopper = caller.filter(c -> c.is(Role.SHOPPER)).map(Caller::subject);
    if (!cashOnDelivery || shopper.isEmpty()) {
      return Future.succeededFuture(PhoneCheck.forNewOrder(cashOnDelivery, false));
    }
    return orders
        .phoneVerified(pool, shopper.get(), request.contact().phone())
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
