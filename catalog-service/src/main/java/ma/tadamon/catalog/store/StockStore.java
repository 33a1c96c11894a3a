package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.domain.StockReservation.Availability;

/** Stock levels and the reservations that hold them, always inside the caller's transaction. */
public final class StockStore {

  // Rows are locked in id order (ORDER BY id): two orders touching the same products never deadlock.
  private static final String LOCK_STOCK = """
      SELECT p.id, p.stock_on_hand, p.stock_reserved, (p.active AND c.verified) AS sellable
      FROM products p JOIN cooperatives c ON c.id = p.cooperative_id
      WHERE p.id = ANY($1)
      ORDER BY p.id
      FOR UPDATE OF p
      """;
  // The condition repeats the decision so that even a wrong decision could not oversell.
  private static final String HOLD = """
      UPDATE products SET stock_reserved = stock_reserved + $2, updated_at = now()
      WHERE id = $1 AND stock_on_hand - stock_reserved >= $2
      """;
  private static final String RECORD_RESERVATION = """
      INSERT INTO stock_reservations (order_id, product_id, quantity, status, expires_at)
      VALUES ($1, $2, $3, 'HELD', $4)
      """;
  private static final String HAS_RESERVATION = "SELECT 1 FROM stock_reservations WHERE order_id = $1 LIMIT 1";

  public Future<Boolean> hasReservation(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(HAS_RESERVATION).execute(Tuple.of(orderId)).map(rows -> rows.size() > 0);
  }

  public Future<Map<UUID, Availability>> lock(SqlConnection tx, List<UUID> productIds) {
    return tx.preparedQuery(LOCK_STOCK).execute(Tuple.of(productIds.toArray(new UUID[0]))).map(rows -> {
      Map<UUID, Availability> stock = new HashMap<>();
      rows.forEach(row -> stock.put(row.getUUID("id"), new Availability(row.getUUID("id"),
          row.getInteger("stock_on_hand"), row.getInteger("stock_reserved"), row.getBoolean("sellable"))));
      return stock;
    });
  }

  public Future<Void> hold(SqlConnection tx, UUID orderId, Map<UUID, Integer> quantities, Instant expiresAt) {
    List<Tuple> holds = new ArrayList<>();
    List<Tuple> reservations = new ArrayList<>();
    quantities.forEach((product, quantity) -> {
      holds.add(Tuple.of(product, quantity));
      reservations.add(Tuple.of(orderId, product, quantity, expiresAt.atOffset(ZoneOffset.UTC)));
    });
    return tx.preparedQuery(HOLD).executeBatch(holds)
        .compose(updated -> {
          for (var result = updated; result != null; result = result.next()) {
            if (result.rowCount() != 1) {
              return Future.failedFuture(new IllegalStateException("stock changed under a held lock"));
            }
          }
          return tx.preparedQuery(RECORD_RESERVATION).executeBatch(reservations);
        })
        .mapEmpty();
  }
}
