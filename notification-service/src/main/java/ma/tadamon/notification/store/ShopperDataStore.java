package ma.tadamon.notification.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.notification.marketing.UnsubscribeLinks;

/**
 * What this service keeps about a signed-in shopper, for the export of her data (law 09-08's right
 * of access): the messages sent about her orders, her phone confirmations and her replies, and her
 * consents to news. Her orders are those her account placed (V8); nothing about another person's
 * order or contact is in it, the cooperatives' own messages included.
 */
public final class ShopperDataStore {

  private static final String ORDERS =
      """
      SELECT order_id, order_code, shopper_phone AS phone, shopper_email AS email
        FROM order_parts WHERE shopper_subject = $1
      UNION
      SELECT order_id, order_code, phone, NULL FROM phone_confirmations WHERE shopper_subject = $1
      """;
  private static final String MESSAGES =
      """
      SELECT order_id, channel, destination, template, body, status, created_at FROM notifications
      WHERE recipient_kind = 'SHOPPER' AND order_id = ANY($1) ORDER BY created_at
      """;
  private static final String CONFIRMATIONS =
      """
      SELECT order_id, order_code, phone, status, created_at, resolved_at FROM phone_confirmations
      WHERE order_id = ANY($1) ORDER BY created_at
      """;
  private static final String REPLIES =
      """
      SELECT order_id, sender, text, received_at FROM inbound_sms
      WHERE order_id = ANY($1) AND cooperative_id IS NULL ORDER BY received_at
      """;
  private static final String CONSENTS =
      """
      SELECT contact, channel, language, consent_version, consent_text, consented_at, withdrawn_at
      FROM marketing_consents WHERE contact = ANY($1) ORDER BY consented_at
      """;

  private final Pool pool;

  public ShopperDataStore(Pool pool) {
    this.pool = pool;
  }

  public Future<JsonObject> export(String subject) {
    return pool.withConnection(
        connection ->
            connection
                .preparedQuery(ORDERS)
                .execute(Tuple.of(subject))
                .compose(
                    orders -> {
                      Set<UUID> ids = new LinkedHashSet<>();
                      Set<String> contacts = new LinkedHashSet<>();
                      for (Row row : orders) {
                        ids.add(row.getUUID("order_id"));
                        addContact(contacts, row.getString("phone"));
                        String email = row.getString("email");
                        if (email != null) {
                          contacts.add(email);
                          contacts.add(UnsubscribeLinks.normalized(email));
                        }
                      }
                      Tuple byOrder = Tuple.of((Object) ids.toArray(new UUID[0]));
                      JsonObject export = new JsonObject();
                      return connection
                          .preparedQuery(MESSAGES)
                          .execute(byOrder)
                          .map(rows -> export.put("messages", json(rows)))
                          .compose(v -> connection.preparedQuery(CONFIRMATIONS).execute(byOrder))
                          .map(rows -> export.put("phoneConfirmations", json(rows)))
                          .compose(v -> connection.preparedQuery(REPLIES).execute(byOrder))
                          .map(rows -> export.put("smsReplies", json(rows)))
                          .compose(
                              v ->
                                  connection
                                      .preparedQuery(CONSENTS)
                                      .execute(Tuple.of((Object) contacts.toArray(new String[0]))))
                          .map(rows -> export.put("marketingConsents", json(rows)));
                    }));
  }

  private static void addContact(Set<String> contacts, String phone) {
    // An anonymised order's phone is a dash: nobody's.
    if (phone != null && !phone.equals("—")) {
      contacts.add(phone);
    }
  }

  /** Rows as JSON objects, columns in camelCase, times as ISO-8601. */
  private static JsonArray json(RowSet<Row> rows) {
    List<String> columns = rows.columnsNames();
    JsonArray items = new JsonArray();
    for (Row row : rows) {
      JsonObject item = new JsonObject();
      for (int i = 0; i < columns.size(); i++) {
        Object value = row.getValue(i);
        item.put(
            camelCase(columns.get(i)),
            value instanceof OffsetDateTime time
                ? time.toInstant().toString()
                : value instanceof UUID id ? id.toString() : value);
      }
      items.add(item);
    }
    return items;
  }

  private static String camelCase(String column) {
    StringBuilder name = new StringBuilder();
    boolean upper = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        name.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return name.toString();
  }
}
