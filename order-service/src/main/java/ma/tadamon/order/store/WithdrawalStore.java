package ma.tadamon.order.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.order.domain.Withdrawal;

/** Withdrawals in the orders schema: one row per withdrawn part, moved as the aggregate decides. */
public final class WithdrawalStore {

  private static final String INSERT =
      """
      INSERT INTO withdrawals (id, order_id, cooperative_id, status, lines, amount_centimes, whole_part,
                               idempotency_key, request_hash, requested_at, refund_due_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      """;
  private static final String OF_PART =
      "SELECT * FROM withdrawals WHERE order_id = $1 AND cooperative_id = $2";
  private static final String BY_ID = "SELECT * FROM withdrawals WHERE id = $1 FOR UPDATE";
  private static final String OF_ORDER =
      "SELECT * FROM withdrawals WHERE order_id = $1 ORDER BY requested_at, cooperative_id";
  private static final String UPDATE =
      """
      UPDATE withdrawals SET status = $2, received_at = $3, received_by = $4, refunded_at = $5
      WHERE id = $1
      """;
  // Newest first; with $1 only those whose refund is late, with $2 one cooperative's.
  private static final String OPEN =
      """
      SELECT * FROM withdrawals
      WHERE status <> 'REFUNDED' AND (NOT $1 OR refund_due_by < now())
        AND ($2::uuid IS NULL OR cooperative_id = $2)
      ORDER BY refund_due_by LIMIT $3
      """;
  private static final String OVERDUE =
      "SELECT count(*) FROM withdrawals WHERE status <> 'REFUNDED' AND refund_due_by < now()";

  /** A withdrawal and the key and request digest it was asked with, for a retry's replay. */
  public record Keyed(Withdrawal withdrawal, String idempotencyKey, String requestHash) {}

  public Future<Void> insert(
      SqlClient tx, Withdrawal withdrawal, String idempotencyKey, String requestHash) {
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                List.of(
                    withdrawal.id(),
                    withdrawal.orderId(),
                    withdrawal.cooperativeId(),
                    withdrawal.status().name(),
                    linesJson(withdrawal.lines()),
                    withdrawal.amountCentimes(),
                    withdrawal.wholePart(),
                    idempotencyKey,
                    requestHash,
                    withdrawal.requestedAt().atOffset(ZoneOffset.UTC),
                    withdrawal.refundDueBy().atOffset(ZoneOffset.UTC))))
        .mapEmpty();
  }

  public Future<Optional<Keyed>> ofPart(SqlClient client, UUID orderId, UUID cooperativeId) {
    return client
        .preparedQuery(OF_PART)
        .execute(Tuple.of(orderId, cooperativeId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(keyed(rows.iterator().next())));
  }

  public Future<Optional<Withdrawal>> lock(SqlClient tx, UUID id) {
    return tx.preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
  }

  public Future<List<Withdrawal>> ofOrder(SqlClient client, UUID orderId) {
    return client.preparedQuery(OF_ORDER).execute(Tuple.of(orderId)).map(WithdrawalStore::all);
  }

  public Future<List<Withdrawal>> open(
      SqlClient client, boolean overdueOnly, Optional<UUID> cooperativeId, int limit) {
    return client
        .preparedQuery(OPEN)
        .execute(Tuple.of(overdueOnly, cooperativeId.orElse(null), limit))
        .map(WithdrawalStore::all);
  }

  public Future<Long> countOverdue(SqlClient client) {
    return client.query(OVERDUE).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Void> update(SqlClient tx, Withdrawal withdrawal) {
    return tx.preparedQuery(UPDATE)
        .execute(
            Tuple.of(
                withdrawal.id(),
                withdrawal.status().name(),
                at(withdrawal.receivedAt()),
                withdrawal.receivedBy(),
                at(withdrawal.refundedAt())))
        .mapEmpty();
  }

  private static Object at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static List<Withdrawal> all(Iterable<Row> rows) {
    List<Withdrawal> all = new ArrayList<>();
    rows.forEach(row -> all.add(row(row)));
    return all;
  }

  private static Keyed keyed(Row row) {
    return new Keyed(row(row), row.getString("idempotency_key"), row.getString("request_hash"));
  }

  private static Withdrawal row(Row row) {
    List<Withdrawal.Line> lines = new ArrayList<>();
    JsonArray json = (JsonArray) row.getJson("lines");
    for (int i = 0; i < json.size(); i++) {
      JsonObject line = json.getJsonObject(i);
      lines.add(
          new Withdrawal.Line(
              UUID.fromString(line.getString("productId")),
              OrderRows.texts(line.getJsonObject("name")),
              line.getLong("unitPriceCentimes"),
              line.getInteger("quantity")));
    }
    return new Withdrawal(
        row.getUUID("id"),
        row.getUUID("order_id"),
        row.getUUID("cooperative_id"),
        Withdrawal.Status.valueOf(row.getString("status")),
        lines,
        row.getLong("amount_centimes"),
        row.getBoolean("whole_part"),
        OrderRows.instant(row, "requested_at"),
        OrderRows.instant(row, "refund_due_by"),
        OrderRows.instant(row, "received_at"),
        row.getString("received_by"),
        OrderRows.instant(row, "refunded_at"));
  }

  private static JsonArray linesJson(List<Withdrawal.Line> lines) {
    JsonArray json = new JsonArray();
    lines.forEach(
        line ->
            json.add(
                new JsonObject()
                    .put("productId", line.productId().toString())
                    .put("name", new JsonObject(Map.copyOf(line.name())))
                    .put("unitPriceCentimes", line.unitPriceCentimes())
                    .put("quantity", line.quantity())));
    return json;
  }
}
