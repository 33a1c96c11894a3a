package ma.tadamon.payment.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.payment.gateway.CallbackOutcome;

/** The audit trail of gateway callbacks: every one received, what became of it and why. */
public final class CallbackAuditStore {

  private static final String INSERT =
      """
      INSERT INTO gateway_callbacks (provider, attempt_id, transaction_id, outcome, detail, parameters)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;
  private static final String LIST =
      """
      SELECT * FROM gateway_callbacks WHERE ($1::text IS NULL OR outcome = $1) ORDER BY id DESC LIMIT $2
      """;
  private static final int MAX_VALUE_LENGTH = 500;

  public Future<Void> record(
      SqlClient client,
      String provider,
      UUID attemptId,
      String transactionId,
      CallbackOutcome outcome,
      String detail,
      Map<String, String> parameters) {
    JsonObject kept = new JsonObject();
    // Whatever a forger sends is kept for the operator, but never more than a screenful of it.
    parameters.entrySet().stream()
        .limit(40)
        .forEach(
            parameter -> kept.put(truncate(parameter.getKey()), truncate(parameter.getValue())));
    return client
        .preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    truncate(provider),
                    attemptId,
                    transactionId == null ? null : truncate(transactionId),
                    outcome.name(),
                    detail,
                    kept)))
        .mapEmpty();
  }

  public Future<JsonArray> recent(SqlClient client, CallbackOutcome outcome, int limit) {
    return client
        .preparedQuery(LIST)
        .execute(Tuple.of(outcome == null ? null : outcome.name(), limit))
        .map(
            rows -> {
              JsonArray entries = new JsonArray();
              for (Row row : rows) {
                entries.add(
                    new JsonObject()
                        .put("id", row.getLong("id"))
                        .put("provider", row.getString("provider"))
                        .put(
                            "attemptId",
                            row.getUUID("attempt_id") == null
                                ? null
                                : row.getUUID("attempt_id").toString())
                        .put("transactionId", row.getString("transaction_id"))
                        .put("outcome", row.getString("outcome"))
                        .put("detail", row.getString("detail"))
                        .put("parameters", row.getJsonObject("parameters"))
                        .put(
                            "receivedAt",
                            row.getOffsetDateTime("received_at").toInstant().toString()));
              }
              return entries;
            });
  }

  private static String truncate(String value) {
    return value == null || value.length() <= MAX_VALUE_LENGTH
        ? value
        : value.substring(0, MAX_VALUE_LENGTH) + "…";
  }
}
