package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import ma.tadamon.catalog.domain.StockReservation.Held;

/**
 * The stock counters of products and the reservations that move them, always inside the caller's
 * transaction. Product rows are locked first, in id order, by {@link ProductStore#lockAll}.
 */
public final class StockStore {

  // The counters' moves of many reservations at once, a product's added up (once per statement,
  // however many orders moved it). The condition repeats the table's rule so that even a wrong
  // decision could not oversell: the move is refused, and the caller's transaction with it.
  private static final String MOVE =
      """
      UPDATE products p
      SET stock_on_hand = p.stock_on_hand + moved.on_hand,
          stock_reserved = p.stock_reserved + moved.reserved,
          updated_at = now()
      FROM unnest($1::uuid[], $2::int[], $3::int[]) AS moved (id, on_hand, reserved)
      WHERE p.id = moved.id
        AND p.stock_reserved + moved.reserved BETWEEN 0 AND p.stock_on_hand + moved.on_hand
      """;
  private static final String RECORD_RESERVATIONS =
      """
      INSERT INTO stock_reservations (order_id, product_id, quantity, status, expires_at)
      SELECT held.order_id, held.product_id, held.quantity, 'HELD', $4
      FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS held (order_id, product_id, quantity)
      """;
  private static final String STATUS_OF_ORDERS =
      """
      SELECT order_id, CASE WHEN bool_or(status IN ('HELD', 'SOLD')) THEN 'ACTIVE' ELSE 'ENDED' END
      FROM stock_reservations WHERE order_id = ANY($1) GROUP BY order_id
      """;
  // Locked so that two releases of one order (an expiry and a cancellation racing) cannot both
  // count it: the second waits, then sees the rows already ended and skips them.
  private static final String LOCK_RESERVATIONS =
      """
      SELECT r.order_id, r.product_id, r.quantity, r.status
      FROM stock_reservations r JOIN products p ON p.id = r.product_id
      WHERE r.order_id = ANY($1) AND r.status = ANY($2) AND ($3::uuid IS NULL OR p.cooperative_id = $3)
      ORDER BY r.order_id, r.product_id
      FOR UPDATE OF r
      """;
  private static final String END_RESERVATIONS =
      """
      UPDATE stock_reservations r SET status = ended.status, ended_reason = $4, updated_at = now()
      FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS ended (order_id, product_id, status)
      WHERE r.order_id = ended.order_id AND r.product_id = ended.product_id
      """;
  private static final String EXPIRED_ORDERS =
      """
      SELECT DISTINCT order_id FROM (
        SELECT order_id FROM stock_reservations WHERE status = 'HELD' AND expires_at < $1
        ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED) due
      """;

  public enum OrderReservation {
    ACTIVE,
    ENDED
  }

  /**
   * Of {@code orderIds}, those that have stock held or sold (ACTIVE) or had it once (ENDED); an
   * order that never had any is not in the answer.
   */
  public Future<Map<UUID, OrderReservation>> statusOf(SqlClient tx, Collection<UUID> orderIds) {
    return tx.preparedQuery(STATUS_OF_ORDERS)
        .execute(Tuple.of(orderIds.toArray(UUID[]::new)))
        .map(
            rows -> {
              Map<UUID, OrderReservation> status = new HashMap<>();
              rows.forEach(
                  row -> status.put(row.getUUID(0), OrderReservation.valueOf(row.getString(1))));
              return status;
            });
  }

  /**
   * Holds each order's reservations (all HELD) until {@code expiresAt}: two statements however many
   * orders.
   */
  public Future<Void> hold(SqlClient tx, Map<UUID, List<Held>> heldByOrder, Instant expiresAt) {
    Rows held = Rows.of(heldByOrder);
    if (held.reservations().isEmpty()) {
      return Future.succeededFuture();
    }
    // Sent together: should a counter refuse, the transaction fails, reservations and all.
    Future<RowSet<Row>> recorded =
        tx.preparedQuery(RECORD_RESERVATIONS)
            .execute(
                Tuple.of(
                    held.orderIds(),
                    held.productIds(),
                    held.reservations().stream().map(Held::quantity).toArray(Integer[]::new),
                    expiresAt.atOffset(ZoneOffset.UTC)));
    return Future.all(move(tx, held.reservations()), recorded).mapEmpty();
  }

  /**
   * The reservations of {@code orderIds} in the given states, locked, by order; only those of one
   * cooperative's products when {@code cooperativeId} is given. An order with none is not in the
   * answer.
   */
  public Future<Map<UUID, List<Held>>> lockReservations(
      SqlClient tx,
      Collection<UUID> orderIds,
      List<Held.Status> states,
      Optional<UUID> cooperativeId) {
    String[] names = states.stream().map(Enum::name).toArray(String[]::new);
    return tx.preparedQuery(LOCK_RESERVATIONS)
        .execute(Tuple.of(orderIds.toArray(UUID[]::new), names, cooperativeId.orElse(null)))
        .map(
            rows -> {
              Map<UUID, List<Held>> byOrder = new LinkedHashMap<>();
              rows.forEach(
                  row ->
                      byOrder
                          .computeIfAbsent(row.getUUID("order_id"), order -> new ArrayList<>())
                          .add(
                              new Held(
                                  row.getUUID("product_id"),
                                  row.getInteger("quantity"),
                                  Held.Status.valueOf(row.getString("status")))));
              return byOrder;
            });
  }

  /**
   * Ends each order's reservations as their new statuses say, and moves the product counters
   * accordingly: two statements however many orders.
   */
  public Future<Void> end(SqlClient tx, Map<UUID, List<Held>> endedByOrder, String reason) {
    Rows ended = Rows.of(endedByOrder);
    if (ended.reservations().stream().anyMatch(held -> held.status() == Held.Status.HELD)) {
      throw new IllegalArgumentException("a reservation does not end as HELD");
    }
    if (ended.reservations().isEmpty()) {
      return Future.succeededFuture();
    }
    Future<RowSet<Row>> statuses =
        tx.preparedQuery(END_RESERVATIONS)
            .execute(
                Tuple.of(
                    ended.orderIds(),
                    ended.productIds(),
                    ended.reservations().stream()
                        .map(held -> held.status().name())
                        .toArray(String[]::new),
                    reason));
    // Independent writes, sent together: one round trip.
    return Future.all(statuses, move(tx, ended.reservations())).mapEmpty();
  }

  /** Orders' reservations as the columns of multi-row statements: one row per reservation. */
  private record Rows(List<UUID> orders, List<Held> reservations) {

    static Rows of(Map<UUID, List<Held>> byOrder) {
      Rows rows = new Rows(new ArrayList<>(), new ArrayList<>());
      byOrder.forEach(
          (order, reservations) ->
              reservations.forEach(
                  reservation -> {
                    rows.orders().add(order);
                    rows.reservations().add(reservation);
                  }));
      return rows;
    }

    UUID[] orderIds() {
      return orders.toArray(UUID[]::new);
    }

    UUID[] productIds() {
      return reservations.stream().map(Held::productId).toArray(UUID[]::new);
    }
  }

  /**
   * Moves the counters of the reservations' products as each, in its status, says (a hold reserves,
   * a sale takes off the shelf, a return puts back): one statement, a product moved once.
   */
  public Future<Void> move(SqlClient tx, List<Held> moves) {
    Map<UUID, int[]> byProduct = new TreeMap<>();
    for (Held move : moves) {
      int[] change = byProduct.computeIfAbsent(move.productId(), product -> new int[2]);
      change[0] += move.onHandChange();
      change[1] += move.reservedChange();
    }
    if (byProduct.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(MOVE)
        .execute(
            Tuple.of(
                byProduct.keySet().toArray(UUID[]::new),
                byProduct.values().stream().map(change -> change[0]).toArray(Integer[]::new),
                byProduct.values().stream().map(change -> change[1]).toArray(Integer[]::new)))
        .compose(
            moved ->
                moved.rowCount() == byProduct.size()
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        new IllegalStateException("stock changed under a held lock")));
  }

  /**
   * Orders with a hold past its expiry, a few at a time; rows another instance is expiring are
   * skipped.
   */
  public Future<List<UUID>> ordersWithExpiredHolds(SqlClient tx, Instant now, int limit) {
    return tx.preparedQuery(EXPIRED_ORDERS)
        .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), limit))
        .map(
            rows -> {
              List<UUID> orders = new ArrayList<>();
              rows.forEach(row -> orders.add(row.getUUID(0)));
              return orders;
            });
  }
}
