package ma.tadamon.notification.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.notification.domain.Templates;
import ma.tadamon.notification.phone.PhoneCodes;
import ma.tadamon.notification.phone.PhoneConfirmation;

/** Orders waiting for their shopper's phone: the code's hash, the wrong tries, the deadline. */
public final class PhoneConfirmationStore {

  private static final String INSERT =
      """
      INSERT INTO phone_confirmations (order_id, phone, order_code, language, code_hash, expires_at,
                                       shopper_subject)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (order_id) DO NOTHING
      """;
  private static final String LOCK =
      "SELECT * FROM phone_confirmations WHERE order_id = $1 FOR UPDATE";
  // The newest wait of a number that may still be confirmed: a reply answers the last code sent.
  private static final String LOCK_PENDING_OF_PHONE =
      """
      SELECT * FROM phone_confirmations
      WHERE phone = $1 AND status = 'PENDING' AND expires_at > now()
      ORDER BY created_at DESC LIMIT 1
      FOR UPDATE
      """;
  private static final String UPDATE =
      """
      UPDATE phone_confirmations SET status = $2, wrong_attempts = $3,
             resolved_at = CASE WHEN $2 = 'PENDING' THEN NULL ELSE now() END
      WHERE order_id = $1
      """;
  private static final String CLOSE =
      """
      UPDATE phone_confirmations SET status = 'CLOSED', resolved_at = now()
      WHERE order_id = $1 AND status = 'PENDING'
      """;
  // Codes a number let lapse or locked since it last confirmed one, within a day. A shopper who
  // cancels the order before its deadline answered, in a way.
  private static final String UNANSWERED_LATELY =
      """
      SELECT count(*) FROM phone_confirmations p
      WHERE p.phone = $1 AND p.created_at > now() - interval '1 day'
        AND (p.status = 'LOCKED'
             OR (p.status = 'PENDING' AND p.expires_at <= now())
             OR (p.status = 'CLOSED' AND p.resolved_at >= p.expires_at))
        AND p.created_at > coalesce(
              (SELECT max(c.created_at) FROM phone_confirmations c
               WHERE c.phone = $1 AND c.status = 'CONFIRMED'), '-infinity')
      """;
  // A spent code has no reason to stay readable in the message that carried it.
  private static final String MASK_SENT_CODE =
      "UPDATE notifications SET body = $2, updated_at = now() WHERE id = $1 AND body <> $2";
  private static final String PURGE =
      "DELETE FROM phone_confirmations WHERE created_at < now() - make_interval(days => $1)";
  private static final String CODE_MESSAGES =
      """
      SELECT n.id, n.body, p.order_code FROM notifications n
      JOIN phone_confirmations p ON p.order_id = n.order_id
      WHERE n.order_id = $1 AND n.template = $2
      """;

  /** Deletes waits older than {@code retention}: their numbers have no purpose here any more. */
  public Future<Integer> purge(SqlClient client, Duration retention) {
    return client
        .preparedQuery(PURGE)
        .execute(Tuple.of((int) retention.toDays()))
        .map(RowSet::rowCount);
  }

  public Future<Void> insert(
      SqlConnection tx,
      UUID orderId,
      String phone,
      String orderCode,
      String language,
      String codeHash,
      Instant expiresAt,
      String shopperSubject) {
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    orderId,
                    phone,
                    orderCode,
                    language,
                    codeHash,
                    expiresAt.atOffset(ZoneOffset.UTC),
                    shopperSubject)))
        .mapEmpty();
  }

  /** The order's wait and its code's hash, locked for an attempt; empty when there is none. */
  public Future<Optional<Locked>> lock(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(orderId)).map(PhoneConfirmationStore::locked);
  }

  /** The newest wait of {@code phone} still open, locked; empty when there is none. */
  public Future<Optional<Locked>> lockPendingOf(SqlConnection tx, String phone) {
    return tx.preparedQuery(LOCK_PENDING_OF_PHONE)
        .execute(Tuple.of(phone))
        .map(PhoneConfirmationStore::locked);
  }

  /** A wait and the hash of its code. */
  public record Locked(PhoneConfirmation confirmation, String codeHash) {}

  public Future<Void> save(SqlConnection tx, PhoneConfirmation confirmation) {
    return tx.preparedQuery(UPDATE)
        .execute(
            Tuple.of(
                confirmation.orderId(), confirmation.status().name(), confirmation.wrongAttempts()))
        .mapEmpty();
  }

  /** The order ended (cancelled at its deadline or by the shopper): its code no longer counts. */
  public Future<Void> close(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(CLOSE).execute(Tuple.of(orderId)).mapEmpty();
  }

  public Future<Long> unansweredLately(SqlConnection tx, String phone) {
    return tx.preparedQuery(UNANSWERED_LATELY)
        .execute(Tuple.of(phone))
        .map(rows -> rows.iterator().next().getLong(0));
  }

  /** Masks the code in the SMS that carried it, once the code is spent or dead. */
  public Future<Void> maskSentCode(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(CODE_MESSAGES)
        .execute(Tuple.of(orderId, Templates.PHONE_CODE))
        .compose(
            rows -> {
              Future<Void> masked = Future.succeededFuture();
              for (Row row : rows) {
                String body = PhoneCodes.masked(row.getString("body"), row.getString("order_code"));
                masked =
                    masked.compose(
                        v ->
                            tx.preparedQuery(MASK_SENT_CODE)
                                .execute(Tuple.of(row.getUUID("id"), body))
                                .mapEmpty());
              }
              return masked;
            });
  }

  private static Optional<Locked> locked(Iterable<Row> rows) {
    for (Row row : rows) {
      return Optional.of(
          new Locked(
              new PhoneConfirmation(
                  row.getUUID("order_id"),
                  row.getString("phone"),
                  row.getString("language"),
                  PhoneConfirmation.Status.valueOf(row.getString("status")),
                  row.getInteger("wrong_attempts"),
                  row.getOffsetDateTime("expires_at").toInstant()),
              row.getString("code_hash")));
    }
    return Optional.empty();
  }
}
