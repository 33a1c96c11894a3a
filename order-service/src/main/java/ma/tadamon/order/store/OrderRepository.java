package ma.tadamon.order.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.templates.SqlTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import ma.tadamon.order.domain.CatalogFair;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.OrderDecision;
import ma.tadamon.order.domain.OrderStatus;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.PhoneCheck;
import ma.tadamon.order.domain.PricedOrder;
import ma.tadamon.platform.db.AfterCommit;
import ma.tadamon.platform.db.PgErrors;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.observability.TraceHeaders;
import ma.tadamon.platform.outbox.Outbox;

/**
 * The order aggregate's persistence: places new orders, locks and loads one for a decision, and
 * saves what was decided (the moves, their history and the events, through the outbox) in the
 * caller's transaction. Reads for screens are {@link OrderQueries}.
 */
public final class OrderRepository {

  private static final String INSERT_ORDER =
      """
      INSERT INTO orders (id, code, status, payment_method, language, contact_name, contact_phone,
                          contact_email, shipping_address, shopper_subject, subtotal_centimes,
                          shipping_centimes, total_centimes, idempotency_key, request_hash, phone_check,
                          source, marketing_consent, terms_version, pickup_fair_id, pickup_fair_name)
      VALUES (#{id}, nextval('order_code')::text, 'PLACED', #{paymentMethod}, #{language},
              #{contactName}, #{contactPhone}, #{contactEmail}, #{shippingAddress}, #{shopperSubject},
              #{subtotalCentimes}, #{shippingCentimes}, #{totalCentimes}, #{idempotencyKey},
              #{requestHash}, #{phoneCheck}, #{source}, #{marketingConsent}, #{termsVersion},
              #{pickupFairId}, #{pickupFairName})
      RETURNING code, created_at
      """;
  private static final String INSERT_LINE =
      """
      INSERT INTO order_lines (order_id, line_number, product_id, cooperative_id, product_name, unit,
                               unit_price_centimes, quantity, category)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;
  private static final String INSERT_PART =
      """
      INSERT INTO cooperative_orders (order_id, cooperative_id, status, subtotal_centimes, shipping_centimes,
                                      pickup_stand)
      VALUES ($1, $2, 'PENDING', $3, $4, $5)
      """;
  private static final String BY_KEY = "SELECT id FROM orders WHERE idempotency_key = $1";
  // In id order: two transactions locking several orders never wait for each other in a circle.
  private static final String LOCK_ORDERS =
      "SELECT * FROM orders WHERE id = ANY($1) ORDER BY id FOR UPDATE";
  // updated_at is when the order became RESERVED: nothing else touches a reserved order.
  private static final String LOCK_UNPAID_CARD_ORDERS =
      """
      SELECT id FROM orders
      WHERE status = 'RESERVED' AND payment_method = 'CARD' AND updated_at < now() - make_interval(secs => $1)
      ORDER BY updated_at LIMIT $2
      FOR UPDATE SKIP LOCKED
      """;
  // updated_at is when the order became RESERVED and the code was asked for.
  private static final String LOCK_UNCONFIRMED_PHONE_ORDERS =
      """
      SELECT id FROM orders
      WHERE phone_check = 'AWAITING' AND status = 'RESERVED' AND updated_at < now() - make_interval(secs => $1)
      ORDER BY updated_at LIMIT $2
      FOR UPDATE SKIP LOCKED
      """;
  // A decision's writes, and a batch's decisions', are one statement each: the rows as arrays.
  private static final String UPDATE_PHONE_CHECKS =
      """
      UPDATE orders o SET phone_check = moved.phone_check, updated_at = now()
      FROM unnest($1::uuid[], $2::text[]) AS moved (id, phone_check)
      WHERE o.id = moved.id
      """;
  private static final String PHONE_VERIFIED =
      "SELECT 1 FROM verified_phones WHERE shopper_subject = $1 AND phone = $2";
  private static final String REMEMBER_VERIFIED_PHONE =
      """
      INSERT INTO verified_phones (shopper_subject, phone) VALUES ($1, $2)
      ON CONFLICT (shopper_subject, phone) DO UPDATE SET verified_at = now()
      """;
  // An order moves only from the state it was decided in; the ids moved come back to be checked.
  private static final String UPDATE_STATUSES =
      """
      UPDATE orders o SET status = moved.to_status, updated_at = now()
      FROM unnest($1::uuid[], $2::text[], $3::text[]) AS moved (id, from_status, to_status)
      WHERE o.id = moved.id AND o.status = moved.from_status
      RETURNING o.id
      """;
  private static final String INSERT_HISTORIES =
      """
      INSERT INTO order_status_history (order_id, from_status, to_status, cause)
      SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[])
      """;
  private static final String UPDATE_PARTS =
      """
      UPDATE cooperative_orders c
      SET status = moved.to_status, decline_reason = coalesce(moved.decline_reason, c.decline_reason),
          tracking_reference = coalesce(moved.tracking_reference, c.tracking_reference), updated_at = now(),
          delivered_at = CASE WHEN moved.to_status = 'DELIVERED' THEN now() ELSE c.delivered_at END
      FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS moved (order_id, cooperative_id, from_status, to_status, decline_reason, tracking_reference)
      WHERE c.order_id = moved.order_id AND c.cooperative_id = moved.cooperative_id
        AND c.status = moved.from_status
      """;
  private static final String INSERT_PART_HISTORIES =
      """
      INSERT INTO cooperative_order_history (order_id, cooperative_id, from_status, to_status, actor)
      SELECT *, $5 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[])
      """;

  private final Outbox outbox;
  private final MeterRegistry registry;

  public OrderRepository(Outbox outbox, MeterRegistry registry) {
    this.outbox = outbox;
    this.registry = registry;
  }

  /**
   * Places the order and answers it as placed; fails, and {@link #keyTaken} says so, when its
   * idempotency key was used before. An order collected at {@code pickup}'s stands has the fair's
   * venue for its address and, unless the shopper came from another tagged link, the fair's
   * campaign tag, so the fair counts it. {@code alsoWrite} writes what goes with the order (its
   * outbox rows). Every statement is sent at once, in one round trip: none needs another's answer,
   * and a taken key fails the order's insert, then everything after it, and the transaction.
   */
  public Future<OrderView> insert(
      SqlConnection tx,
      UUID id,
      CheckoutRequest request,
      PricedOrder priced,
      String idempotencyKey,
      String requestHash,
      String shopperSubject,
      PhoneCheck phoneCheck,
      Optional<CatalogFair> pickup,
      Supplier<Future<Void>> alsoWrite) {
    Map<String, Object> order = new HashMap<>();
    order.put("id", id);
    order.put("paymentMethod", request.method().name());
    order.put("language", request.languageOrDefault());
    order.put("contactName", request.contact().name());
    order.put("contactPhone", request.contact().phone());
    order.put("contactEmail", blankToNull(request.contact().email()));
    CheckoutRequest.Address address =
        pickup
            .map(fair -> fair.venueAddress(request.languageOrDefault()))
            .orElse(request.shippingAddress());
    order.put("shippingAddress", OrderRows.addressJson(address));
    order.put("shopperSubject", shopperSubject);
    order.put("subtotalCentimes", priced.subtotalCentimes());
    order.put("shippingCentimes", priced.shippingCentimes());
    order.put("totalCentimes", priced.totalCentimes());
    order.put("idempotencyKey", idempotencyKey);
    order.put("requestHash", requestHash);
    order.put("phoneCheck", phoneCheck.name());
    order.put(
        "source",
        request.source() != null
            ? request.source()
            : pickup.map(CatalogFair::campaignTag).orElse(null));
    order.put("pickupFairId", pickup.map(CatalogFair::id).orElse(null));
    order.put(
        "pickupFairName", pickup.map(fair -> new JsonObject(Map.copyOf(fair.name()))).orElse(null));
    order.put("marketingConsent", request.marketingConsent());
    order.put("termsVersion", request.termsVersion());
    Future<RowSet<Row>> inserted = SqlTemplate.forQuery(tx, INSERT_ORDER).execute(order);
    // Written as the checkout will show them: the same records give the rows.
    List<OrderView.Line> lines = placedLines(priced);
    List<OrderView.Part> parts = placedParts(priced);
    List<Tuple> lineRows =
        lines.stream()
            .map(
                line ->
                    Tuple.of(
                        id,
                        line.number(),
                        line.productId(),
                        line.cooperativeId(),
                        new JsonObject(Map.<String, Object>copyOf(line.productName())),
                        line.unit(),
                        line.unitPriceCentimes(),
                        line.quantity(),
                        line.category()))
            .toList();
    List<Tuple> partRows =
        parts.stream()
            .map(
                part ->
                    Tuple.of(
                        id,
                        part.cooperativeId(),
                        part.subtotalCentimes(),
                        part.shippingCentimes(),
                        part.pickupStand()))
            .toList();
    return Future.all(
            inserted,
            tx.preparedQuery(INSERT_LINE).executeBatch(lineRows),
            tx.preparedQuery(INSERT_PART).executeBatch(partRows),
            insertHistories(
                tx,
                new UUID[] {id},
                new String[] {null},
                new String[] {OrderStatus.PLACED.name()},
                new String[] {"checkout"}),
            alsoWrite.get())
        // The order's own failure (a taken key) rather than the aborted transaction's after it.
        .recover(error -> Future.failedFuture(inserted.failed() ? inserted.cause() : error))
        .map(
            all -> {
              countTransition(tx, "NONE", "PLACED");
              Row row = inserted.result().iterator().next();
              return placed(
                  id,
                  row.getString("code"),
                  row.getOffsetDateTime("created_at").toInstant(),
                  request,
                  address,
                  priced,
                  lines,
                  parts,
                  requestHash,
                  shopperSubject,
                  phoneCheck,
                  pickup);
            });
  }

  /** Whether {@link #insert} failed because another order has its idempotency key. */
  public static boolean keyTaken(Throwable error) {
    return PgErrors.uniqueViolation(error, "orders_idempotency_key_key");
  }

  /**
   * The order just placed as {@link OrderQueries#load} would read it back, built from what was
   * written: the checkout answers with it without reading it again. Its history's one step and the
   * order were written at the same transaction time.
   */
  private static OrderView placed(
      UUID id,
      String code,
      Instant createdAt,
      CheckoutRequest request,
      CheckoutRequest.Address address,
      PricedOrder priced,
      List<OrderView.Line> lines,
      List<OrderView.Part> parts,
      String requestHash,
      String shopperSubject,
      PhoneCheck phoneCheck,
      Optional<CatalogFair> pickup) {
    return new OrderView(
        id,
        code,
        OrderStatus.PLACED,
        request.method(),
        request.languageOrDefault(),
        new CheckoutRequest.Contact(
            request.contact().name(),
            request.contact().phone(),
            blankToNull(request.contact().email())),
        address,
        shopperSubject,
        priced.subtotalCentimes(),
        priced.shippingCentimes(),
        priced.totalCentimes(),
        requestHash,
        createdAt,
        phoneCheck,
        lines,
        parts,
        List.of(new OrderView.Transition(null, OrderStatus.PLACED, "checkout", createdAt)),
        request.marketingConsent(),
        pickup.map(fair -> new OrderView.Pickup(fair.id(), Map.copyOf(fair.name()))).orElse(null));
  }

  private static List<OrderView.Line> placedLines(PricedOrder priced) {
    return priced.lines().stream()
        .map(
            line ->
                new OrderView.Line(
                    line.number(),
                    line.product().id(),
                    line.product().cooperativeId(),
                    Map.copyOf(line.product().name()),
                    line.product().unit(),
                    line.product().priceCentimes(),
                    line.quantity(),
                    line.product().category()))
        .toList();
  }

  /** Every part of a new order waits for its cooperative (the rows say so too). */
  private static List<OrderView.Part> placedParts(PricedOrder priced) {
    return priced.parts().stream()
        .map(
            part ->
                new OrderView.Part(
                    part.cooperativeId(),
                    CooperativeOrderStatus.PENDING,
                    part.subtotalCentimes(),
                    part.shippingCentimes(),
                    null,
                    null,
                    null,
                    part.pickupStand()))
        .toList();
  }

  public Future<Optional<UUID>> findByIdempotencyKey(SqlClient client, String key) {
    return client
        .preparedQuery(BY_KEY)
        .execute(Tuple.of(key))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID("id")));
  }

  /**
   * Locks the order until the transaction ends, so that the saga and people's actions on it never
   * race, and loads it for a decision, without its history (no decision reads it; show the order
   * from {@link OrderQueries#load} instead); empty when there is no such order.
   */
  public Future<Optional<OrderView>> lock(SqlConnection tx, UUID id) {
    return lockAll(tx, List.of(id)).map(locked -> Optional.ofNullable(locked.get(id)));
  }

  /**
   * The orders, locked for a decision in this transaction, with their lines and parts (no history:
   * no decision reads it); by id, an unknown order absent.
   */
  public Future<Map<UUID, OrderView>> lockAll(SqlConnection tx, Collection<UUID> ids) {
    return OrderQueries.loadAll(tx, LOCK_ORDERS, ids);
  }

  /**
   * Card orders reserved longer than {@code unpaidFor} ago, locked; rows another transaction holds
   * are skipped.
   */
  public Future<List<UUID>> lockUnpaidCardOrders(SqlConnection tx, Duration unpaidFor, int limit) {
    return tx.preparedQuery(LOCK_UNPAID_CARD_ORDERS)
        .execute(Tuple.of((double) unpaidFor.toSeconds(), limit))
        .map(OrderRepository::ids);
  }

  /**
   * Cash-on-delivery orders that have waited longer than {@code timeout} for their shopper's phone,
   * locked; rows another transaction holds are skipped.
   */
  public Future<List<UUID>> lockUnconfirmedPhoneOrders(
      SqlConnection tx, Duration timeout, int limit) {
    return tx.preparedQuery(LOCK_UNCONFIRMED_PHONE_ORDERS)
        .execute(Tuple.of((double) timeout.toSeconds(), limit))
        .map(OrderRepository::ids);
  }

  /** Whether the signed-in shopper {@code subject} proved {@code phone} on an earlier order. */
  public Future<Boolean> phoneVerified(SqlClient client, String subject, String phone) {
    return client
        .preparedQuery(PHONE_VERIFIED)
        .execute(Tuple.of(subject, phone))
        .map(rows -> rows.size() > 0);
  }

  /** Remembers that the signed-in shopper {@code subject} proved {@code phone}. */
  public Future<Void> rememberVerifiedPhone(SqlConnection tx, String subject, String phone) {
    return tx.preparedQuery(REMEMBER_VERIFIED_PHONE).execute(Tuple.of(subject, phone)).mapEmpty();
  }

  private static List<UUID> ids(RowSet<Row> rows) {
    List<UUID> ids = new ArrayList<>();
    rows.forEach(row -> ids.add(row.getUUID("id")));
    return ids;
  }

  /** A decision and the trace its events continue (the W3C traceparent; null: none). */
  public record Traced(OrderDecision decision, String traceparent) {}

  /**
   * Saves a decision about an order locked in this transaction: the order's move and its history,
   * the parts' moves (a cooperative's own with who made it, {@code actor}), and the events through
   * the outbox, in the trace current here.
   */
  public Future<Void> save(SqlConnection tx, OrderDecision decision, String actor) {
    return saveAll(tx, List.of(new Traced(decision, TraceHeaders.currentTraceparent())), actor);
  }

  /**
   * Saves decisions about distinct orders locked in this transaction, each as {@link #save} would,
   * with one statement for each kind of write, all sent at once. The moves are checked when their
   * answer comes: an order no longer in the state it was decided in fails the transaction, with
   * whatever was written beside it.
   */
  public Future<Void> saveAll(SqlConnection tx, List<Traced> decisions, String actor) {
    List<Moved> moves = new ArrayList<>();
    List<PartMoved> partMoves = new ArrayList<>();
    List<PhoneChecked> phoneChecks = new ArrayList<>();
    List<Outbox.Traced> events = new ArrayList<>();
    for (Traced traced : decisions) {
      OrderDecision decision = traced.decision();
      UUID id = decision.orderId();
      decision.move().ifPresent(move -> moves.add(new Moved(id, move)));
      decision.partMoves().forEach(part -> partMoves.add(new PartMoved(id, part)));
      decision.phoneCheck().ifPresent(check -> phoneChecks.add(new PhoneChecked(id, check.name())));
      decision
          .events()
          .forEach(event -> events.add(new Outbox.Traced(event, traced.traceparent())));
    }
    List<PartMoved> byCooperative =
        partMoves.stream().filter(part -> part.move().byCooperative()).toList();
    List<Future<?>> writes = new ArrayList<>();
    if (!moves.isEmpty()) {
      writes.add(movesChecked(tx, moves));
      writes.add(
          insertHistories(
              tx,
              moves.stream().map(Moved::orderId).toArray(UUID[]::new),
              moves.stream().map(Moved::from).toArray(String[]::new),
              moves.stream().map(Moved::to).toArray(String[]::new),
              moves.stream().map(move -> move.move().cause()).toArray(String[]::new)));
    }
    if (!partMoves.isEmpty()) {
      writes.add(
          tx.preparedQuery(UPDATE_PARTS)
              .execute(
                  Tuple.of(
                      partMoves.stream().map(PartMoved::orderId).toArray(UUID[]::new),
                      partMoves.stream().map(PartMoved::cooperativeId).toArray(UUID[]::new),
                      partMoves.stream().map(PartMoved::from).toArray(String[]::new),
                      partMoves.stream().map(PartMoved::to).toArray(String[]::new),
                      partMoves.stream()
                          .map(part -> part.move().declineReason())
                          .toArray(String[]::new),
                      partMoves.stream()
                          .map(part -> part.move().trackingReference())
                          .toArray(String[]::new))));
    }
    if (!byCooperative.isEmpty()) {
      writes.add(
          tx.preparedQuery(INSERT_PART_HISTORIES)
              .execute(
                  Tuple.of(
                      byCooperative.stream().map(PartMoved::orderId).toArray(UUID[]::new),
                      byCooperative.stream().map(PartMoved::cooperativeId).toArray(UUID[]::new),
                      byCooperative.stream().map(PartMoved::from).toArray(String[]::new),
                      byCooperative.stream().map(PartMoved::to).toArray(String[]::new),
                      actor)));
    }
    if (!phoneChecks.isEmpty()) {
      writes.add(
          tx.preparedQuery(UPDATE_PHONE_CHECKS)
              .execute(
                  // An array as the last of two values is one value, not Tuple.of's varargs.
                  Tuple.of(
                      phoneChecks.stream().map(PhoneChecked::orderId).toArray(UUID[]::new),
                      (Object)
                          phoneChecks.stream().map(PhoneChecked::check).toArray(String[]::new))));
    }
    writes.add(outbox.appendTraced(tx, Topics.ORDER_EVENTS, events));
    return Future.all(writes).mapEmpty();
  }

  /**
   * The orders' history rows, one statement for any number: each order's move from a state (null
   * for a new order) to another, and why.
   */
  private static Future<RowSet<Row>> insertHistories(
      SqlConnection tx, UUID[] orders, String[] from, String[] to, String[] causes) {
    return tx.preparedQuery(INSERT_HISTORIES).execute(Tuple.of(orders, from, to, causes));
  }

  /** An order's move, with the order. */
  private record Moved(UUID orderId, OrderDecision.Move move) {
    String from() {
      return move.from().name();
    }

    String to() {
      return move.to().name();
    }
  }

  /** Where the check of an order's shopper's phone stands now. */
  private record PhoneChecked(UUID orderId, String check) {}

  /** A part's move, with its order. */
  private record PartMoved(UUID orderId, OrderDecision.PartMove move) {
    UUID cooperativeId() {
      return move.cooperativeId();
    }

    String from() {
      return move.from().name();
    }

    String to() {
      return move.to().name();
    }
  }

  /** The orders' moves, each counted once committed; fails when one was not in its from state. */
  private Future<Void> movesChecked(SqlConnection tx, List<Moved> moves) {
    return tx.preparedQuery(UPDATE_STATUSES)
        .execute(
            Tuple.of(
                moves.stream().map(Moved::orderId).toArray(UUID[]::new),
                moves.stream().map(Moved::from).toArray(String[]::new),
                moves.stream().map(Moved::to).toArray(String[]::new)))
        .compose(
            updated -> {
              Set<UUID> done = new HashSet<>();
              updated.forEach(row -> done.add(row.getUUID("id")));
              for (Moved move : moves) {
                if (!done.contains(move.orderId())) {
                  return Future.failedFuture(
                      new IllegalStateException(
                          "order " + move.orderId() + " is no longer " + move.from()));
                }
              }
              moves.forEach(move -> countTransition(tx, move.from(), move.to()));
              return Future.succeededFuture();
            });
  }

  /**
   * The saga's moves, counted once committed: how many orders reach each state, per second, on the
   * dashboard.
   */
  private void countTransition(SqlConnection tx, String from, String to) {
    Counter counter =
        Counter.builder("tadamon.order.transitions")
            .tag("from", from)
            .tag("to", to)
            .description("Orders moved from one state to another")
            .register(registry);
    AfterCommit.run(tx, counter::increment);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
