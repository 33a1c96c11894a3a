package ma.tadamon.notification.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.CooperativeContact;
import ma.tadamon.notification.domain.Notification;

/** Cooperative contacts (read model of the catalog) and notifications, in the notifications schema. */
public final class NotificationStore {

  private static final String UPSERT_CONTACT = """
      INSERT INTO cooperative_contacts (id, name, phone, email, preferred_language, notification_channels, as_of)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, email = EXCLUDED.email,
        preferred_language = EXCLUDED.preferred_language, notification_channels = EXCLUDED.notification_channels,
        as_of = EXCLUDED.as_of
      WHERE cooperative_contacts.as_of <= EXCLUDED.as_of
      """;
  private static final String CONTACTS = "SELECT * FROM cooperative_contacts WHERE id = ANY($1)";
  private static final String INSERT = """
      INSERT INTO notifications (id, event_id, order_id, recipient_kind, recipient_id, channel, destination, language,
                                 template, body)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      ON CONFLICT (event_id, recipient_kind, recipient_id, channel) DO NOTHING
      """;
  private static final String FOR_COOPERATIVE = """
      SELECT * FROM notifications WHERE recipient_kind = 'COOPERATIVE' AND recipient_id = $1
      ORDER BY created_at DESC LIMIT $2
      """;
  private static final String FOR_ORDER = "SELECT * FROM notifications WHERE order_id = $1 ORDER BY created_at, id";

  private final Pool pool;

  public NotificationStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> saveContact(SqlConnection tx, CooperativeState coop, Instant asOf) {
    return tx.preparedQuery(UPSERT_CONTACT).execute(Tuple.of(coop.id(), new JsonObject(Map.copyOf(coop.name())),
        coop.phone(), coop.email(), coop.preferredLanguage(), coop.notificationChannels().toArray(new String[0]),
        asOf.atOffset(ZoneOffset.UTC))).mapEmpty();
  }

  public Future<Map<UUID, CooperativeContact>> contacts(SqlConnection tx, List<UUID> ids) {
    return tx.preparedQuery(CONTACTS).execute(Tuple.of(ids.toArray(new UUID[0]))).map(rows -> {
      Map<UUID, CooperativeContact> contacts = new HashMap<>();
      rows.forEach(row -> {
        Map<String, String> name = new HashMap<>();
        row.getJsonObject("name").forEach(entry -> name.put(entry.getKey(), String.valueOf(entry.getValue())));
        List<Channel> channels = Arrays.stream(row.getArrayOfStrings("notification_channels"))
            .flatMap(channel -> Channel.fromSetting(channel).stream()).toList();
        contacts.put(row.getUUID("id"), new CooperativeContact(row.getUUID("id"), name, row.getString("phone"),
            row.getString("email"), row.getString("preferred_language"), channels));
      });
      return contacts;
    });
  }

  public Future<Void> record(SqlConnection tx, List<Notification> notifications) {
    List<Tuple> rows = notifications.stream().map(n -> Tuple.from(Arrays.asList(n.id(), n.eventId(), n.orderId(),
        n.recipientKind().name(), n.recipientId(), n.channel().name(), n.destination(), n.language(), n.template(),
        n.body()))).toList();
    return rows.isEmpty() ? Future.succeededFuture() : tx.preparedQuery(INSERT).executeBatch(rows).mapEmpty();
  }

  public Future<List<JsonObject>> forCooperative(UUID cooperative, int limit) {
    return pool.preparedQuery(FOR_COOPERATIVE).execute(Tuple.of(cooperative.toString(), limit))
        .map(rows -> toJson(rows));
  }

  public Future<List<JsonObject>> forOrder(UUID order) {
    return pool.preparedQuery(FOR_ORDER).execute(Tuple.of(order)).map(rows -> toJson(rows));
  }

  private static List<JsonObject> toJson(Iterable<Row> rows) {
    List<JsonObject> all = new ArrayList<>();
    rows.forEach(row -> all.add(new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("orderId", row.getUUID("order_id") == null ? null : row.getUUID("order_id").toString())
        .put("recipientKind", row.getString("recipient_kind"))
        .put("recipientId", row.getString("recipient_id"))
        .put("channel", row.getString("channel"))
        .put("language", row.getString("language"))
        .put("template", row.getString("template"))
        .put("body", row.getString("body"))
        .put("status", row.getString("status"))
        .put("attempts", row.getInteger("attempts"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())));
    return all;
  }
}
