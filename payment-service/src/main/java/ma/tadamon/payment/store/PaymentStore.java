package ma.tadamon.payment.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.payment.domain.PartStatus;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentPart;
import ma.tadamon.payment.domain.PaymentStatus;

/** Payments and their cooperatives' parts, in the payments schema. */
public final class PaymentStore {

  // Payments and their parts in one statement, however many; none for an order that has one. The
  // parts name their payment, and only those of a payment opened here are written.
  private static final String INSERT =
      """
      WITH opened AS (
        INSERT INTO payments (id, order_id, order_code, language, method, status, amount_centimes,
                              access_token_digest)
        SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                             $7::bigint[], $8::text[])
        ON CONFLICT (order_id) DO NOTHING
        RETURNING id
      ), parts AS (
        INSERT INTO payment_parts (payment_id, cooperative_id, amount_centimes, shipping_centimes, status)
        SELECT part.payment_id, part.cooperative_id, part.amount_centimes, part.shipping_centimes, part.status
        FROM unnest($9::uuid[], $10::uuid[], $11::bigint[], $12::bigint[], $13::text[])
             AS part (payment_id, cooperative_id, amount_centimes, shipping_centimes, status)
        JOIN opened ON opened.id = part.payment_id
      )
      SELECT id FROM opened
      """;
  private static final String BY_ORDER = "SELECT * FROM payments WHERE order_id = $1";
  private static final String BY_ID = "SELECT * FROM payments WHERE id = $1";
  private static final String LOCK_BY_ORDER =
      "SELECT * FROM payments WHERE order_id = $1 FOR UPDATE";
  private static final String LOCK_BY_ID = "SELECT * FROM payments WHERE id = $1 FOR UPDATE";
  private static final String PARTS =
      "SELECT * FROM payment_parts WHERE payment_id = $1 ORDER BY cooperative_id";
  private static final String UPDATE_STATUS =
      """
      UPDATE payments SET status = $2, failure_reason = coalesce($3, failure_reason), updated_at = now() WHERE id = $1
      """;
  private static final String RECORD_CARD_TRANSACTION =
      "UPDATE payments SET card_transaction_id = $2, updated_at = now() WHERE id = $1";
  private static final String HOLD =
      "UPDATE payments SET card_held = $2, updated_at = now() WHERE id = $1";
  private static final String UPDATE_PART =
      """
      UPDATE payment_parts
      SET status = $3, received_centimes = $4, captured_centimes = $5, commission_centimes = $6,
          refunded_centimes = $7, updated_at = now()
      WHERE payment_id = $1 AND cooperative_id = $2
      """;

  /** Opens the order's payment unless it has one; true when this call opened it. */
  public Future<Boolean> insertIfAbsent(SqlConnection tx, Payment payment) {
    return insertAllIfAbsent(tx, List.of(payment)).map(opened -> !opened.isEmpty());
  }

  /**
   * Opens each payment unless its order has one already (a re-published event opens no second one),
   * in one statement; answers the ids of those opened.
   */
  public Future<Set<UUID>> insertAllIfAbsent(SqlConnection tx, List<Payment> payments) {
    List<PaymentPart> parts = new ArrayList<>();
    List<UUID> partPayments = new ArrayList<>();
    for (Payment payment : payments) {
      for (PaymentPart part : payment.parts()) {
        parts.add(part);
        partPayments.add(payment.id());
      }
    }
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    payments.stream().map(Payment::id).toArray(UUID[]::new),
                    payments.stream().map(Payment::orderId).toArray(UUID[]::new),
                    payments.stream().map(Payment::orderCode).toArray(String[]::new),
                    payments.stream().map(Payment::language).toArray(String[]::new),
                    payments.stream()
                        .map(payment -> payment.method().name())
                        .toArray(String[]::new),
                    payments.stream()
                        .map(payment -> payment.status().name())
                        .toArray(String[]::new),
                    payments.stream().map(Payment::amountCentimes).toArray(Long[]::new),
                    payments.stream().map(Payment::accessTokenDigest).toArray(String[]::new),
                    partPayments.toArray(UUID[]::new),
                    parts.stream().map(PaymentPart::cooperativeId).toArray(UUID[]::new),
                    parts.stream().map(PaymentPart::amountCentimes).toArray(Long[]::new),
                    parts.stream().map(PaymentPart::shippingCentimes).toArray(Long[]::new),
                    parts.stream().map(part -> part.status().name()).toArray(String[]::new))))
        .map(
            rows -> {
              Set<UUID> opened = new HashSet<>();
              rows.forEach(row -> opened.add(row.getUUID("id")));
              return opened;
            });
  }

  public Future<Optional<Payment>> forOrder(SqlClient client, UUID orderId) {
    return client
        .preparedQuery(BY_ORDER)
        .execute(Tuple.of(orderId))
        .compose(rows -> withParts(client, rows));
  }

  public Future<Optional<Payment>> byId(SqlClient client, UUID id) {
    return client
        .preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .compose(rows -> withParts(client, rows));
  }

  /**
   * The order's payment, locked until the transaction ends: every change to a payment goes through
   * this.
   */
  public Future<Optional<Payment>> lockForOrder(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(LOCK_BY_ORDER)
        .execute(Tuple.of(orderId))
        .compose(rows -> withParts(tx, rows));
  }

  public Future<Optional<Payment>> lock(SqlConnection tx, UUID id) {
    return tx.preparedQuery(LOCK_BY_ID).execute(Tuple.of(id)).compose(rows -> withParts(tx, rows));
  }

  public Future<Void> updateStatus(
      SqlConnection tx, UUID paymentId, PaymentStatus status, String failureReason) {
    return tx.preparedQuery(UPDATE_STATUS)
        .execute(Tuple.of(paymentId, status.name(), failureReason))
        .mapEmpty();
  }

  public Future<Void> recordCardTransaction(
      SqlConnection tx, UUID paymentId, String transactionId) {
    return tx.preparedQuery(RECORD_CARD_TRANSACTION)
        .execute(Tuple.of(paymentId, transactionId))
        .mapEmpty();
  }

  /** Whether the payment's card money is a pre-authorisation held at the acquirer, not captured. */
  public Future<Void> hold(SqlConnection tx, UUID paymentId, boolean held) {
    return tx.preparedQuery(HOLD).execute(Tuple.of(paymentId, held)).mapEmpty();
  }

  public Future<Void> updatePart(SqlConnection tx, UUID paymentId, PaymentPart part) {
    return tx.preparedQuery(UPDATE_PART)
        .execute(
            Tuple.from(
                Arrays.asList(
                    paymentId,
                    part.cooperativeId(),
                    part.status().name(),
                    part.receivedCentimes(),
                    part.capturedCentimes(),
                    part.commissionCentimes(),
                    part.refundedCentimes())))
        .mapEmpty();
  }

  private Future<Optional<Payment>> withParts(SqlClient client, RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Future.succeededFuture(Optional.empty());
    }
    Row row = rows.iterator().next();
    UUID id = row.getUUID("id");
    return client
        .preparedQuery(PARTS)
        .execute(Tuple.of(id))
        .map(
            partRows -> {
              List<PaymentPart> parts = new ArrayList<>();
              for (Row part : partRows) {
                parts.add(
                    new PaymentPart(
                        part.getUUID("cooperative_id"),
                        part.getLong("amount_centimes"),
                        part.getLong("shipping_centimes"),
                        PartStatus.valueOf(part.getString("status")),
                        part.getLong("received_centimes"),
                        part.getLong("captured_centimes"),
                        part.getLong("commission_centimes"),
                        part.getLong("refunded_centimes")));
              }
              return Optional.of(
                  new Payment(
                      id,
                      row.getUUID("order_id"),
                      row.getString("order_code"),
                      row.getString("language"),
                      PaymentMethod.valueOf(row.getString("method")),
                      PaymentStatus.valueOf(row.getString("status")),
                      row.getLong("amount_centimes"),
                      row.getString("access_token_digest"),
                      row.getString("card_transaction_id"),
                      parts,
                      row.getBoolean("card_held")));
            });
  }
}
