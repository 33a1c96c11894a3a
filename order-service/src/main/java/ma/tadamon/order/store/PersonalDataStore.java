package ma.tadamon.order.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Shoppers' personal data in the orders schema: what an export gathers, what erasure and retention
 * anonymise, and the log of operators' reading it.
 */
public final class PersonalDataStore {

  private static final String ORDERS_OF =
      "SELECT id FROM orders WHERE shopper_subject = $1 ORDER BY created_at";
  private static final String VERIFIED_PHONES =
      "SELECT phone, verified_at FROM verified_phones WHERE shopper_subject = $1 ORDER BY phone";
  private static final String ASK_ERASURE =
      """
      UPDATE orders SET erasure_requested_at = coalesce(erasure_requested_at, now())
      WHERE shopper_subject = $1 AND anonymised_at IS NULL
      """;
  private static final String FORGET_PHONES =
      "DELETE FROM verified_phones WHERE shopper_subject = $1";
  // A dash replaces who and where exactly: nobody can be found or called from it, the order still
  // reads. The city and region stay (a fair's figures count by region).
  private static final String ANONYMISE =
      """
      WITH due AS (
        SELECT id, contact_phone, contact_email, erasure_requested_at IS NOT NULL AS asked
        FROM orders
        WHERE anonymised_at IS NULL AND status IN ('COMPLETED', 'CANCELLED', 'REJECTED')
          AND (erasure_requested_at IS NOT NULL
               OR (shopper_subject IS NULL AND updated_at < now() - make_interval(secs => $1)))
          AND ($3::text IS NULL OR shopper_subject = $3)
        ORDER BY updated_at LIMIT $2
        FOR UPDATE SKIP LOCKED),
      done AS (
        UPDATE orders o SET contact_name = '—', contact_phone = '—', contact_email = NULL,
          shipping_address = jsonb_build_object('line1', '—', 'city', o.shipping_address ->> 'city',
                                                'postalCode', NULL, 'region', o.shipping_address ->> 'region'),
          shopper_subject = NULL, anonymised_at = now()
        FROM due WHERE o.id = due.id
        RETURNING o.id)
      SELECT due.* FROM due JOIN done ON done.id = due.id
      """;
  private static final String PENDING_ERASURE =
      "SELECT count(*) FROM orders WHERE erasure_requested_at IS NOT NULL AND anonymised_at IS NULL";
  private static final String LOG_ACCESS =
      "INSERT INTO personal_data_access (operator, what, purpose) VALUES ($1, $2, $3)";
  private static final String ACCESS_LOG =
      """
      SELECT operator, what, purpose, at FROM personal_data_access
      WHERE ($1::text IS NULL OR operator = $1)
      ORDER BY at DESC, id DESC LIMIT $2
      """;

  public Future<List<UUID>> ordersOf(SqlClient client, String subject) {
    return client
        .preparedQuery(ORDERS_OF)
        .execute(Tuple.of(subject))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(row.getUUID("id")));
              return ids;
            });
  }

  public Future<JsonArray> verifiedPhones(SqlClient client, String subject) {
    return client
        .preparedQuery(VERIFIED_PHONES)
        .execute(Tuple.of(subject))
        .map(
            rows -> {
              JsonArray phones = new JsonArray();
              rows.forEach(
                  row ->
                      phones.add(
                          new JsonObject()
                              .put("phone", row.getString("phone"))
                              .put("verifiedAt", row.getOffsetDateTime("verified_at").toString())));
              return phones;
            });
  }

  /** Marks the shopper's orders for erasure and forgets the phones it proved; how many orders. */
  public Future<Integer> askErasure(SqlClient tx, String subject) {
    return tx.preparedQuery(ASK_ERASURE)
        .execute(Tuple.of(subject))
        .compose(
            marked ->
                tx.preparedQuery(FORGET_PHONES)
                    .execute(Tuple.of(subject))
                    .map(forgotten -> marked.rowCount()));
  }

  /** An order just anonymised: what its contact was, for the event that tells the others. */
  public record Anonymised(UUID orderId, String phone, String email, boolean shopperAsked) {}

  /**
   * Anonymises up to {@code limit} orders that are due, only the signed-in shopper {@code
   * subject}'s when given; answers which, with what they held.
   */
  public Future<List<Anonymised>> anonymiseDue(
      SqlClient tx, Duration guestRetention, int limit, String subject) {
    return tx.preparedQuery(ANONYMISE)
        .execute(Tuple.of((double) guestRetention.toSeconds(), limit, subject))
        .map(
            rows -> {
              List<Anonymised> done = new ArrayList<>();
              rows.forEach(
                  row ->
                      done.add(
                          new Anonymised(
                              row.getUUID("id"),
                              row.getString("contact_phone"),
                              row.getString("contact_email"),
                              row.getBoolean("asked"))));
              return done;
            });
  }

  public Future<Long> pendingErasure(SqlClient client) {
    return client.query(PENDING_ERASURE).execute().map(rows -> rows.iterator().next().getLong(0));
  }

  public Future<Void> logAccess(SqlClient client, String operator, String what, String purpose) {
    return client.preparedQuery(LOG_ACCESS).execute(Tuple.of(operator, what, purpose)).mapEmpty();
  }

  public Future<JsonArray> accessLog(SqlClient client, String operator, int limit) {
    return client
        .preparedQuery(ACCESS_LOG)
        .execute(Tuple.of(operator, limit))
        .map(
            rows -> {
              JsonArray entries = new JsonArray();
              rows.forEach(
                  row ->
                      entries.add(
                          new JsonObject()
                              .put("operator", row.getString("operator"))
                              .put("what", row.getString("what"))
                              .put("purpose", row.getString("purpose"))
                              .put("at", row.getOffsetDateTime("at").toInstant().toString())));
              return entries;
            });
  }
}
