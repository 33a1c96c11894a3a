package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sales at fair stands (V10). */
public final class StandSaleStore {

  /** A sale as recorded. */
  public record Sale(
      UUID id,
      UUID fair,
      UUID cooperative,
      UUID product,
      int quantity,
      long amountCentimes,
      String via,
      Instant soldAt) {}

  private static final String COLUMNS =
      "id, fair_id, cooperative_id, product_id, quantity, amount_centimes, via, sold_at";

  private final Pool pool;

  public StandSaleStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Optional<Sale>> find(SqlClient client, UUID id) {
    return client
        .preparedQuery("SELECT " + COLUMNS + " FROM stand_sales WHERE id = $1")
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(sale(rows.iterator().next())));
  }

  public Future<Sale> insert(SqlClient tx, Sale sale, String recordedBy) {
    return tx.preparedQuery(
            "INSERT INTO stand_sales (id, fair_id, cooperative_id, product_id, quantity,"
                + " amount_centimes, via, recorded_by)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "
                + COLUMNS)
        .execute(
            Tuple.from(
                new Object[] {
                  sale.id(),
                  sale.fair(),
                  sale.cooperative(),
                  sale.product(),
                  sale.quantity(),
                  sale.amountCentimes(),
                  sale.via(),
                  recordedBy
                }))
        .map(rows -> sale(rows.iterator().next()));
  }

  /** The cooperative's sales at a fair, newest first. */
  public Future<List<Sale>> of(UUID cooperative, UUID fair) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM stand_sales WHERE cooperative_id = $1 AND fair_id = $2"
                + " ORDER BY sold_at DESC LIMIT 500")
        .execute(Tuple.of(cooperative, fair))
        .map(
            rows -> {
              List<Sale> sales = new ArrayList<>();
              rows.forEach(row -> sales.add(sale(row)));
              return sales;
            });
  }

  private static Sale sale(Row row) {
    return new Sale(
        row.getUUID("id"),
        row.getUUID("fair_id"),
        row.getUUID("cooperative_id"),
        row.getUUID("product_id"),
        row.getInteger("quantity"),
        row.getLong("amount_centimes"),
        row.getString("via"),
        row.getOffsetDateTime("sold_at").toInstant());
  }
}
