package ma.tadamon.platform;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.events.inventory.StockRejected;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.consumer.ConsumerSettings;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.consumer.IdempotentConsumer;
import ma.tadamon.platform.consumer.ProcessedMarks;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.outbox.Outbox;
import ma.tadamon.platform.outbox.OutboxRelay;
import ma.tadamon.platform.outbox.OutboxSettings;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The outbox and the idempotent consumer together, on real Kafka and PostgreSQL: what commits is
 * published, what rolls back never is, a redelivered event has its effect once, and a poison event
 * goes to the dead-letter topic without stopping the events behind it, and the marks of applied
 * events are purged once past their retention.
 */
@ExtendWith(VertxExtension.class)
class ReliableMessagingTest {

  private static final String SCHEMA = "messaging_test";
  private static final String POISON = "poison";
  private static Pool pool;
  private static Settings settings;
  private static KafkaSettings kafka;
  private static final List<String> handledInThisJvm = new ArrayList<>();
  private static final MeterRegistry metrics = new SimpleMeterRegistry();
  private static String consumerName;

  @BeforeAll
  static void startRelayAndConsumer(Vertx vertx) {
    settings = TestPlatform.settings();
    PostgresSettings pg = PostgresSettings.from(settings);
    kafka = KafkaSettings.from(settings, "messaging-test");
    await(Database.migrate(vertx, pg, SCHEMA), 60);
    pool = Database.pool(vertx, pg, SCHEMA, "messaging-test");
    await(
        pool.query(
                "CREATE TABLE IF NOT EXISTS reservations_seen (order_id uuid NOT NULL, event_id uuid NOT NULL)")
            .execute(),
        10);

    EventHandlers handlers =
        new EventHandlers()
            .on(
                StockReserved.class,
                (event, envelope, tx) -> {
                  handledInThisJvm.add(event.orderId().toString());
                  return tx.preparedQuery(
                          "INSERT INTO reservations_seen (order_id, event_id) VALUES ($1, $2)")
                      .execute(Tuple.of(event.orderId(), envelope.id()))
                      .mapEmpty();
                })
            .on(
                StockRejected.class,
                (event, envelope, tx) ->
                    Future.failedFuture(
                        new IllegalStateException(POISON + " for order " + event.orderId())));

    await(
        vertx.deployVerticle(
            new OutboxRelay(
                pool,
                new Outbox(new EventMapper("/messaging-test")),
                SCHEMA,
                kafka,
                new OutboxSettings(200, 100),
                metrics)),
        30);
    consumerName = "messaging-test." + UUID.randomUUID();
    await(
        vertx.deployVerticle(
            new IdempotentConsumer(
                consumerName,
                Set.of(Topics.INVENTORY_EVENTS),
                handlers,
                pool,
                kafka,
                ConsumerSettings.from(settings),
                metrics,
                OpenTelemetry.noop().getTracer("messaging-test"))),
        30);
  }

  @AfterAll
  static void closePool() {
    await(pool.close(), 10);
  }

  @Test
  void an_event_written_in_a_committed_transaction_is_published_and_applied_once() {
    UUID order = UUID.randomUUID();
    Outbox outbox = new Outbox(new EventMapper("/messaging-test"));

    await(
        pool.withTransaction(
            tx -> outbox.append(tx, Topics.INVENTORY_EVENTS, new StockReserved(order))),
        10);

    await().atMost(Duration.ofSeconds(30)).until(() -> timesApplied(order) == 1);
    assertThat(unpublishedRows()).isZero();
    assertThat(metrics.get("tadamon.outbox.published").counter().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void an_event_written_in_a_rolled_back_transaction_is_never_published() {
    UUID rolledBack = UUID.randomUUID();
    UUID committedAfter = UUID.randomUUID();
    Outbox outbox = new Outbox(new EventMapper("/messaging-test"));

    Future<Void> failed =
        pool.withTransaction(
            tx ->
                outbox
                    .append(tx, Topics.INVENTORY_EVENTS, new StockReserved(rolledBack))
                    .compose(v -> Future.failedFuture("the business rule said no")));
    await(failed.otherwiseEmpty(), 10);
    await(
        pool.withTransaction(
            tx -> outbox.append(tx, Topics.INVENTORY_EVENTS, new StockReserved(committedAfter))),
        10);

    // The later event arrives on the same consumer: had the first one been published, it would be
    // there too.
    await().atMost(Duration.ofSeconds(30)).until(() -> timesApplied(committedAfter) == 1);
    assertThat(timesApplied(rolledBack)).isZero();
  }

  @Test
  void a_redelivered_event_changes_nothing(Vertx vertx) {
    UUID order = UUID.randomUUID();
    EventEnvelope envelope = new EventMapper("/messaging-test").envelope(new StockReserved(order));

    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, kafka.producer());
    for (int delivery = 0; delivery < 3; delivery++) {
      send(producer, order, envelope);
    }
    UUID marker = UUID.randomUUID();
    send(producer, order, new EventMapper("/messaging-test").envelope(new StockReserved(marker)));
    await(producer.close(), 10);

    // Same key, same partition, in order: once the marker is applied, all three copies were seen.
    await().atMost(Duration.ofSeconds(30)).until(() -> timesApplied(marker) == 1);
    assertThat(timesApplied(order)).isEqualTo(1);
    assertThat(consumed(StockReserved.class, "duplicate")).isGreaterThanOrEqualTo(2);
  }

  @Test
  void a_poison_event_goes_to_the_dead_letter_topic_and_the_partition_moves_on(Vertx vertx) {
    UUID poisoned = UUID.randomUUID();
    UUID behind = UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    EventMapper mapper = new EventMapper("/messaging-test");

    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, kafka.producer());
    send(producer, key, "this is not an event");
    send(
        producer, key, EventMapper.toJson(mapper.envelope(new StockRejected(poisoned, List.of()))));
    send(producer, key, EventMapper.toJson(mapper.envelope(new StockReserved(behind))));
    await(producer.close(), 10);

    await().atMost(Duration.ofSeconds(30)).until(() -> timesApplied(behind) == 1);
    List<Row> dead =
        rows(
            "SELECT event_type, error FROM dead_letters WHERE payload LIKE '%"
                + poisoned
                + "%'"
                + " OR payload = 'this is not an event' ORDER BY id");
    assertThat(dead)
        .extracting(row -> row.getString("event_type"))
        .contains(null, EventMapper.typeOf(StockRejected.class));
    assertThat(dead)
        .extracting(row -> row.getString("error"))
        .anyMatch(error -> error.contains(POISON));
    assertThat(consumed(StockRejected.class, "dead-lettered")).isGreaterThanOrEqualTo(1);
    assertThat(
            metrics
                .get("tadamon.events.consumed")
                .tag("type", "unreadable")
                .tag("outcome", "dead-lettered")
                .counter()
                .count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void an_event_of_a_type_no_handler_takes_is_passed_over_unread(Vertx vertx) {
    String unheardOf = "ma.tadamon.test.unheard-of.v1";
    String unread = UUID.randomUUID().toString();
    UUID behind = UUID.randomUUID();
    String key = UUID.randomUUID().toString();

    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, kafka.producer());
    // Without an id it is no envelope at all: read, it would go to the dead-letter topic.
    send(
        producer,
        key,
        "{\"data\": {\"note\": \"" + unread + "\"}, \"type\": \"" + unheardOf + "\"}");
    send(
        producer,
        key,
        EventMapper.toJson(new EventMapper("/messaging-test").envelope(new StockReserved(behind))));
    await(producer.close(), 10);

    await().atMost(Duration.ofSeconds(30)).until(() -> timesApplied(behind) == 1);
    assertThat(rows("SELECT id FROM dead_letters WHERE payload LIKE '%" + unread + "%'")).isEmpty();
    assertThat(
            metrics
                .get("tadamon.events.consumed")
                .tag("type", unheardOf)
                .tag("outcome", "ignored")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void marks_past_their_retention_are_purged_and_a_recent_one_still_skips_a_redelivery(
      Vertx vertx) {
    EventMapper mapper = new EventMapper("/messaging-test");
    UUID order = UUID.randomUUID();
    EventEnvelope applied = mapper.envelope(new StockReserved(order));
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, kafka.producer());
    send(producer, order, applied);
    await().atMost(Duration.ofSeconds(30)).until(() -> timesApplied(order) == 1);
    // As a consumer running for months has them: this consumer's marks of three weeks ago, more
    // than one purging transaction's worth, one of thirteen days, and another consumer's as old.
    String otherConsumer = "messaging-test.other." + UUID.randomUUID();
    insertMarks(consumerName, 10_005, 21);
    insertMarks(consumerName, 1, 13);
    insertMarks(otherConsumer, 3, 21);

    long purged = await(ProcessedMarks.purge(pool, consumerName, Duration.ofDays(14)), 60);

    assertThat(purged).isEqualTo(10_005);
    assertThat(marksOlderThanDays(consumerName, 14)).isZero();
    assertThat(marksOlderThanDays(consumerName, 12)).isOne();
    assertThat(marksOlderThanDays(otherConsumer, 14)).isEqualTo(3);
    // The recent mark stayed: the event delivered again is skipped.
    UUID marker = UUID.randomUUID();
    send(producer, order, applied);
    send(producer, order, mapper.envelope(new StockReserved(marker)));
    await(producer.close(), 10);
    await().atMost(Duration.ofSeconds(30)).until(() -> timesApplied(marker) == 1);
    assertThat(timesApplied(order)).isEqualTo(1);
  }

  private static void send(
      KafkaProducer<String, String> producer, UUID order, EventEnvelope envelope) {
    send(producer, order.toString(), EventMapper.toJson(envelope));
  }

  private static void send(KafkaProducer<String, String> producer, String key, String value) {
    await(producer.send(KafkaProducerRecord.create(Topics.INVENTORY_EVENTS, key, value)), 10);
  }

  private static void insertMarks(String consumer, int count, int daysAgo) {
    await(
        pool.preparedQuery(
                """
                INSERT INTO processed_events (consumer, event_id, event_type, processed_at)
                SELECT $1, gen_random_uuid(), 'test', now() - make_interval(days => $3)
                FROM generate_series(1, $2)
                """)
            .execute(Tuple.of(consumer, count, daysAgo)),
        30);
  }

  private static long marksOlderThanDays(String consumer, int days) {
    return await(
            pool.preparedQuery(
                    """
                    SELECT count(*) FROM processed_events
                    WHERE consumer = $1 AND processed_at < now() - make_interval(days => $2)
                    """)
                .execute(Tuple.of(consumer, days)),
            10)
        .iterator()
        .next()
        .getLong(0);
  }

  private static double consumed(Class<? extends IntegrationEvent> type, String outcome) {
    return metrics
        .get("tadamon.events.consumed")
        .tag("consumer", consumerName)
        .tag("type", EventMapper.typeOf(type))
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private static long timesApplied(UUID order) {
    return countRows("SELECT count(*) FROM reservations_seen WHERE order_id = '" + order + "'");
  }

  private static long unpublishedRows() {
    return countRows("SELECT count(*) FROM outbox");
  }

  private static long countRows(String sql) {
    return await(pool.query(sql).execute(), 10).iterator().next().getLong(0);
  }

  private static List<Row> rows(String sql) {
    List<Row> rows = new ArrayList<>();
    await(pool.query(sql).execute(), 10).forEach(rows::add);
    return rows;
  }
}
