package ma.tadamon.order.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.OrderStatus;
import ma.tadamon.order.domain.OrderView;

/**
 * What screens read about orders: one order with its history, a cooperative's parts, the operator's
 * search. Nothing here writes; the aggregate's writes are {@link OrderRepository}'s.
 */
public final class OrderQueries {

  private static final String ORDERS = "SELECT * FROM orders WHERE id = ANY($1)";
  private static final String LINES_OF_ORDERS =
      "SELECT * FROM order_lines WHERE order_id = ANY($1) ORDER BY order_id, line_number";
  private static final String PARTS_OF_ORDERS =
      "SELECT * FROM cooperative_orders WHERE order_id = ANY($1) ORDER BY order_id, cooperative_id";
  private static final String HISTORY_OF_ORDERS =
      "SELECT * FROM order_status_history WHERE order_id = ANY($1) ORDER BY order_id, id";
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
        AND ($6::text IS NULL OR o.shopper_subject = $6)
      """;
  private static final String SEARCH =
      """
      SELECT o.id, o.code, o.status, o.payment_method, o.total_centimes, o.created_at,
             o.shipping_address ->> 'region' AS region, o.shipping_address ->> 'city' AS city
      FROM orders o
      """
          + SEARCH_WHERE
          + " ORDER BY o.created_at DESC, o.id DESC LIMIT $7";
  private static final String SEARCH_TOTALS =
      """
      SELECT count(*) AS orders, coalesce(sum(o.total_centimes), 0) AS total_centimes FROM orders o
      """
          + SEARCH_WHERE;
  // Where a signed-in shopper had orders delivered, each address once, the latest use first (a
  // fair's venue, where an order was collected, is no address of hers).
  private static final String ADDRESSES_OF_SHOPPER =
      """
      SELECT shipping_address, contact_name, contact_phone, contact_email FROM (
        SELECT DISTINCT ON (shipping_address) shipping_address, contact_name, contact_phone,
               contact_email, created_at
        FROM orders WHERE shopper_subject = $1 AND pickup_fair_id IS NULL
        ORDER BY shipping_address, created_at DESC) latest
      ORDER BY created_at DESC LIMIT $2
      """;
  // Orders and sales by the campaign tag they came from; what was rejected or cancelled sold
  // nothing.
  private static final String SALES_BY_SOURCE =
      """
      SELECT source, count(*) AS orders, coalesce(sum(total_centimes), 0) AS total_centimes
      FROM orders
      WHERE source IS NOT NULL AND status NOT IN ('REJECTED', 'CANCELLED')
        AND ($1::timestamptz IS NULL OR created_at >= $1)
        AND ($2::timestamptz IS NULL OR created_at < $2)
      GROUP BY source ORDER BY total_centimes DESC, source LIMIT $3
      """;
  // The same for one cooperative: its parts and what they sold, a part it declined or that was
  // refused at the door sold nothing.
  private static final String COOPERATIVE_SALES_BY_SOURCE =
      """
      SELECT o.source, count(*) AS orders, coalesce(sum(co.subtotal_centimes), 0) AS total_centimes
      FROM cooperative_orders co JOIN orders o ON o.id = co.order_id
      WHERE co.cooperative_id = $1 AND o.source IS NOT NULL
        AND o.status NOT IN ('REJECTED', 'CANCELLED') AND co.status NOT IN ('DECLINED', 'REFUSED')
        AND ($2::timestamptz IS NULL OR o.created_at >= $2)
        AND ($3::timestamptz IS NULL OR o.created_at < $3)
      GROUP BY o.source ORDER BY total_centimes DESC, o.source LIMIT $4
      """;
  private static final String UNCOLLECTED =
      """
      SELECT co.order_id, co.cooperative_id, o.language
      FROM cooperative_orders co
      JOIN orders o ON o.id = co.order_id
      JOIN catalog_fairs f ON f.id = o.pickup_fair_id
      WHERE co.pickup_stand IS NOT NULL AND co.status IN ('NEW', 'ACCEPTED')
        AND o.status = 'CONFIRMED' AND f.ends_on < $1
      ORDER BY co.order_id, co.cooperative_id LIMIT $2
      """;
  private static final String LINES_OF_COOPERATIVE =
      "SELECT * FROM order_lines WHERE order_id = ANY($1) AND cooperative_id = $2 ORDER BY order_id, line_number";

  /** A part still to collect at its fair's stand, and the order's language. */
  public record Uncollected(UUID orderId, UUID cooperativeId, String language) {}

  /** Parts still to collect at a fair whose last day was before {@code today}. */
  public Future<List<Uncollected>> uncollectedAfterTheirFair(
      SqlClient client, LocalDate today, int limit) {
    return client
        .preparedQuery(UNCOLLECTED)
        .execute(Tuple.of(today, limit))
        .map(
            rows -> {
              List<Uncollected> parts = new ArrayList<>();
              rows.forEach(
                  row ->
                      parts.add(
                          new Uncollected(
                              row.getUUID("order_id"),
                              row.getUUID("cooperative_id"),
                              row.getString("language"))));
              return parts;
            });
  }

  /** The id and language of the order with this code, the one a shopper's messages name. */
  public Future<Optional<OrderByCode>> byCode(SqlClient client, String code) {
    return client
        .preparedQuery("SELECT id, language FROM orders WHERE code = $1")
        .execute(Tuple.of(code))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        new OrderByCode(
                            rows.iterator().next().getUUID("id"),
                            rows.iterator().next().getString("language"))));
  }

  public record OrderByCode(UUID id, String language) {}

  /** One order with its lines, parts and history. */
  public Future<Optional<OrderView>> load(SqlClient client, UUID id) {
    return views(client, ORDERS, List.of(id), true)
        .map(found -> Optional.ofNullable(found.get(id)));
  }

  /**
   * Orders read by {@code ordersQuery} (whose $1 is an array of ids; the repository's locks them),
   * with their lines and parts but not their history, which no decision reads; by id, an order not
   * found absent.
   */
  static Future<Map<UUID, OrderView>> loadAll(
      SqlClient client, String ordersQuery, Collection<UUID> ids) {
    return views(client, ordersQuery, ids, false);
  }

  /**
   * Orders and their rows, asked together in one round trip: on a transaction's connection the rows
   * are read after the orders, so when the orders' query locks them the rows are what their last
   * holder committed.
   */
  private static Future<Map<UUID, OrderView>> views(
      SqlClient client, String ordersQuery, Collection<UUID> ids, boolean withHistory) {
    Tuple byIds = Tuple.of(ids.toArray(UUID[]::new));
    Future<RowSet<Row>> orders = client.preparedQuery(ordersQuery).execute(byIds);
    Future<RowSet<Row>> lines = client.preparedQuery(LINES_OF_ORDERS).execute(byIds);
    Future<RowSet<Row>> parts = client.preparedQuery(PARTS_OF_ORDERS).execute(byIds);
    Future<Map<UUID, List<OrderView.Transition>>> history =
        withHistory
            ? client
                .preparedQuery(HISTORY_OF_ORDERS)
                .execute(byIds)
                .map(rows -> byOrder(rows, OrderRows::transition))
            : Future.succeededFuture(Map.of());
    return Future.all(orders, lines, parts, history)
        .map(
            done -> {
              Map<UUID, List<OrderView.Line>> linesOf = byOrder(lines.result(), OrderRows::line);
              Map<UUID, List<OrderView.Part>> partsOf = byOrder(parts.result(), OrderRows::part);
              Map<UUID, OrderView> found = new LinkedHashMap<>();
              orders
                  .result()
                  .forEach(
                      row -> {
                        UUID id = row.getUUID("id");
                        found.put(
                            id,
                            OrderRows.view(
                                row,
                                linesOf.getOrDefault(id, List.of()),
                                partsOf.getOrDefault(id, List.of()),
                                history.result().getOrDefault(id, List.of())));
                      });
              return found;
            });
  }

  /** Rows of several orders, each mapped, by their order_id, in the order the rows came. */
  private static <T> Map<UUID, List<T>> byOrder(RowSet<Row> rows, Function<Row, T> mapper) {
    Map<UUID, List<T>> byOrder = new HashMap<>();
    rows.forEach(
        row ->
            byOrder
                .computeIfAbsent(row.getUUID("order_id"), id -> new ArrayList<>())
                .add(mapper.apply(row)));
    return byOrder;
  }

  /** A cooperative's parts, newest order first, with the order's details it needs to deliver. */
  public Future<List<CooperativePart>> partsOf(
      SqlClient client,
      UUID cooperativeId,
      Optional<CooperativeOrderStatus> status,
      Optional<Instant> from,
      Optional<Instant> to,
      int limit) {
    Tuple params =
        Tuple.from(
            Arrays.asList(
                cooperativeId, status.map(Enum::name).orElse(null), utc(from), utc(to), limit));
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
                                    .add(OrderRows.line(row)));
                        return parts.stream()
                            .map(
                                row ->
                                    new CooperativePart(
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
                                        OrderRows.address(row),
                                        OrderRows.part(row),
                                        linesByOrder.getOrDefault(
                                            row.getUUID("order_id"), List.of())))
                            .toList();
                      });
            });
  }

  /** What the operator searches orders by; an empty filter means any. */
  public record OrderSearch(
      Optional<OrderStatus> status,
      Optional<UUID> cooperativeId,
      Optional<String> region,
      Optional<Instant> from,
      Optional<Instant> to,
      Optional<String> shopperSubject,
      int limit) {

    /** A signed-in shopper's own orders, newest first. */
    public static OrderSearch ofShopper(String subject, int limit) {
      return new OrderSearch(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.of(subject),
          limit);
    }
  }

  /** A line of the operator's order list. */
  public record OrderSummary(
      UUID id,
      String code,
      OrderStatus status,
      PaymentMethod paymentMethod,
      long totalCentimes,
      Instant createdAt,
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
            utc(search.from()),
            utc(search.to()),
            search.shopperSubject().orElse(null));
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

  /** How many orders came from a campaign tag, and what they sold. */
  public record SourceSales(String source, long orders, long totalCentimes) {}

  /** Every order's campaign tag between {@code from} and {@code to}, biggest sales first. */
  public Future<List<SourceSales>> salesBySource(
      SqlClient client, Optional<Instant> from, Optional<Instant> to, int limit) {
    return client
        .preparedQuery(SALES_BY_SOURCE)
        .execute(Tuple.of(utc(from), utc(to), limit))
        .map(OrderQueries::sourceSales);
  }

  /** The same for one cooperative's parts of orders. */
  public Future<List<SourceSales>> salesBySource(
      SqlClient client,
      UUID cooperativeId,
      Optional<Instant> from,
      Optional<Instant> to,
      int limit) {
    return client
        .preparedQuery(COOPERATIVE_SALES_BY_SOURCE)
        .execute(Tuple.of(cooperativeId, utc(from), utc(to), limit))
        .map(OrderQueries::sourceSales);
  }

  private static List<SourceSales> sourceSales(Iterable<Row> rows) {
    List<SourceSales> all = new ArrayList<>();
    rows.forEach(
        row ->
            all.add(
                new SourceSales(
                    row.getString("source"),
                    row.getLong("orders"),
                    row.getLong("total_centimes"))));
    return all;
  }

  /** An address a shopper had an order delivered to, with the contact it was for. */
  public record SavedAddress(CheckoutRequest.Contact contact, CheckoutRequest.Address address) {}

  /** The addresses a signed-in shopper used, for the next checkout to offer them. */
  public Future<List<SavedAddress>> addressesOf(SqlClient client, String subject, int limit) {
    return client
        .preparedQuery(ADDRESSES_OF_SHOPPER)
        .execute(Tuple.of(subject, limit))
        .map(
            rows -> {
              List<SavedAddress> all = new ArrayList<>();
              rows.forEach(
                  row ->
                      all.add(
                          new SavedAddress(
                              new CheckoutRequest.Contact(
                                  row.getString("contact_name"),
                                  row.getString("contact_phone"),
                                  row.getString("contact_email")),
                              OrderRows.address(row))));
              return all;
            });
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
      Instant createdAt,
      CheckoutRequest.Contact contact,
      CheckoutRequest.Address address,
      OrderView.Part part,
      List<OrderView.Line> lines) {}

  private static OffsetDateTime utc(Optional<Instant> at) {
    return at.map(instant -> instant.atOffset(ZoneOffset.UTC)).orElse(null);
  }
}
