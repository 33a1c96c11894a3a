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
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import ma.tadamon.platform.events.Topics;
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
      ON CONFLICT (idempotency_key) DO NOTHING
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
  private static final String INSERT_HISTORY =
      "INSERT INTO order_status_history (order_id, from_status, to_status, cause) VALUES ($1, $2, $3, $4)";
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
  private static final String UPDATE_PHONE_CHECK =
      "UPDATE orders SET phone_check = $2, updated_at = now() WHERE id = $1";
  private static final String PHONE_VERIFIED =
      "SELECT 1 FROM verified_phones WHERE shopper_subject = $1 AND phone = $2";
  private static final String REMEMBER_VERIFIED_PHONE =
      """
      INSERT INTO verified_phones (shopper_subject, phone) VALUES ($1, $2)
      ON CONFLICT (shopper_subject, phone) DO UPDATE SET verified_at = now()
      """;
  private static final String UPDATE_STATUS =
      "UPDATE orders SET status = $3, updated_at = now() WHERE id = $1 AND status = $2";
  private static final String UPDATE_PART =
      """
      UPDATE cooperative_orders
      SET status = $4, decline_reason = coalesce($5, decline_reason),
          tracking_reference = coalesce($6, tracking_reference), updated_at = now(),
          delivered_at = CASE WHEN $4 = 'DELIVERED' THEN now() ELSE delivered_at END
      WHERE order_id = $1 AND cooperative_id = $2 AND status = $3
      """;
  private static final String INSERT_PART_HISTORY =
      """
      INSERT INTO cooperative_order_history (order_id, cooperative_id, from_status, to_status, actor)
      VALUES ($1, $2, $3, $4, $5)
      """;

  private final Outbox outbox;
  private final MeterRegistry registry;

  public OrderRepository(Outbox outbox, MeterRegistry registry) {
    this.outbox = outbox;
    this.registry = registry;
  }

  /**
   * Places the order unless its idempotency key was used before; answers it as placed, or empty
   * when the key was used. An order collected at {@code pickup}'s stands has the fair's venue for
   * its address and, unless the shopper came from another tagged link, the fair's campaign tag, so
   * the fair counts it. {@code alsoWhenNew} writes what goes with a new order (its outbox rows):
   * sent with its lines, in the same round trip.
   */
  public Future<Optional<OrderView>> insertIfNew(
      SqlConnection tx,
      UUID id,
      CheckoutRequest request,
      PricedOrder priced,
      String idempotencyKey,
      String requestHash,
      String shopperSubject,
      PhoneCheck phoneCheck,
      Optional<CatalogFair> pickup,
      Supplier<Future<Void>> alsoWhenNew) {
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
    return SqlTemplate.forQuery(tx, INSERT_ORDER)
        .execute(order)
        .compose(
            inserted -> {
              if (inserted.size() == 0) {
                return Future.succeededFuture(Optional.empty());
              }
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
              // Sent together, in one round trip.
              return Future.all(
                      tx.preparedQuery(INSERT_LINE).executeBatch(lineRows),
                      tx.preparedQuery(INSERT_PART).executeBatch(partRows),
                      tx.preparedQuery(INSERT_HISTORY)
                          .execute(Tuple.of(id, null, "PLACED", "checkout")),
                      alsoWhenNew.get())
                  .map(
                      v -> {
                        countTransition(tx, "NONE", "PLACED");
                        Row row = inserted.iterator().next();
                        return Optional.of(
                            placed(
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
                                pickup));
                      });
            });
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

  /**
   * Saves a decision about an order locked in this transaction: the order's move and its history,
   * the parts' moves (a cooperative's own with who made it, {@code actor}), and the events through
   * the outbox.
   */
  public Future<Void> save(SqlConnection tx, OrderDecision decision, String actor) {
    UUID id = decision.orderId();
    // Every write is sent at once, in one round trip; the order's move is checked when its answer
    // comes, and a failed check fails the transaction, with whatever was written beside it.
    List<Future<?>> writes = new ArrayList<>();
    if (decision.move().isPresent()) {
      OrderDecision.Move move = decision.move().get();
      writes.add(
          tx.preparedQuery(UPDATE_STATUS)
              .execute(Tuple.of(id, move.from().name(), move.to().name()))
              .compose(
                  updated -> {
                    if (updated.rowCount() != 1) {
                      return Future.failedFuture(
                          new IllegalStateException(
                              "order " + id + " is no longer " + move.from()));
                    }
                    countTransition(tx, move.from().name(), move.to().name());
                    return Future.succeededFuture();
                  }));
      writes.add(
          tx.preparedQuery(INSERT_HISTORY)
              .execute(Tuple.of(id, move.from().name(), move.to().name(), move.cause())));
    }
    List<Tuple> partMoves =
        decision.partMoves().stream()
            .map(
                part ->
                    Tuple.of(
                        id,
                        part.cooperativeId(),
                        part.from().name(),
                        part.to().name(),
                        part.declineReason(),
                        part.trackingReference()))
            .toList();
    List<Tuple> partHistory =
        decision.partMoves().stream()
            .filter(OrderDecision.PartMove::byCooperative)
            .map(
                part ->
                    Tuple.of(id, part.cooperativeId(), part.from().name(), part.to().name(), actor))
            .toList();
    if (!partMoves.isEmpty()) {
      writes.add(tx.preparedQuery(UPDATE_PART).executeBatch(partMoves));
    }
    if (!partHistory.isEmpty()) {
      writes.add(tx.preparedQuery(INSERT_PART_HISTORY).executeBatch(partHistory));
    }
    if (decision.phoneCheck().isPresent()) {
      writes.add(
          tx.preparedQuery(UPDATE_PHONE_CHECK)
              .execute(Tuple.of(id, decision.phoneCheck().get().name())));
    }
    writes.add(outbox.append(tx, Topics.ORDER_EVENTS, decision.events()));
    return Future.all(writes).mapEmpty();
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
