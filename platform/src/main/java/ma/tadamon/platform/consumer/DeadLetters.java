package ma.tadamon.platform.consumer;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;

/**
 * What a service's consumers gave up on, for operators: the event, where it sat in Kafka and why it
 * failed. The payload stays in the table and in {@code <topic>.dlq} for replay; it is not listed,
 * since events can carry shoppers' contacts.
 */
public final class DeadLetters {

  private static final String RECENT =
      """
      SELECT id, consumer, topic, kafka_partition, kafka_offset, event_id, event_type, error, created_at
      FROM dead_letters ORDER BY id DESC LIMIT 100
      """;

  private DeadLetters() {}

  /**
   * {@code GET <prefix>/ops/dead-letters}, operators only; {@code prefix} is the service's API
   * path.
   */
  public static void mount(Router router, String prefix, Pool pool, Authentication authentication) {
    authentication
        .protect(router.get(prefix + "/ops/dead-letters"), Role.OPERATOR)
        .handler(
            ctx ->
                pool.preparedQuery(RECENT)
                    .execute(Tuple.tuple())
                    .onSuccess(
                        rows -> {
                          JsonArray items = new JsonArray();
                          for (Row row : rows) {
                            items.add(
                                new JsonObject()
                                    .put("id", row.getLong("id"))
                                    .put("consumer", row.getString("consumer"))
                                    .put("topic", row.getString("topic"))
                                    .put("partition", row.getInteger("kafka_partition"))
                                    .put("offset", row.getLong("kafka_offset"))
                                    .put(
                                        "eventId",
                                        row.getUUID("event_id") == null
                                            ? null
                                            : row.getUUID("event_id").toString())
                                    .put("eventType", row.getString("event_type"))
                                    .put("error", row.getString("error"))
                                    .put(
                                        "at",
                                        row.getOffsetDateTime("created_at")
                                            .toInstant()
                                            .toString()));
                          }
                          JsonResponses.send(ctx, 200, new JsonObject().put("items", items));
                        })
                    .onFailure(ctx::fail));
  }
}
