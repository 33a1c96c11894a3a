package ma.tadamon.platform;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.outbox.Outbox;
import ma.tadamon.platform.outbox.OutboxRelay;
import ma.tadamon.platform.outbox.OutboxSettings;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A relay's pass deletes the rows it takes before Kafka has them: only its commit, once Kafka has
 * acknowledged every record, makes that final. Here Kafka refuses a record (larger than a request
 * may be), and the pass must leave its rows in the outbox, the record it refused and the one Kafka
 * took before it alike, for the next pass.
 */
@ExtendWith(VertxExtension.class)
class OutboxRefusedTest {

  private static final String SCHEMA = "outbox_refused_test";
  // Over the producer's largest request (1 MiB by default): refused before it leaves the client.
  private static final int TOO_LARGE = 2 * 1024 * 1024;
  private static Pool pool;
  private static OutboxRelay relay;

  @BeforeAll
  static void startRelay(Vertx vertx) {
    PostgresSettings pg = PostgresSettings.from(TestPlatform.settings());
    await(Database.migrate(vertx, pg, SCHEMA), 60);
    pool = Database.pool(vertx, pg, SCHEMA, "outbox-refused-test");
    relay =
        new OutboxRelay(
            pool,
            new Outbox(new EventMapper("/outbox-refused-test")),
            SCHEMA,
            KafkaSettings.from(TestPlatform.settings(), "outbox-refused-test"),
            new OutboxSettings(Duration.ofHours(1).toMillis(), 10),
            new SimpleMeterRegistry());
    await(vertx.deployVerticle(relay), 30);
  }

  @AfterAll
  static void close() {
    await(pool.close(), 10);
  }

  @Test
  void a_pass_kafka_refuses_leaves_every_row_it_took_for_the_next(Vertx vertx) {
    UUID order = UUID.randomUUID();
    EventEnvelope taken =
        new EventMapper("/outbox-refused-test").envelope(new StockReserved(order));
    try (TopicProbe probe = TopicProbe.watch(vertx, Topics.INVENTORY_EVENTS)) {
      await(
          pool.withTransaction(
              tx ->
                  tx.preparedQuery(
                          "INSERT INTO outbox (event_id, topic, message_key, event_type, payload)"
                              + " VALUES ($1, $2, $3, $4, $5), ($6, $2, $3, $4, repeat('x', $7))")
                      .execute(
                          Tuple.tuple()
                              .addUUID(taken.id())
                              .addString(Topics.INVENTORY_EVENTS)
                              .addString(taken.subject())
                              .addString(taken.type())
                              .addString(EventMapper.toJson(taken))
                              .addUUID(UUID.randomUUID())
                              .addInteger(TOO_LARGE))),
          10);

      // The commit has woken the relay too: a pass that finds the lock taken publishes nothing and
      // succeeds, so passes are tried until one has taken the rows and failed.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> await(relay.drain().map(false).otherwise(true), 30));

      assertThat(probe.awaitEnvelope(taken.id()).subject()).isEqualTo(order.toString());
      assertThat(
              await(pool.query("SELECT count(*) FROM outbox").execute(), 10)
                  .iterator()
                  .next()
                  .getLong(0))
          .as("both rows, though Kafka has the first")
          .isEqualTo(2);
    } finally {
      await(pool.query("DELETE FROM outbox").execute(), 10);
    }
  }
}
