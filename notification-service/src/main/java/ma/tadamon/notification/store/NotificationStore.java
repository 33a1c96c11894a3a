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
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.CooperativeContact;
import ma.tadamon.notification.domain.Notification;
import ma.tadamon.notification.domain.ShopperContact;

/**
 * Cooperative contacts (read model of the catalog) and notifications, in the notifications schema.
 */
public final class NotificationStore {

  private static final String UPSERT_CONTACT =
      """
      INSERT INTO cooperative_contacts (id, name, phone, email, preferred_language, notification_channels, as_of, seller)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, phone = EXCLUDED.phone, email = EXCLUDED.email,
        preferred_language = EXCLUDED.preferred_language, notification_channels = EXCLUDED.notification_channels,
        as_of = EXCLUDED.as_of, seller = EXCLUDED.seller
      WHERE cooperative_contacts.as_of <= EXCLUDED.as_of
      """;
  private static final String CONTACTS = "SELECT * FROM cooperative_contacts WHERE id = ANY($1)";
  private static final String UPSERT_PHOTO =
      """
      INSERT INTO product_photos (product_id, photo_key, as_of) VALUES ($1, $2, $3)
      ON CONFLICT (product_id) DO UPDATE SET photo_key = EXCLUDED.photo_key, as_of = EXCLUDED.as_of
      WHERE product_photos.as_of <= EXCLUDED.as_of
      """;
  private static final String PHOTOS =
      "SELECT product_id, photo_key FROM product_photos WHERE product_id = ANY($1)"
          + " AND photo_key IS NOT NULL";
  private static final String CONTACT_BY_PHONE =
      "SELECT * FROM cooperative_contacts WHERE phone = $1";
  // Many rows in one statement: a batch of confirmed orders writes its parts at once.
  private static final String SAVE_ORDER_PARTS =
      """
      INSERT INTO order_parts (order_code, order_id, cooperative_id, shopper_phone, shopper_email, language,
                               shopper_subject)
      SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[])
      ON CONFLICT (order_code, cooperative_id) DO NOTHING
      """;
  private static final String ORDER_PARTS = "SELECT * FROM order_parts WHERE order_id = $1";
  private static final String ORDER_PART =
      "SELECT * FROM order_parts WHERE order_code = $1 AND cooperative_id = $2";
  private static final String WEBHOOKS =
      """
      SELECT cooperative_id, webhook_url FROM cooperative_preferences
      WHERE cooperative_id = ANY($1) AND webhook_url IS NOT NULL
      """;
  private static final String INSERT =
      """
      INSERT INTO notifications (id, event_id, order_id, recipient_kind, recipient_id, channel, destination, language,
                                 template, subject, body)
      SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[],
                           $8::text[], $9::text[], $10::text[], $11::text[])
      ON CONFLICT (event_id, recipient_kind, recipient_id, channel) DO NOTHING
      """;
  private static final String FOR_COOPERATIVE =
      """
      SELECT * FROM notifications WHERE recipient_kind = 'COOPERATIVE' AND recipient_id = $1
      ORDER BY created_at DESC LIMIT $2
      """;
  private static final String WITH_STATUS =
      "SELECT * FROM notifications WHERE status = $1 ORDER BY updated_at DESC LIMIT $2";
  private static final String FOR_ORDER =
      "SELECT * FROM notifications WHERE order_id = $1 ORDER BY created_at, id";

  private final Pool pool;

  public NotificationStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> saveContact(SqlConnection tx, CooperativeState coop, Instant asOf) {
    return tx.preparedQuery(UPSERT_CONTACT)
        .execute(
            Tuple.of(
                coop.id(),
                new JsonObject(Map.copyOf(coop.name())),
                coop.phone(),
                coop.email(),
                coop.preferredLanguage(),
                coop.notificationChannels().toArray(new String[0]),
                asOf.atOffset(ZoneOffset.UTC),
                coop.seller() == null ? null : JsonObject.mapFrom(coop.seller())))
        .mapEmpty();
  }

  /**
   * A product's main photo as of an event ({@code photoKey} null: it has none); the newest wins.
   */
  public Future<Void> saveMainPhoto(
      SqlConnection tx, UUID productId, String photoKey, Instant asOf) {
    return tx.preparedQuery(UPSERT_PHOTO)
        .execute(Tuple.of(productId, photoKey, asOf.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** The main photos' keys of those products that have one. */
  public Future<Map<UUID, String>> mainPhotos(SqlConnection tx, List<UUID> productIds) {
    return tx.preparedQuery(PHOTOS)
        .execute(Tuple.of(productIds.toArray(new UUID[0])))
        .map(
            rows -> {
              Map<UUID, String> keys = new HashMap<>();
              rows.forEach(row -> keys.put(row.getUUID("product_id"), row.getString("photo_key")));
              return keys;
            });
  }

  public Future<Map<UUID, CooperativeContact>> contacts(SqlConnection tx, List<UUID> ids) {
    return tx.preparedQuery(CONTACTS)
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .map(
            rows -> {
              Map<UUID, CooperativeContact> contacts = new HashMap<>();
              rows.forEach(row -> contacts.put(row.getUUID("id"), contact(row)));
              return contacts;
            });
  }

  private static CooperativeContact contact(Row row) {
    JsonObject seller = row.getJsonObject("seller");
    Map<String, String> name = new HashMap<>();
    row.getJsonObject("name")
        .forEach(entry -> name.put(entry.getKey(), String.valueOf(entry.getValue())));
    List<Channel> channels =
        Arrays.stream(row.getArrayOfStrings("notification_channels"))
            .flatMap(channel -> Channel.fromSetting(channel).stream())
            .toList();
    return new CooperativeContact(
        row.getUUID("id"),
        name,
        row.getString("phone"),
        row.getString("email"),
        row.getString("preferred_language"),
        channels,
        seller == null ? null : seller.mapTo(CooperativeState.Seller.class));
  }

  /** The cooperative whose registered phone this is, if any. */
  public Future<Optional<CooperativeContact>> contactByPhone(SqlConnection tx, String phone) {
    return tx.preparedQuery(CONTACT_BY_PHONE)
        .execute(Tuple.of(phone))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(contact(rows.iterator().next())));
  }

  /**
   * Remembers, from orders' confirmations, each part's order code and cooperative and how to reach
   * its shopper.
   */
  public Future<Void> saveOrderParts(SqlConnection tx, List<OrderPart> parts) {
    if (parts.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(SAVE_ORDER_PARTS)
        .execute(
            Tuple.of(
                parts.stream().map(part -> part.shopper().orderCode()).toArray(String[]::new),
                parts.stream().map(part -> part.shopper().orderId()).toArray(UUID[]::new),
                parts.stream().map(OrderPart::cooperativeId).toArray(UUID[]::new),
                parts.stream().map(part -> part.shopper().phone()).toArray(String[]::new),
                parts.stream().map(part -> part.shopper().email()).toArray(String[]::new),
                parts.stream().map(part -> part.shopper().language()).toArray(String[]::new),
                parts.stream().map(OrderPart::shopperSubject).toArray(String[]::new)))
        .mapEmpty();
  }

  /** A cooperative's part of a confirmed order, and the order's shopper. */
  public record OrderPart(UUID cooperativeId, ShopperContact shopper, String shopperSubject) {}

  /** The order's shopper and its cooperatives, when its confirmation was heard here. */
  public Future<Optional<OrderParts>> orderParts(SqlConnection tx, UUID orderId) {
    return tx.preparedQuery(ORDER_PARTS)
        .execute(Tuple.of(orderId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row first = rows.iterator().next();
              List<UUID> cooperatives = new ArrayList<>();
              rows.forEach(row -> cooperatives.add(row.getUUID("cooperative_id")));
              return Optional.of(
                  new OrderParts(
                      new ShopperContact(
                          orderId,
                          first.getString("order_code"),
                          first.getString("shopper_phone"),
                          first.getString("shopper_email"),
                          first.getString("language")),
                      cooperatives));
            });
  }

  /** The order a code names, when {@code cooperative} has a part of it. */
  public Future<Optional<UUID>> orderOfCooperative(
      SqlConnection tx, String code, UUID cooperative) {
    return tx.preparedQuery(ORDER_PART)
        .execute(Tuple.of(code, cooperative))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID("order_id")));
  }

  /** Cooperatives' webhook addresses, for those that registered one. */
  public Future<Map<UUID, String>> webhooks(SqlConnection tx, List<UUID> cooperatives) {
    return tx.preparedQuery(WEBHOOKS)
        .execute(Tuple.of(cooperatives.toArray(new UUID[0])))
        .map(
            rows -> {
              Map<UUID, String> found = new HashMap<>();
              rows.forEach(
                  row -> found.put(row.getUUID("cooperative_id"), row.getString("webhook_url")));
              return found;
            });
  }

  /** An order's shopper and cooperatives. */
  public record OrderParts(ShopperContact shopper, List<UUID> cooperatives) {}

  /** Records notifications as PENDING, in one statement; one already recorded is left as it is. */
  public Future<Void> record(SqlConnection tx, List<Notification> notifications) {
    if (notifications.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                List.<Object>of(
                    notifications.stream().map(Notification::id).toArray(UUID[]::new),
                    notifications.stream().map(Notification::eventId).toArray(UUID[]::new),
                    notifications.stream().map(Notification::orderId).toArray(UUID[]::new),
                    notifications.stream()
                        .map(n -> n.recipientKind().name())
                        .toArray(String[]::new),
                    notifications.stream().map(Notification::recipientId).toArray(String[]::new),
                    notifications.stream().map(n -> n.channel().name()).toArray(String[]::new),
                    notifications.stream().map(Notification::destination).toArray(String[]::new),
                    notifications.stream().map(Notification::language).toArray(String[]::new),
                    notifications.stream().map(Notification::template).toArray(String[]::new),
                    notifications.stream().map(Notification::subject).toArray(String[]::new),
                    notifications.stream().map(Notification::body).toArray(String[]::new))))
        .mapEmpty();
  }

  public Future<List<JsonObject>> forCooperative(UUID cooperative, int limit) {
    return pool.preparedQuery(FOR_COOPERATIVE)
        .execute(Tuple.of(cooperative.toString(), limit))
        .map(rows -> toJson(rows));
  }

  /** For operators: e.g. every DEAD notification, newest first. */
  public Future<List<JsonObject>> withStatus(String status, int limit) {
    return pool.preparedQuery(WITH_STATUS)
        .execute(Tuple.of(status, limit))
        .map(rows -> toJson(rows));
  }

  public Future<List<JsonObject>> forOrder(UUID order) {
    return pool.preparedQuery(FOR_ORDER).execute(Tuple.of(order)).map(rows -> toJson(rows));
  }

  private static List<JsonObject> toJson(Iterable<Row> rows) {
    List<JsonObject> all = new ArrayList<>();
    rows.forEach(
        row ->
            all.add(
                new JsonObject()
                    .put("id", row.getUUID("id").toString())
                    .put(
                        "orderId",
                        row.getUUID("order_id") == null ? null : row.getUUID("order_id").toString())
                    .put("recipientKind", row.getString("recipient_kind"))
                    .put("recipientId", row.getString("recipient_id"))
                    .put("channel", row.getString("channel"))
                    .put("language", row.getString("language"))
                    .put("template", row.getString("template"))
                    .put("body", row.getString("body"))
                    .put("status", row.getString("status"))
                    .put("attempts", row.getInteger("attempts"))
                    .put("lastError", row.getString("last_error"))
                    .put(
                        "nextAttemptAt",
                        row.getOffsetDateTime("next_attempt_at").toInstant().toString())
                    .put(
                        "sentAt",
                        row.getOffsetDateTime("sent_at") == null
                            ? null
                            : row.getOffsetDateTime("sent_at").toInstant().toString())
                    .put(
                        "deliveredAt",
                        row.getOffsetDateTime("delivered_at") == null
                            ? null
                            : row.getOffsetDateTime("delivered_at").toInstant().toString())
                    .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())));
    return all;
  }
}
