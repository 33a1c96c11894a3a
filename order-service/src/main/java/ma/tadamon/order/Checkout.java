package ma.tadamon.order;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.PricedOrder;
import ma.tadamon.order.domain.ShippingFees;
import ma.tadamon.order.store.CatalogReadModel;
import ma.tadamon.order.store.OrderStore;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.http.ProblemException;
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
  private final OrderStore orders;
  private final CatalogReadModel catalog;
  private final Outbox outbox;
  private final ShippingFees fees;

  public Checkout(
      Pool pool, OrderStore orders, CatalogReadModel catalog, Outbox outbox, ShippingFees fees) {
    this.pool = pool;
    this.orders = orders;
    this.catalog = catalog;
    this.outbox = outbox;
    this.fees = fees;
  }

  public Future<Placed> place(
      CheckoutRequest request, String idempotencyKey, Optional<Caller> caller) {
    List<ProblemException.FieldError> problems = request.problems();
    if (!problems.isEmpty()) {
      return Future.failedFuture(ProblemException.invalid(problems));
    }
    String hash = requestHash(request);
    return orders
        .findByIdempotencyKey(pool, idempotencyKey)
        .compose(
            existing ->
                existing.isPresent()
                    ? replay(existing.get(), hash)
                    : placeNew(request, idempotencyKey, hash, caller));
  }

  private Future<Placed> placeNew(
      CheckoutRequest request, String key, String hash, Optional<Caller> caller) {
    List<UUID> productIds =
        request.lines().stream().map(CheckoutRequest.Line::productId).distinct().toList();
    return catalog
        .products(productIds)
        .compose(
            products -> {
              PricedOrder.Result priced = PricedOrder.price(request, products, fees);
              if (!priced.problems().isEmpty()) {
                return Future.failedFuture(ProblemException.invalid(priced.problems()));
              }
              UUID orderId = UUID.randomUUID();
              return pool.withTransaction(
                      tx ->
                          orders
                              .insertIfNew(
                                  tx,
                                  orderId,
                                  request,
                                  priced.order(),
                                  key,
                                  hash,
                                  caller.map(Caller::subject).orElse(null))
                              .compose(
                                  inserted ->
                                      inserted.isEmpty()
                                          ? Future.succeededFuture(false)
                                          : outbox
                                              .append(
                                                  tx,
                                                  Topics.ORDER_EVENTS,
                                                  placedEvent(orderId, request, priced.order()))
                                              .map(true)))
                  .compose(
                      created ->
                          created
                              ? orders
                                  .load(pool, orderId)
                                  .map(view -> new Placed(view.orElseThrow(), true))
                              // Another request with the same key committed first: answer with its
                              // order.
                              : orders
                                  .findByIdempotencyKey(pool, key)
                                  .compose(id -> replay(id.orElseThrow(), hash)));
            });
  }

  private Future<Placed> replay(UUID orderId, String hash) {
    return orders
        .load(pool, orderId)
        .map(
            view -> {
              OrderView order = view.orElseThrow();
              if (!order.requestHash().equals(hash)) {
                throw ProblemException.unprocessable(
                    "idempotency-key-reused",
                    "This Idempotency-Key was used for another order",
                    "Use a new Idempotency-Key for a different order.");
              }
              return new Placed(order, false);
            });
  }

  private static OrderPlaced placedEvent(
      UUID orderId, CheckoutRequest request, PricedOrder priced) {
    return new OrderPlaced(
        orderId,
        request.method().name(),
        priced.totalCentimes(),
        priced.lines().stream()
            .map(
                line ->
                    new OrderPlaced.Line(
                        line.product().id(), line.product().cooperativeId(), line.quantity()))
            .toList());
  }

  /**
   * A digest of the request as parsed, so formatting and field order do not make a retry look
   * different.
   */
  static String requestHash(CheckoutRequest request) {
    try {
      byte[] canonical = EventMapper.JSON.writeValueAsBytes(request);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("a parsed request always serialises", e);
    }
  }
}
