package ma.tadamon.payment.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;

/** Each trip of a shopper to the gateway's hosted page, decided once by the gateway's callback. */
public final class CardAttemptStore {

  private static final String INSERT =
      """
      INSERT INTO card_attempts (id, payment_id, provider, amount_centimes, status) VALUES ($1, $2, $3, $4, 'OPEN')
      """;
  private static final String PAID_WITH =
      """
      SELECT a.id FROM card_attempts a
      JOIN payments p ON p.id = a.payment_id AND a.transaction_id = p.card_transaction_id
      WHERE p.id = $1 AND a.status = 'APPROVED'
      """;
  private static final String LOCK = "SELECT * FROM card_attempts WHERE id = $1 FOR UPDATE";
  private static final String DECIDE =
      """
      UPDATE card_attempts SET status = $2, transaction_id = $3, masked_pan = $4, decided_at = now() WHERE id = $1
      """;

  public record CardAttempt(
      UUID id, UUID paymentId, String provider, long amountCentimes, String status) {

    public boolean isOpen() {
      return "OPEN".equals(status);
    }
  }

  public Future<Void> open(SqlConnection tx, CardAttempt attempt) {
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.of(
                attempt.id(), attempt.paymentId(), attempt.provider(), attempt.amountCentimes()))
        .mapEmpty();
  }

  public Future<Optional<CardAttempt>> lock(SqlConnection tx, UUID id) {
    return tx.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              var row = rows.iterator().next();
              return Optional.of(
                  new CardAttempt(
                      row.getUUID("id"),
                      row.getUUID("payment_id"),
                      row.getString("provider"),
                      row.getLong("amount_centimes"),
                      row.getString("status")));
            });
  }

  /**
   * The attempt that paid for a payment (the acquirer's approval it keeps): its id is the order's
   * id at the acquirer. Read without a lock: an approved attempt never changes.
   */
  public Future<Optional<UUID>> paidWith(SqlClient client, UUID paymentId) {
    return client
        .preparedQuery(PAID_WITH)
        .execute(Tuple.of(paymentId))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID("id")));
  }

  public Future<Void> decide(
      SqlConnection tx, UUID id, boolean approved, String transactionId, String maskedPan) {
    return tx.preparedQuery(DECIDE)
        .execute(Tuple.of(id, approved ? "APPROVED" : "DECLINED", transactionId, maskedPan))
        .mapEmpty();
  }
}
