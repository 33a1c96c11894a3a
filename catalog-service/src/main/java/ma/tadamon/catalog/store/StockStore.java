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

  // Many orders' holds at once, a product's added up. The condition repeats the decision so that
  // even a wrong decision could not oversell.
  private static final String HOLD =
      """
      UPDATE products p SET stock_reserved = p.stock_reserved + held.quantity, updated_at = now()
      FROM unnest($1::uuid[], $2::int[]) AS held (id, quantity)
      WHERE p.id = held.id AND p.stock_on_hand - p.stock_reserved >= held.quantity
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
  // count it:
  // the second waits, then sees the rows already ended and skips them.
  private static final String LOCK_RESERVATIONS =
      """
      SELECT r.product_id, r.quantity, r.status
      FROM stock_reservations r JOIN products p ON p.id = r.product_id
      WHERE r.order_id = $1 AND r.status = ANY($2) AND ($3::uuid IS NULL OR p.cooperative_id = $3)
      ORDER BY r.product_id
      FOR UPDATE OF r
      """;
  private static final String END_RESERVATION =
      """
      UPDATE stock_reservations SET status = $3, ended_reason = $4, updated_at = now()
      WHERE order_id = $1 AND product_id = $2
      """;
  // Held stock back on sale: no longer reserved.
  private static final String UNRESERVE =
      """
      UPDATE products SET stock_reserved = stock_reserved - $2, updated_at = now() WHERE id = $1
      """;
  // Held stock sold: it leaves the shelf and the reservation together, so what is free does not
  // change.
  private static final String SELL =
      """
      UPDATE products SET stock_on_hand = stock_on_hand - $2, stock_reserved = stock_reserved - $2, updated_at = now()
      WHERE id = $1
      """;
  // Sold stock that will not ship goes back on the shelf.
  private static final String RESTOCK =
      """
      UPDATE products SET stock_on_hand = stock_on_hand + $2, updated_at = now() WHERE id = $1
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
   * Holds each order's quantities by product, all until {@code expiresAt}: two statements however
   * many orders, and a product's counter moved once.
   */
  public Future<Void> hold(
      SqlClient tx, Map<UUID, Map<UUID, Integer>> quantitiesByOrder, Instant expiresAt) {
    if (quantitiesByOrder.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<UUID, Integer> byProduct = new TreeMap<>();
    List<UUID> orders = new ArrayList<>();
    List<UUID> products = new ArrayList<>();
    List<Integer> quantities = new ArrayList<>();
    quantitiesByOrder.forEach(
        (order, lines) ->
            lines.forEach(
                (product, quantity) -> {
                  orders.add(order);
                  products.add(product);
                  quantities.add(quantity);
                  byProduct.merge(product, quantity, Integer::sum);
                }));
    // Sent together: should a counter refuse, the transaction fails, reservations and all.
    Future<RowSet<Row>> held =
        tx.preparedQuery(HOLD)
            .execute(
                Tuple.tuple()
                    .addArrayOfUUID(byProduct.keySet().toArray(UUID[]::new))
                    .addArrayOfInteger(byProduct.values().toArray(Integer[]::new)));
    Future<RowSet<Row>> recorded =
        tx.preparedQuery(RECORD_RESERVATIONS)
            .execute(
                Tuple.of(
                    orders.toArray(UUID[]::new),
                    products.toArray(UUID[]::new),
                    quantities.toArray(Integer[]::new),
                    expiresAt.atOffset(ZoneOffset.UTC)));
    return Future.all(held, recorded)
        .compose(
            both ->
                held.result().rowCount() == byProduct.size()
                    ? Future.<Void>succeededFuture()
                    : Future.failedFuture(
                        new IllegalStateException("stock changed under a held lock")));
  }

  /**
   * The order's reservations in the given states, locked; only those of one cooperative's products
   * when {@code cooperativeId} is given.
   */
  public Future<List<Held>> lockReservations(
      SqlClient tx, UUID orderId, List<Held.Status> states, Optional<UUID> cooperativeId) {
    String[] names = states.stream().map(Enum::name).toArray(String[]::new);
    return tx.preparedQuery(LOCK_RESERVATIONS)
        .execute(Tuple.of(orderId, names, cooperativeId.orElse(null)))
        .map(
            rows -> {
              List<Held> held = new ArrayList<>();
              rows.forEach(
                  row ->
                      held.add(
                          new Held(
                              row.getUUID("product_id"),
                              row.getInteger("quantity"),
                              Held.Status.valueOf(row.getString("status")))));
              return held;
            });
  }

  /** Ends each reservation as its new status says, and moves the product counters accordingly. */
  public Future<Void> end(SqlClient tx, UUID orderId, List<Held> ended, String reason) {
    if (ended.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> statuses = new ArrayList<>();
    List<Tuple> unreserve = new ArrayList<>();
    List<Tuple> sell = new ArrayList<>();
    List<Tuple> restock = new ArrayList<>();
    for (Held reservation : ended) {
      statuses.add(Tuple.of(orderId, reservation.productId(), reservation.status().name(), reason));
      Tuple change = Tuple.of(reservation.productId(), reservation.quantity());
      switch (reservation.status()) {
        case RELEASED -> unreserve.add(change);
        case SOLD -> sell.add(change);
        case RETURNED -> restock.add(change);
        case HELD -> throw new IllegalArgumentException("a reservation does not end as HELD");
      }
    }
    // Independent writes, sent together: one round trip.
    return Future.all(
            batch(tx, END_RESERVATION, statuses),
            batch(tx, UNRESERVE, unreserve),
            batch(tx, SELL, sell),
            batch(tx, RESTOCK, restock))
        .mapEmpty();
  }

  /** Puts goods that came back on the shelf: {@code quantities} by product. */
  public Future<Void> restock(SqlClient tx, Map<UUID, Integer> quantities) {
    List<Tuple> changes = new ArrayList<>();
    quantities.forEach((product, quantity) -> changes.add(Tuple.of(product, quantity)));
    return batch(tx, RESTOCK, changes);
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

  private static Future<Void> batch(SqlClient tx, String sql, List<Tuple> tuples) {
    return tuples.isEmpty()
        ? Future.succeededFuture()
        : tx.preparedQuery(sql).executeBatch(tuples).mapEmpty();
  }
}
