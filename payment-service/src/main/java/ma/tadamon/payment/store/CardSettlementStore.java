package ma.tadamon.payment.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The settlements of held card payments (PAYMENT_CARD_CAPTURE=on-delivery): one per payment, a
 * capture of what was delivered or the release of the hold, sent to the acquirer at most once by
 * itself (see {@code CardHolds}).
 */
public final class CardSettlementStore {

  /** Capture what was delivered, or release a hold nothing was delivered for. */
  public enum Kind {
    CAPTURE,
    VOID
  }

  public enum Status {
    REQUESTED,
    COMPLETED,
    FAILED
  }

  /** {@code awaitingOperator}: sent, and its answer lost; only an operator moves it on. */
  public record Settlement(
      UUID paymentId,
      Kind kind,
      long amountCentimes,
      Status status,
      String providerReference,
      int attempts,
      String lastError,
      boolean awaitingOperator,
      Instant createdAt,
      Instant completedAt) {}

  private static final String REQUEST =
      """
      INSERT INTO card_settlements (payment_id, kind, amount_centimes, status)
      VALUES ($1, $2, $3, 'REQUESTED') ON CONFLICT (payment_id) DO NOTHING
      """;
  private static final String LOCK_DUE =
      """
      SELECT * FROM card_settlements WHERE status = 'REQUESTED' AND next_attempt_at <= now()
      ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED
      """;
  private static final String LOCK =
      "SELECT * FROM card_settlements WHERE payment_id = $1 FOR UPDATE";
  private static final String BY_ID = "SELECT * FROM card_settlements WHERE payment_id = $1";
  private static final String BY_STATUS =
      "SELECT * FROM card_settlements WHERE status = $1 ORDER BY created_at DESC LIMIT $2";
  private static final String MARK_SENT =
      "UPDATE card_settlements SET next_attempt_at = 'infinity', last_error = $2 WHERE payment_id = $1";
  private static final String COMPLETE =
      """
      UPDATE card_settlements SET status = 'COMPLETED', provider_reference = $2, completed_at = now(),
        attempts = attempts + 1
      WHERE payment_id = $1 AND status = 'REQUESTED'
      """;
  private static final String FAIL =
      """
      UPDATE card_settlements SET status = 'FAILED', last_error = $2, completed_at = now(),
        attempts = attempts + 1
      WHERE payment_id = $1 AND status = 'REQUESTED'
      """;
  private static final String POSTPONE =
      """
      UPDATE card_settlements SET attempts = attempts + 1, last_error = $2,
        next_attempt_at = now() + make_interval(secs => $3)
      WHERE payment_id = $1
      """;
  private static final String AWAIT_OPERATOR =
      "UPDATE card_settlements SET attempts = attempts + 1, last_error = $2 WHERE payment_id = $1";
  private static final String SEND_AGAIN =
      """
      UPDATE card_settlements SET next_attempt_at = now(), last_error = $2
      WHERE payment_id = $1 AND status = 'REQUESTED' AND next_attempt_at = 'infinity'
      RETURNING *
      """;

  /** Asks for the payment's settlement; a second ask changes nothing (one per hold). */
  public Future<Void> request(SqlConnection tx, UUID paymentId, Kind kind, long amountCentimes) {
    return tx.preparedQuery(REQUEST)
        .execute(Tuple.of(paymentId, kind.name(), amountCentimes))
        .mapEmpty();
  }

  public Future<List<Settlement>> lockDue(SqlConnection tx, int limit) {
    return tx.preparedQuery(LOCK_DUE).execute(Tuple.of(limit)).map(CardSettlementStore::readAll);
  }

  public Future<Optional<Settlement>> lock(SqlConnection tx, UUID paymentId) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(paymentId)).map(CardSettlementStore::first);
  }

  public Future<Optional<Settlement>> byId(SqlClient client, UUID paymentId) {
    return client.preparedQuery(BY_ID).execute(Tuple.of(paymentId)).map(CardSettlementStore::first);
  }

  public Future<List<Settlement>> byStatus(SqlClient client, Status status, int limit) {
    return client
        .preparedQuery(BY_STATUS)
        .execute(Tuple.of(status.name(), limit))
        .map(CardSettlementStore::readAll);
  }

  /** Committed before it is sent: a lost answer, or a stop meanwhile, leaves it to an operator. */
  public Future<Void> markSent(SqlConnection tx, UUID paymentId, String note) {
    return tx.preparedQuery(MARK_SENT).execute(Tuple.of(paymentId, note)).mapEmpty();
  }

  /** True when this call completed it. */
  public Future<Boolean> complete(SqlConnection tx, UUID paymentId, String reference) {
    return tx.preparedQuery(COMPLETE)
        .execute(Tuple.of(paymentId, reference))
        .map(result -> result.rowCount() == 1);
  }

  public Future<Void> fail(SqlConnection tx, UUID paymentId, String reason) {
    return tx.preparedQuery(FAIL).execute(Tuple.of(paymentId, reason)).mapEmpty();
  }

  public Future<Void> postpone(SqlConnection tx, UUID paymentId, String error, Duration delay) {
    return tx.preparedQuery(POSTPONE)
        .execute(Tuple.of(paymentId, error, (double) delay.toSeconds()))
        .mapEmpty();
  }

  public Future<Void> awaitOperator(SqlConnection tx, UUID paymentId, String why) {
    return tx.preparedQuery(AWAIT_OPERATOR).execute(Tuple.of(paymentId, why)).mapEmpty();
  }

  /** Due again, as an operator asked; empty when it was not waiting for one. */
  public Future<Optional<Settlement>> sendAgain(Pool pool, UUID paymentId, String note) {
    return pool.preparedQuery(SEND_AGAIN)
        .execute(Tuple.of(paymentId, note))
        .map(CardSettlementStore::first);
  }

  private static Optional<Settlement> first(Iterable<Row> rows) {
    List<Settlement> all = readAll(rows);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  private static List<Settlement> readAll(Iterable<Row> rows) {
    List<Settlement> settlements = new ArrayList<>();
    for (Row row : rows) {
      var completed = row.getOffsetDateTime("completed_at");
      var next = row.getOffsetDateTime("next_attempt_at");
      settlements.add(
          new Settlement(
              row.getUUID("payment_id"),
              Kind.valueOf(row.getString("kind")),
              row.getLong("amount_centimes"),
              Status.valueOf(row.getString("status")),
              row.getString("provider_reference"),
              row.getInteger("attempts"),
              row.getString("last_error"),
              Instants.isInfinite(next),
              row.getOffsetDateTime("created_at").toInstant(),
              completed == null ? null : completed.toInstant()));
    }
    return settlements;
  }
}
