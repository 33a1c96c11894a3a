package ma.tadamon.payment.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentStatus;

/** Payments in the payments schema. */
public final class PaymentStore {

  private static final String INSERT = """
      INSERT INTO payments (id, order_id, method, status, amount_centimes) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (order_id) DO NOTHING
      """;
  private static final String BY_ORDER = "SELECT * FROM payments WHERE order_id = $1";

  /** Opens the order's payment unless it has one; true when this call opened it. */
  public Future<Boolean> insertIfAbsent(SqlClient client, Payment payment) {
    return client.preparedQuery(INSERT).execute(Tuple.of(payment.id(), payment.orderId(), payment.method(),
        payment.status().name(), payment.amountCentimes())).map(result -> result.rowCount() == 1);
  }

  public Future<Optional<Payment>> forOrder(SqlClient client, UUID orderId) {
    return client.preparedQuery(BY_ORDER).execute(Tuple.of(orderId)).map(rows -> {
      if (rows.size() == 0) {
        return Optional.empty();
      }
      var row = rows.iterator().next();
      return Optional.of(new Payment(row.getUUID("id"), row.getUUID("order_id"), row.getString("method"),
          PaymentStatus.valueOf(row.getString("status")), row.getLong("amount_centimes")));
    });
  }
}
