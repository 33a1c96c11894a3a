package ma.tadamon.payment.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.payment.domain.Refund;

/**
 * Refunds in the payments schema: asked for, then completed or failed, with their attempts at the
 * gateway.
 */
public final class RefundStore {

  private static final String INSERT =
      """
      INSERT INTO refunds (id, payment_id, cooperative_id, amount_centimes, after_capture,
                           commission_returned_centimes, reason, requested_by, idempotency_key, request_hash, status,
                           withdrawal_id, owed_by_transfer)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'REQUESTED', $11, $12)
      """;
  private static final String BY_ID = "SELECT * FROM refunds WHERE id = $1";
  private static final String OF_WITHDRAWAL = "SELECT * FROM refunds WHERE withdrawal_id = $1";
  private static final String LOCK = "SELECT * FROM refunds WHERE id = $1 FOR UPDATE";
  // An operator's request refunds one row per part, keyed "<Idempotency-Key>#<cooperative>".
  private static final String BY_KEY_PREFIX =
      "SELECT * FROM refunds WHERE idempotency_key LIKE $1 ESCAPE '!' ORDER BY idempotency_key";
  private static final String OF_PAYMENT =
      "SELECT * FROM refunds WHERE payment_id = $1 ORDER BY created_at, id";
  private static final String BY_STATUS =
      "SELECT * FROM refunds WHERE status = $1 ORDER BY created_at DESC LIMIT $2";
  private static final String LOCK_DUE =
      """
      SELECT * FROM refunds WHERE status = 'REQUESTED' AND NOT owed_by_transfer AND next_attempt_at <= now()
      ORDER BY next_attempt_at LIMIT $1
      FOR UPDATE SKIP LOCKED
      """;
  private static final String POSTPONE =
      """
      UPDATE refunds SET attempts = attempts + 1, last_error = $2, next_attempt_at = now() + make_interval(secs => $3)
      WHERE id = $1
      """;
  // Sent: not due again by itself. Its outcome moves it on; a lost answer leaves it to an operator.
  private static final String MARK_SENT =
      "UPDATE refunds SET next_attempt_at = 'infinity', last_error = $2 WHERE id = $1";
  private static final String AWAIT_OPERATOR =
      """
      UPDATE refunds SET attempts = attempts + 1, last_error = $2
      WHERE id = $1 AND status = 'REQUESTED'
      """;
  private static final String SEND_AGAIN =
      """
      UPDATE refunds SET next_attempt_at = now(), last_error = $2
      WHERE id = $1 AND status = 'REQUESTED' AND NOT owed_by_transfer
        AND next_attempt_at = 'infinity'
      RETURNING *
      """;
  private static final String COMPLETE =
      """
      UPDATE refunds SET status = 'COMPLETED', provider_reference = $2, completed_at = now(), attempts = attempts + 1
      WHERE id = $1 AND status = 'REQUESTED'
      """;
  private static final String FAIL =
      """
      UPDATE refunds SET status = 'FAILED', last_error = $2, completed_at = now(), attempts = attempts + 1
      WHERE id = $1 AND status = 'REQUESTED'
      """;

  public Future<Void> insert(
      SqlConnection tx, Refund refund, String idempotencyKey, String requestHash) {
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    refund.id(),
                    refund.paymentId(),
                    refund.cooperativeId(),
                    refund.amountCentimes(),
                    refund.afterCapture(),
                    refund.commissionReturnedCentimes(),
                    refund.reason(),
                    refund.requestedBy(),
                    idempotencyKey,
                    requestHash,
                    refund.withdrawalId(),
                    refund.owedByTransfer())))
        .mapEmpty();
  }

  /** The refunds an idempotency key already asked for, with the hash of the request that asked. */
  public Future<List<KeyedRefund>> byIdempotencyKeyPrefix(SqlClient client, String key) {
    return client
        .preparedQuery(BY_KEY_PREFIX)
        .execute(Tuple.of(key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "#%"))
        .map(
            rows -> {
              List<KeyedRefund> found = new ArrayList<>();
              rows.forEach(
                  row -> found.add(new KeyedRefund(read(row), row.getString("request_hash"))));
              return found;
            });
  }

  public record KeyedRefund(Refund refund, String requestHash) {}

  public Future<Optional<Refund>> byId(SqlClient client, UUID id) {
    return client
        .preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  public Future<Optional<Refund>> ofWithdrawal(SqlClient client, UUID withdrawalId) {
    return client
        .preparedQuery(OF_WITHDRAWAL)
        .execute(Tuple.of(withdrawalId))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  public Future<List<Refund>> ofPayment(SqlClient client, UUID paymentId) {
    return client.preparedQuery(OF_PAYMENT).execute(Tuple.of(paymentId)).map(RefundStore::readAll);
  }

  public Future<List<Refund>> withStatus(SqlClient client, Refund.RefundStatus status, int limit) {
    return client
        .preparedQuery(BY_STATUS)
        .execute(Tuple.of(status.name(), limit))
        .map(RefundStore::readAll);
  }

  /** One refund, locked until the transaction ends; empty when there is no such refund. */
  public Future<Optional<Refund>> lock(SqlConnection tx, UUID id) {
    return tx.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  /** Refunds due at the gateway, locked; those another instance is sending are skipped. */
  public Future<List<Refund>> lockDue(SqlConnection tx, int limit) {
    return tx.preparedQuery(LOCK_DUE).execute(Tuple.of(limit)).map(RefundStore::readAll);
  }

  /**
   * Before a refund is sent: committed first, so that a process that dies while the acquirer
   * answers leaves the refund waiting for an operator, never sent a second time by itself.
   */
  public Future<Void> markSent(SqlConnection tx, UUID id, String note) {
    return tx.preparedQuery(MARK_SENT).execute(Tuple.of(id, note)).mapEmpty();
  }

  /** A sent refund whose outcome is not known stays waiting, for an operator, with why. */
  public Future<Void> awaitOperator(SqlConnection tx, UUID id, String why) {
    return tx.preparedQuery(AWAIT_OPERATOR).execute(Tuple.of(id, why)).mapEmpty();
  }

  /**
   * An operator found in the acquirer's back office that a refund waiting for them was not made: it
   * is due again. Empty when it is not such a refund.
   */
  public Future<Optional<Refund>> sendAgain(Pool pool, UUID id, String note) {
    return pool.preparedQuery(SEND_AGAIN)
        .execute(Tuple.of(id, note))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(read(rows.iterator().next())));
  }

  public Future<Void> postpone(SqlConnection tx, UUID id, String error, Duration delay) {
    return tx.preparedQuery(POSTPONE)
        .execute(Tuple.of(id, error, (double) delay.toSeconds()))
        .mapEmpty();
  }

  /** True when this call completed it (false: it was no longer REQUESTED). */
  public Future<Boolean> complete(SqlConnection tx, UUID id, String providerReference) {
    return tx.preparedQuery(COMPLETE)
        .execute(Tuple.of(id, providerReference))
        .map(result -> result.rowCount() == 1);
  }

  public Future<Boolean> fail(SqlConnection tx, UUID id, String reason) {
    return tx.preparedQuery(FAIL)
        .execute(Tuple.of(id, reason))
        .map(result -> result.rowCount() == 1);
  }

  private static List<Refund> readAll(Iterable<Row> rows) {
    List<Refund> refunds = new ArrayList<>();
    rows.forEach(row -> refunds.add(read(row)));
    return refunds;
  }

  private static Refund read(Row row) {
    var completed = row.getOffsetDateTime("completed_at");
    return new Refund(
        row.getUUID("id"),
        row.getUUID("payment_id"),
        row.getUUID("cooperative_id"),
        row.getLong("amount_centimes"),
        row.getBoolean("after_capture"),
        row.getLong("commission_returned_centimes"),
        row.getString("reason"),
        row.getString("requested_by"),
        Refund.RefundStatus.valueOf(row.getString("status")),
        row.getString("provider_reference"),
        row.getInteger("attempts"),
        row.getString("last_error"),
        row.getOffsetDateTime("created_at").toInstant(),
        completed == null ? null : completed.toInstant(),
        row.getUUID("withdrawal_id"),
        row.getBoolean("owed_by_transfer"),
        Instants.isInfinite(row.getOffsetDateTime("next_attempt_at")));
  }
}
