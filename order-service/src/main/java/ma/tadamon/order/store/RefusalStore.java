package ma.tadamon.order.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Parcels refused at the door, by the shopper's number; what the rule and the operators read. */
public final class RefusalStore {

  private static final String RECORD =
      """
      INSERT INTO parcel_refusals (order_id, cooperative_id, phone, courier_cost_centimes)
      VALUES ($1, $2, $3, $4)
      ON CONFLICT (order_id, cooperative_id) DO NOTHING
      """;
  private static final String COUNT =
      """
      SELECT count(*) FROM parcel_refusals
      WHERE phone = $1 AND lifted_at IS NULL AND refused_at > now() - make_interval(days => $2)
      """;
  private static final String BY_NUMBER =
      """
      SELECT phone, count(*) FILTER (WHERE lifted_at IS NULL) AS refusals, count(*) AS all_refusals,
             coalesce(sum(courier_cost_centimes), 0) AS courier_cost_centimes,
             max(refused_at) AS last_refused_at
      FROM parcel_refusals
      GROUP BY phone
      ORDER BY max(refused_at) DESC
      LIMIT $1
      """;
  private static final String LIFT =
      """
      UPDATE parcel_refusals SET lifted_at = now(), lifted_by = $2
      WHERE phone = $1 AND lifted_at IS NULL
      """;
  private static final String PURGE =
      "DELETE FROM parcel_refusals WHERE refused_at < now() - make_interval(days => $1)";

  /** A number with its refusals: those that count (not lifted), all, and what they cost. */
  public record ByNumber(
      String phone,
      long refusals,
      long allRefusals,
      long courierCostCentimes,
      Instant lastRefusedAt) {}

  public Future<Void> record(
      SqlClient client, UUID orderId, UUID cooperativeId, String phone, Long courierCostCentimes) {
    return client
        .preparedQuery(RECORD)
        .execute(Tuple.of(orderId, cooperativeId, phone, courierCostCentimes))
        .mapEmpty();
  }

  /** Refusals of {@code phone} within {@code window}, not lifted by an operator. */
  public Future<Long> counting(SqlClient client, String phone, Duration window) {
    return client
        .preparedQuery(COUNT)
        .execute(Tuple.of(phone, (int) window.toDays()))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<List<ByNumber>> byNumber(SqlClient client, int limit) {
    return client
        .preparedQuery(BY_NUMBER)
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<ByNumber> numbers = new ArrayList<>();
              for (Row row : rows) {
                numbers.add(
                    new ByNumber(
                        row.getString("phone"),
                        row.getLong("refusals"),
                        row.getLong("all_refusals"),
                        row.getLong("courier_cost_centimes"),
                        row.getOffsetDateTime("last_refused_at").toInstant()));
              }
              return numbers;
            });
  }

  /** An operator lifts a number's refusals: it may choose cash on delivery again. */
  public Future<Integer> lift(SqlClient client, String phone, String operator) {
    return client.preparedQuery(LIFT).execute(Tuple.of(phone, operator)).map(RowSet::rowCount);
  }

  /** Deletes refusals older than {@code retention}; answers how many. */
  public Future<Integer> purge(SqlClient client, Duration retention) {
    return client
        .preparedQuery(PURGE)
        .execute(Tuple.of((int) retention.toDays()))
        .map(RowSet::rowCount);
  }
}
