package ma.tadamon.order.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.OrderStatus;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.PaymentMethod;
import ma.tadamon.order.domain.PricedOrder;
import ma.tadamon.platform.db.AfterCommit;

/** Orders, their lines, their cooperative parts and their status history, in the orders schema. */
public final class OrderStore {

  private static final String INSERT_ORDER =
      """
      INSERT INTO orders (id, code, status, payment_method, language, contact_name, contact_phone, contact_email,
                          shipping_address, shopper_subject, subtotal_centimes, shipping_centimes, total_centimes,
                          idempotency_key, request_hash)
      VALUES ($1, nextval('order_code')::text, 'PLACED', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (idempotency_key) DO NOTHING
      RETURNING id
      """;
  private static final String INSERT_LINE =
      """
      INSERT INTO order_lines (order_id, line_number, product_id, cooperative_id, product_name, unit,
                               unit_price_centimes, quantity)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      """;
  private static final String INSERT_PART =
      """
      INSERT INTO cooperative_orders (order_id, cooperative_id, status, subtotal_centimes, shipping_centimes)
      VALUES ($1, $2, 'PENDING', $3, $4)
      """;
  private static final String INSERT_HISTORY =
      "INSERT INTO order_status_history (order_id, from_status, to_status, cause) VALUES ($1, $2, $3, $4)";
  private static final String BY_KEY = "SELECT id FROM orders WHERE idempotency_key = $1";
  private static final String ORDER = "SELECT * FROM orders WHERE id = $1";
  private static final String LINES =
      "SELECT * FROM order_lines WHERE order_id = $1 ORDER BY line_number";
  private static final String PARTS =
      "SELECT * FROM cooperative_orders WHERE order_id = $1 ORDER BY cooperative_id";
  private static final String HISTORY =
      "SELECT * FROM order_status_history WHERE order_id = $1 ORDER BY id";
  // updated_at is when the order became RESERVED: nothing else touches a reserved order.
  private static final String LOCK_UNPAID_CARD_ORDERS =
      """
      SELECT id FROM orders
      WHERE status = 'RESERVED' AND payment_method = 'CARD' AND updated_at < now() - make_interval(secs => $1)
      ORDER BY updated_at LIMIT $2
      FOR UPDATE SKIP LOCKED
      """;
  private static final String LOCK_STATUS = "SELECT status FROM orders WHERE id = $1 FOR UPDATE";
  private static final String UPDATE_STATUS =
      "UPDATE orders SET status = $3, updated_at = now() WHERE id = $1 AND status = $2";
  // Parts already declined or delivered keep what happened to them when the whole order moves.
  private static final String UPDATE_PARTS =
      """
      UPDATE cooperative_orders SET status = $2, updated_at = now()
      WHERE order_id = $1 AND status NOT IN ('DECLINED', 'DELIVERED')
      """;
  private static final String LOCK_PART =
      "SELECT * FROM cooperative_orders WHERE order_id = $1 AND cooperative_id = $2 FOR UPDATE";
  private static final String UPDATE_PART =
      """
      UPDATE cooperative_orders
      SET status = $3, decline_reason = coalesce($4, decline_reason),
          tracking_reference = coalesce($5, tracking_reference), updated_at = now()
      WHERE order_id = $1 AND cooperative_id = $2
      """;
  private static final String INSERT_PART_HISTORY =
      """
      INSERT INTO cooperative_order_history (order_id, cooperative_id, from_status, to_status, actor)
      VALUES ($1, $2, $3, $4, $5)
      """;
  // A cooperative's parts once the order is confirmed (before, there is nothing for it to do).
  private static final String PARTS_OF_COOPERATIVE =
      """
      SELECT co.*, o.code, o.status AS order_status, o.created_at, o.payment_method, o.language,
             o.contact_name, o.contact_phone, o.shipping_address
      FROM cooperative_orders co JOIN orders o ON o.id = co.order_id
      WHERE co.cooperative_id = $1 AND co.status NOT IN ('PENDING', 'REJECTED')
        AND ($2::text IS NULL OR co.status = $2)
        AND ($3::timestamptz IS NULL OR o.created_at >= $3)
        AND ($4::timestamptz IS NULL OR o.created_at < $4)
      ORDER BY o.created_at DESC, o.id
      LIMIT $5
      """;
  // The operator's search: every filter optional; the region is the shipping region.
  private static final String SEARCH_WHERE =
      """
      WHERE ($1::text IS NULL OR o.status = $1)
        AND ($2::uuid IS NULL OR EXISTS (
              SELECT 1 FROM cooperative_orders co WHERE co.order_id = o.id AND co.cooperative_id = $2))
        AND ($3::text IS NULL OR o.shipping_address ->> 'region' = $3)
        AND ($4::timestamptz IS NULL OR o.created_at >= $4)
        AND ($5::timestamptz IS NULL OR o.created_at < $5)
      """;
  private static final String SEARCH =
      """
      SELECT o.id, o.code, o.status, o.payment_method, o.total_centimes, o.created_at,
             o.shipping_address ->> 'region' AS region, o.shipping_address ->> 'city' AS city
      FROM orders o
      """
          + SEARCH_WHERE
          + " ORDER BY o.created_at DESC, o.id DESC LIMIT $6";
  private static final String SEARCH_TOTALS =
      """
      SELECT count(*) AS orders, coalesce(sum(o.total_centimes), 0) AS total_centimes FROM orders o
      """
          + SEARCH_WHERE;
  private static final String LINES_OF_COOPERATIVE =
      "SELECT * FROM order_lines WHERE order_id = ANY($1) AND cooperative_id = $2 ORDER BY order_id, line_number";

  private final MeterRegistry registry;

  public OrderStore(MeterRegistry registry) {
    this.registry = registry;
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

  /** Places the order unless its idempotency key was used before; empty when it was. */
  public Future<Optional<UUID>> insertIfNew(
      SqlConnection tx,
      UUID id,
      CheckoutRequest request,
      PricedOrder priced,
      String idempotencyKey,
      String requestHash,
      String shopperSubject) {
    CheckoutRequest.Address address = request.shippingAddress();
    JsonObject shipping =
        new JsonObject()
            .put("line1", address.line1())
            .put("city", address.city())
            .put("postalCode", address.postalCode())
            .put("region", address.region());
    Tuple order =
        Tuple.from(
            Arrays.asList(
                id,
                request.method().name(),
                request.languageOrDefault(),
                request.contact().name(),
                request.contact().phone(),
                blankToNull(request.contact().email()),
                shipping,
                shopperSubject,
                priced.subtotalCentimes(),
                priced.shippingCentimes(),
                priced.totalCentimes(),
                idempotencyKey,
                requestHash));
    return tx.preparedQuery(INSERT_ORDER)
        .execute(order)
        .compose(
            inserted -> {
              if (inserted.size() == 0) {
                return Future.succeededFuture(Optional.empty());
              }
              List<Tuple> lines =
                  priced.lines().stream()
                      .map(
                          line ->
                              Tuple.of(
                                  id,
                                  line.number(),
                                  line.product().id(),
                                  line.product().cooperativeId(),
                                  new JsonObject(Map.copyOf(line.product().name())),
                                  line.product().unit(),
                                  line.product().priceCentimes(),
                                  line.quantity()))
                      .toList();
              List<Tuple> parts =
                  priced.parts().stream()
                      .map(
                          part ->
                              Tuple.of(
                                  id,
                                  part.cooperativeId(),
                                  part.subtotalCentimes(),
                                  part.shippingCentimes()))
                      .toList();
              return tx.preparedQuery(INSERT_LINE)
                  .executeBatch(lines)
                  .compose(v -> tx.preparedQuery(INSERT_PART).executeBatch(parts))
                  .compose(
                      v ->
                          tx.preparedQuery(INSERT_HISTORY)
                              .execute(Tuple.of(id, null, "PLACED", "checkout")))
                  .map(
                      v -> {
                        countTransition(tx, "NONE", "PLACED");
                        return Optional.of(id);
                      });
            });
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

  /** Locks the order for a saga step; empty when there is no such order. */
  /**
   * Card orders reserved longer than {@code unpaidFor} ago, locked; rows another transaction holds
   * are skipped.
   */
  public Future<List<UUID>> lockUnpaidCardOrders(SqlConnection tx, Duration unpaidFor, int limit) {
    return tx.preparedQuery(LOCK_UNPAID_CARD_ORDERS)
        .execute(Tuple.of((double) unpaidFor.toSeconds(), limit))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(row.getUUID("id")));
              return ids;
            });
  }

  public Future<Optional<OrderStatus>> lockStatus(SqlConnection tx, UUID id) {
    return tx.preparedQuery(LOCK_STATUS)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(OrderStatus.valueOf(rows.iterator().next().getString("status"))));
  }

  /** Moves the order and records why; every part follows when {@code parts} is given. */
  public Future<Void> transition(
      SqlConnection tx,
      UUID id,
      OrderStatus from,
      OrderStatus to,
      String cause,
      CooperativeOrderStatus parts) {
    return tx.preparedQuery(UPDATE_STATUS)
        .execute(Tuple.of(id, from.name(), to.name()))
        .compose(
            updated ->
                updated.rowCount() == 1
                    ? tx.preparedQuery(INSERT_HISTORY)
                        .execute(Tuple.of(id, from.name(), to.name(), cause))
                        .onSuccess(v -> countTransition(tx, from.name(), to.name()))
                    : Future.failedFuture(
                        new IllegalStateException("order " + id + " is no longer " + from)))
        .compose(
            v ->
                parts == null
                    ? Future.succeededFuture()
                    : tx.preparedQuery(UPDATE_PARTS).execute(Tuple.of(id, parts.name())))
        .mapEmpty();
  }

  /** Locks one cooperative's part for an action on it; empty when the order has no such part. */
  public Future<Optional<OrderView.Part>> lockPart(
      SqlConnection tx, UUID orderId, UUID cooperativeId) {
    return tx.preparedQuery(LOCK_PART)
        .execute(Tuple.of(orderId, cooperativeId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(toPart(rows.iterator().next())));
  }

  /** Moves one part and records who moved it; a reason or tracking reference is kept when given. */
  public Future<Void> movePart(
      SqlConnection tx,
      UUID orderId,
      UUID cooperativeId,
      CooperativeOrderStatus from,
      CooperativeOrderStatus to,
      String reason,
      String trackingReference,
      String actor) {
    return tx.preparedQuery(UPDATE_PART)
        .execute(Tuple.of(orderId, cooperativeId, to.name(), reason, trackingReference))
        .compose(
            v ->
                tx.preparedQuery(INSERT_PART_HISTORY)
                    .execute(Tuple.of(orderId, cooperativeId, from.name(), to.name(), actor)))
        .mapEmpty();
  }

  /** A cooperative's parts, newest order first, with the order's details it needs to deliver. */
  public Future<List<CooperativePart>> partsOf(
      SqlClient client,
      UUID cooperativeId,
      Optional<CooperativeOrderStatus> status,
      Optional<java.time.Instant> from,
      Optional<java.time.Instant> to,
      int limit) {
    Tuple params =
        Tuple.from(
            Arrays.asList(
                cooperativeId,
                status.map(Enum::name).orElse(null),
                from.map(at -> at.atOffset(java.time.ZoneOffset.UTC)).orElse(null),
                to.map(at -> at.atOffset(java.time.ZoneOffset.UTC)).orElse(null),
                limit));
    return client
        .preparedQuery(PARTS_OF_COOPERATIVE)
        .execute(params)
        .compose(
            rows -> {
              List<Row> parts = new ArrayList<>();
              rows.forEach(parts::add);
              UUID[] orderIds =
                  parts.stream().map(row -> row.getUUID("order_id")).toArray(UUID[]::new);
              return client
                  .preparedQuery(LINES_OF_COOPERATIVE)
                  .execute(Tuple.of(orderIds, cooperativeId))
                  .map(
                      lineRows -> {
                        Map<UUID, List<OrderView.Line>> linesByOrder = new HashMap<>();
                        lineRows.forEach(
                            row ->
                                linesByOrder
                                    .computeIfAbsent(
                                        row.getUUID("order_id"), id -> new ArrayList<>())
                                    .add(toLine(row)));
                        return parts.stream()
                            .map(
                                row -> {
                                  JsonObject address = row.getJsonObject("shipping_address");
                                  return new CooperativePart(
                                      row.getUUID("order_id"),
                                      row.getString("code"),
                                      OrderStatus.valueOf(row.getString("order_status")),
                                      PaymentMethod.valueOf(row.getString("payment_method")),
                                      row.getString("language"),
                                      row.getOffsetDateTime("created_at").toInstant(),
                                      new CheckoutRequest.Contact(
                                          row.getString("contact_name"),
                                          row.getString("contact_phone"),
                                          null),
                                      new CheckoutRequest.Address(
                                          address.getString("line1"),
                                          address.getString("city"),
                                          address.getString("postalCode"),
                                          address.getString("region")),
                                      toPart(row),
                                      linesByOrder.getOrDefault(
                                          row.getUUID("order_id"), List.of()));
                                })
                            .toList();
                      });
            });
  }

  /** What the operator searches orders by; an empty filter means any. */
  public record OrderSearch(
      Optional<OrderStatus> status,
      Optional<UUID> cooperativeId,
      Optional<String> region,
      Optional<java.time.Instant> from,
      Optional<java.time.Instant> to,
      int limit) {}

  /** A line of the operator's order list. */
  public record OrderSummary(
      UUID id,
      String code,
      OrderStatus status,
      PaymentMethod paymentMethod,
      long totalCentimes,
      java.time.Instant createdAt,
      String region,
      String city) {}

  /** The newest matching orders, and how many match in all and for how much. */
  public record SearchResult(List<OrderSummary> orders, long matching, long totalCentimes) {}

  public Future<SearchResult> search(SqlClient client, OrderSearch search) {
    List<Object> filters =
        Arrays.asList(
            search.status().map(Enum::name).orElse(null),
            search.cooperativeId().orElse(null),
            search.region().orElse(null),
            search.from().map(at -> at.atOffset(java.time.ZoneOffset.UTC)).orElse(null),
            search.to().map(at -> at.atOffset(java.time.ZoneOffset.UTC)).orElse(null));
    List<Object> page = new ArrayList<>(filters);
    page.add(search.limit());
    Future<List<OrderSummary>> orders =
        client
            .preparedQuery(SEARCH)
            .execute(Tuple.from(page))
            .map(
                rows -> {
                  List<OrderSummary> all = new ArrayList<>();
                  rows.forEach(
                      row ->
                          all.add(
                              new OrderSummary(
                                  row.getUUID("id"),
                                  row.getString("code"),
                                  OrderStatus.valueOf(row.getString("status")),
                                  PaymentMethod.valueOf(row.getString("payment_method")),
                                  row.getLong("total_centimes"),
                                  row.getOffsetDateTime("created_at").toInstant(),
                                  row.getString("region"),
                                  row.getString("city"))));
                  return all;
                });
    Future<Row> totals =
        client
            .preparedQuery(SEARCH_TOTALS)
            .execute(Tuple.from(filters))
            .map(rows -> rows.iterator().next());
    return Future.all(orders, totals)
        .map(
            done ->
                new SearchResult(
                    orders.result(),
                    totals.result().getLong("orders"),
                    totals.result().getLong("total_centimes")));
  }

  /**
   * One cooperative's part of an order as the cooperative works on it: where to deliver, what to
   * send.
   */
  public record CooperativePart(
      UUID orderId,
      String code,
      OrderStatus orderStatus,
      PaymentMethod paymentMethod,
      String language,
      java.time.Instant createdAt,
      CheckoutRequest.Contact contact,
      CheckoutRequest.Address address,
      OrderView.Part part,
      List<OrderView.Line> lines) {}

  private static OrderView.Part toPart(Row row) {
    return new OrderView.Part(
        row.getUUID("cooperative_id"),
        CooperativeOrderStatus.valueOf(row.getString("status")),
        row.getLong("subtotal_centimes"),
        row.getLong("shipping_centimes"),
        row.getString("decline_reason"),
        row.getString("tracking_reference"));
  }

  private static OrderView.Line toLine(Row row) {
    return new OrderView.Line(
        row.getInteger("line_number"),
        row.getUUID("product_id"),
        row.getUUID("cooperative_id"),
        texts(row.getJsonObject("product_name")),
        row.getString("unit"),
        row.getLong("unit_price_centimes"),
        row.getInteger("quantity"));
  }

  public Future<Optional<OrderView>> load(SqlClient client, UUID id) {
    return client
        .preparedQuery(ORDER)
        .execute(Tuple.of(id))
        .compose(
            orders -> {
              if (orders.size() == 0) {
                return Future.succeededFuture(Optional.empty());
              }
              Row order = orders.iterator().next();
              Future<List<OrderView.Line>> lines =
                  client
                      .preparedQuery(LINES)
                      .execute(Tuple.of(id))
                      .map(
                          rows -> {
                            List<OrderView.Line> all = new ArrayList<>();
                            rows.forEach(row -> all.add(toLine(row)));
                            return all;
                          });
              Future<List<OrderView.Part>> parts =
                  client
                      .preparedQuery(PARTS)
                      .execute(Tuple.of(id))
                      .map(
                          rows -> {
                            List<OrderView.Part> all = new ArrayList<>();
                            rows.forEach(row -> all.add(toPart(row)));
                            return all;
                          });
              Future<List<OrderView.Transition>> history =
                  client
                      .preparedQuery(HISTORY)
                      .execute(Tuple.of(id))
                      .map(
                          rows -> {
                            List<OrderView.Transition> all = new ArrayList<>();
                            rows.forEach(
                                row ->
                                    all.add(
                                        new OrderView.Transition(
                                            row.getString("from_status") == null
                                                ? null
                                                : OrderStatus.valueOf(row.getString("from_status")),
                                            OrderStatus.valueOf(row.getString("to_status")),
                                            row.getString("cause"),
                                            row.getOffsetDateTime("at").toInstant())));
                            return all;
                          });
              return Future.all(lines, parts, history)
                  .map(
                      done ->
                          Optional.of(
                              toView(order, lines.result(), parts.result(), history.result())));
            });
  }

  private static OrderView toView(
      Row order,
      List<OrderView.Line> lines,
      List<OrderView.Part> parts,
      List<OrderView.Transition> history) {
    JsonObject address = order.getJsonObject("shipping_address");
    return new OrderView(
        order.getUUID("id"),
        order.getString("code"),
        OrderStatus.valueOf(order.getString("status")),
        PaymentMethod.valueOf(order.getString("payment_method")),
        order.getString("language"),
        new CheckoutRequest.Contact(
            order.getString("contact_name"),
            order.getString("contact_phone"),
            order.getString("contact_email")),
        new CheckoutRequest.Address(
            address.getString("line1"),
            address.getString("city"),
            address.getString("postalCode"),
            address.getString("region")),
        order.getString("shopper_subject"),
        order.getLong("subtotal_centimes"),
        order.getLong("shipping_centimes"),
        order.getLong("total_centimes"),
        order.getString("request_hash"),
        order.getOffsetDateTime("created_at").toInstant(),
        lines,
        parts,
        history);
  }

  private static Map<String, String> texts(JsonObject json) {
    Map<String, String> texts = new HashMap<>();
    json.forEach(entry -> texts.put(entry.getKey(), String.valueOf(entry.getValue())));
    return texts;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
