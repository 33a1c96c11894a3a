package ma.tadamon.platform;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.consumer.ConsumerSettings;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.consumer.IdempotentConsumer;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.observability.TraceHeaders;
import ma.tadamon.platform.testing.TestPlatform;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The idempotent consumer applying a poll's records in batches, on real Kafka and PostgreSQL. Each
 * test writes its events first and only then starts a consumer group of its own, so that one poll
 * brings them all and they are applied in batches. The handler records the transaction each event
 * was applied in, which shows whether batches happened.
 */
@ExtendWith(VertxExtension.class)
class BatchedConsumerTest {

  private static final String SCHEMA = "batch_test";
  private static final int BATCH_SIZE = 50;

  private static Vertx vertx;
  private static Pool pool;
  private static Settings settings;
  private static KafkaSettings kafka;
  private static final MeterRegistry metrics = new SimpleMeterRegistry();

  /** Orders whose every event fails, as a bug or bad data would make it. */
  private static final Set<UUID> poisoned = ConcurrentHashMap.newKeySet();

  /** Orders whose events fail while their database is gone, and how often they failed so. */
  private static final Set<UUID> unavailable = ConcurrentHashMap.newKeySet();

  private static final AtomicInteger refusedWhileUnavailable = new AtomicInteger();

  /**
   * Orders whose events are applied only once they are no longer held, and those that got there.
   */
  private static final Set<UUID> held = ConcurrentHashMap.newKeySet();

  private static final Set<UUID> reached = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start(Vertx testVertx) {
    vertx = testVertx;
    settings = TestPlatform.settings();
    PostgresSettings pg = PostgresSettings.from(settings);
    kafka = KafkaSettings.from(settings, "batch-test");
    await(Database.migrate(vertx, pg, SCHEMA), 60);
    pool = Database.pool(vertx, pg, SCHEMA, "batch-test");
    await(
        pool.query(
                """
                CREATE TABLE IF NOT EXISTS applied (
                  seq bigserial PRIMARY KEY,
                  order_id uuid NOT NULL,
                  event_id uuid NOT NULL,
                  transaction_id bigint NOT NULL,
                  trace_parent text,
                  call_id uuid)
                """)
            .execute(),
        10);
  }

  @AfterAll
  static void stop() {
    await(pool.close(), 10);
  }

  @Test
  void each_orders_events_are_applied_in_the_order_they_were_published() throws Exception {
    Map<UUID, List<UUID>> published = new LinkedHashMap<>();
    List<EventEnvelope> interleaved = new ArrayList<>();
    List<UUID> orders = new ArrayList<>();
    for (int order = 0; order < 20; order++) {
      orders.add(UUID.randomUUID());
    }
    for (int step = 0; step < 10; step++) {
      for (UUID order : orders) {
        EventEnvelope event = envelope(order);
        published.computeIfAbsent(order, o -> new ArrayList<>()).add(event.id());
        interleaved.add(event);
      }
    }
    String group = "batch-test.order." + UUID.randomUUID();
    startFromNow(group);
    publish(interleaved);

    String consumer = startConsumer(group);
    await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(orders) == 200);

    Map<UUID, List<UUID>> applied = appliedInOrder(orders);
    assertThat(applied).isEqualTo(published);
    assertThat(transactions(orders))
        .as("two hundred events in a few transactions, not one each")
        .isLessThanOrEqualTo(200 / 10);
    // What a handler writes (outbox rows among it) carries on the trace of its own event.
    for (Row row :
        await(
            pool.preparedQuery(
                    "SELECT event_id, trace_parent FROM applied WHERE order_id = ANY($1)")
                .execute(Tuple.of(orders.toArray(UUID[]::new))),
            10)) {
      assertThat(row.getString("trace_parent")).contains(hex(row.getUUID("event_id")));
    }
    undeploy(consumer);
  }

  @ParameterizedTest(name = "a handler of {0}")
  @EnumSource(Handling.class)
  void a_poisonous_event_goes_to_the_dead_letter_topic_alone_and_its_batch_mates_are_applied(
      Handling handling) throws Exception {
    UUID order = UUID.randomUUID();
    UUID poison = UUID.randomUUID();
    poisoned.add(poison);
    List<EventEnvelope> before = List.of(envelope(order), envelope(order));
    EventEnvelope poisonous = envelopeKeyed(poison, order);
    List<EventEnvelope> after = List.of(envelope(order), envelope(order));
    List<EventEnvelope> all = new ArrayList<>(before);
    all.add(poisonous);
    // Other orders' events right after it, which a handler of many gets in the same call as the
    // poison when the batch takes every partition's records.
    List<UUID> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(UUID.randomUUID());
      all.add(envelope(others.get(i)));
    }
    all.addAll(after);
    String group = "batch-test.poison." + UUID.randomUUID();
    startFromNow(group);
    publish(all);

    String consumer = startConsumer(group, handling == Handling.MANY, handling);
    await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(List.of(order)) == 4);

    assertThat(appliedInOrder(List.of(order)).get(order))
        .containsExactly(
            before.get(0).id(), before.get(1).id(), after.get(0).id(), after.get(1).id());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count("SELECT count(*) FROM dead_letters WHERE event_id = $1", poisonous.id())
                    == 1);
    assertThat(appliedCount(List.of(poison))).isZero();
    await().atMost(Duration.ofSeconds(30)).until(() -> appliedCount(others) == others.size());
    assertThat(count("SELECT count(*) FROM processed_events WHERE event_id = $1", poisonous.id()))
        .as("a dead-lettered event is not marked processed: it may be replayed once mended")
        .isZero();
    undeploy(consumer);
  }

  /**
   * A consumer killed after its batch's transaction committed and before Kafka had its offsets: the
   * group's offsets are put back where they were before the batch, which is where such a crash
   * leaves them, and the next consumer of the group gets the batch again.
   */
  @ParameterizedTest(name = "a handler of {0}")
  @EnumSource(Handling.class)
  void a_batch_delivered_again_after_a_crash_before_the_offsets_were_committed_changes_nothing(
      Handling handling) throws Exception {
    String group = "batch-test.crash." + UUID.randomUUID();
    Map<TopicPartition, Long> endsBefore = startFromNow(group);
    List<UUID> orders = new ArrayList<>();
    publishForNewOrders(30, orders);
    String crashed = startConsumer(group, false, handling);
    await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(orders) == 30);
    undeploy(crashed);
    commitOffsets(group, endsBefore);

    publishForNewOrders(10, orders);
    double duplicatesBefore = duplicates(group);
    String next = startConsumer(group, false, handling);

    await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(orders) == 40);
    await().atMost(Duration.ofSeconds(10)).until(() -> duplicates(group) - duplicatesBefore >= 30);
    assertThat(appliedCount(orders)).as("nothing lost, nothing applied twice").isEqualTo(40);
    assertThat(
            count(
                "SELECT count(DISTINCT event_id) FROM applied WHERE order_id = ANY($1)",
                orders.toArray(UUID[]::new)))
        .isEqualTo(40);
    undeploy(next);
  }

  /**
   * Kafka is told how far the consumer applied once per commit interval, not after every poll: with
   * an interval longer than the test, two polls' worth of events are applied and the group's
   * offsets have not moved; stopping commits them all.
   */
  @Test
  void offsets_wait_for_the_commit_interval_and_are_all_committed_when_the_consumer_stops()
      throws Exception {
    String group = "batch-test.commit-at-stop." + UUID.randomUUID();
    Map<TopicPartition, Long> endsBefore = startFromNow(group);
    List<UUID> orders = new ArrayList<>();
    String consumer = startConsumer(group, false, Handling.ONE, Duration.ofMinutes(10));
    for (int poll = 1; poll <= 2; poll++) {
      publishForNewOrders(10, orders);
      int applied = 10 * poll;
      await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(orders) == applied);
    }
    assertThat(committedOffsets(group)).as("nothing committed yet").isEqualTo(endsBefore);

    undeploy(consumer);
    Map<TopicPartition, Long> endsAfter = endOffsets();
    assertThat(committedOffsets(group)).isEqualTo(endsAfter);
    assertThat(endsAfter).isNotEqualTo(endsBefore);
  }

  /**
   * A consumer with nothing more to apply commits what it applied once its interval is over. The
   * second round of events comes right after the first round's commit, well within the interval,
   * and nothing follows it: only a commit between empty polls can take its offsets to Kafka.
   */
  @Test
  void an_idle_consumer_commits_what_it_applied_once_the_interval_is_over() throws Exception {
    String group = "batch-test.commit-when-idle." + UUID.randomUUID();
    startFromNow(group);
    List<UUID> orders = new ArrayList<>();
    String consumer = startConsumer(group, false, Handling.ONE, Duration.ofSeconds(3));
    for (int round = 1; round <= 2; round++) {
      publishForNewOrders(10, orders);
      Map<TopicPartition, Long> ends = endOffsets();
      int applied = 10 * round;
      await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(orders) == applied);
      await().atMost(Duration.ofSeconds(10)).until(() -> committedOffsets(group).equals(ends));
    }
    undeploy(consumer);
  }

  /**
   * A consumer whose handlers lock rows that every partition's events share applies each poll as
   * one batch: it takes the records of several partitions, not one transaction per partition at
   * least, and each order's events stay in their order.
   */
  @Test
  void one_batch_at_a_time_takes_the_records_of_every_partition_together() throws Exception {
    String group = "batch-test.one-at-a-time." + UUID.randomUUID();
    int partitions = startFromNow(group).size();
    List<UUID> orders = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      orders.add(UUID.randomUUID());
    }
    Map<UUID, List<UUID>> published = new LinkedHashMap<>();
    List<EventEnvelope> events = new ArrayList<>();
    for (int step = 0; step < 2; step++) {
      for (UUID order : orders) {
        EventEnvelope event = envelope(order);
        published.computeIfAbsent(order, o -> new ArrayList<>()).add(event.id());
        events.add(event);
      }
    }
    publish(events);

    String consumer = startConsumer(group, true);
    await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(orders) == 60);

    assertThat(appliedInOrder(orders)).isEqualTo(published);
    long partitionsUsed =
        orders.stream().map(order -> partitionOf(order, partitions)).distinct().count();
    assertThat(transactions(orders))
        .as("records of %s partitions, fewer transactions", partitionsUsed)
        .isLessThan(partitionsUsed);
    undeploy(consumer);
  }

  /**
   * A handler of many (the catalog's, deciding many orders' stock at once) gets a batch's events in
   * few calls, never one order twice in a call, and each order's events in their order; what it
   * writes about each event carries that event's trace.
   */
  @Test
  void a_handler_of_many_gets_distinct_orders_together_and_each_orders_events_in_order()
      throws Exception {
    String group = "batch-test.many." + UUID.randomUUID();
    startFromNow(group);
    List<UUID> orders = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      orders.add(UUID.randomUUID());
    }
    Map<UUID, List<UUID>> published = new LinkedHashMap<>();
    List<EventEnvelope> events = new ArrayList<>();
    for (int step = 0; step < 3; step++) {
      for (UUID order : orders) {
        EventEnvelope event = envelope(order);
        published.computeIfAbsent(order, o -> new ArrayList<>()).add(event.id());
        events.add(event);
      }
    }
    publish(events);

    String consumer = startConsumer(group, true, Handling.MANY);
    await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(orders) == 90);

    assertThat(appliedInOrder(orders)).isEqualTo(published);
    UUID[] ids = orders.toArray(UUID[]::new);
    assertThat(count("SELECT count(DISTINCT call_id) FROM applied WHERE order_id = ANY($1)", ids))
        .as("ninety events in a few calls")
        .isLessThanOrEqualTo(90 / 10);
    assertThat(
            count(
                "SELECT count(*) FROM (SELECT call_id FROM applied WHERE order_id = ANY($1)"
                    + " GROUP BY call_id, order_id HAVING count(*) > 1) twice",
                ids))
        .as("one order twice in a call")
        .isZero();
    for (Row row :
        await(
            pool.preparedQuery(
                    "SELECT event_id, trace_parent FROM applied WHERE order_id = ANY($1)")
                .execute(Tuple.of(ids)),
            10)) {
      assertThat(row.getString("trace_parent")).contains(hex(row.getUUID("event_id")));
    }
    undeploy(consumer);
  }

  /**
   * A batch that takes long holds up its own partition only: another partition's events, published
   * while it is being applied, are applied meanwhile. They used to wait for the next poll, which
   * waited for every batch of the poll before.
   */
  @Test
  void a_slow_batch_holds_up_its_own_partition_and_no_other() throws Exception {
    int partitions = endOffsets().size();
    UUID slow = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    while (partitionOf(other, partitions) == partitionOf(slow, partitions)) {
      other = UUID.randomUUID();
    }
    String group = "batch-test.lanes." + UUID.randomUUID();
    startFromNow(group);
    held.add(slow);
    String consumer;
    try {
      publish(List.of(envelope(slow)));
      consumer = startConsumer(group);
      await().atMost(Duration.ofSeconds(60)).until(() -> reached.contains(slow));

      publish(List.of(envelope(other), envelope(other)));
      List<UUID> others = List.of(other);
      await().atMost(Duration.ofSeconds(30)).until(() -> appliedCount(others) == 2);
      assertThat(appliedCount(List.of(slow))).as("still being applied").isZero();
    } finally {
      held.remove(slow);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> appliedCount(List.of(slow)) == 1);
    undeploy(consumer);
  }

  /**
   * When a batch can be neither applied nor set aside (its database is gone, the dead letters'
   * table with it), its partition goes back to the batch's first event and tries again a second
   * later; events fetched meanwhile come again in their place. Once the database is back, every
   * event is applied once, in order.
   */
  @Test
  void a_partition_goes_back_while_its_database_is_gone_and_applies_all_in_order_once_back()
      throws Exception {
    UUID order = UUID.randomUUID();
    List<EventEnvelope> events = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      events.add(envelope(order));
    }
    String group = "batch-test.outage." + UUID.randomUUID();
    startFromNow(group);
    unavailable.add(order);
    await(pool.query("ALTER TABLE dead_letters RENAME TO dead_letters_away").execute(), 10);
    String consumer;
    try {
      publish(events.subList(0, 3));
      consumer = startConsumer(group);
      // The batch, then its first event alone twice: a round; two rounds are a rewind at least.
      await().atMost(Duration.ofSeconds(60)).until(() -> refusedWhileUnavailable.get() >= 6);
      publish(events.subList(3, 6));
      int refused = refusedWhileUnavailable.get();
      await().atMost(Duration.ofSeconds(30)).until(() -> refusedWhileUnavailable.get() > refused);

      // The database is back for the handler; its dead letters' table stays away until all is
      // applied, so that no round under way can set an event aside as it gives up.
      unavailable.remove(order);
      await().atMost(Duration.ofSeconds(60)).until(() -> appliedCount(List.of(order)) == 6);
    } finally {
      unavailable.remove(order);
      await(pool.query("ALTER TABLE dead_letters_away RENAME TO dead_letters").execute(), 10);
    }

    assertThat(appliedInOrder(List.of(order)).get(order))
        .containsExactlyElementsOf(events.stream().map(EventEnvelope::id).toList());
    assertThat(
            count(
                "SELECT count(*) FROM dead_letters WHERE event_id = ANY($1)",
                events.stream().map(EventEnvelope::id).toArray(UUID[]::new)))
        .isZero();
    undeploy(consumer);
  }

  // --- the consumer under test and what it did

  /** Whether the handler under test applies one event per call or many. */
  enum Handling {
    ONE,
    MANY
  }

  private static final String RECORD_APPLIED =
      "INSERT INTO applied (order_id, event_id, transaction_id, trace_parent, call_id)"
          + " VALUES ($1, $2, txid_current(), $3, $4)";

  private static String startConsumer(String group) {
    return startConsumer(group, false);
  }

  private static String startConsumer(String group, boolean oneBatchAtATime) {
    return startConsumer(group, oneBatchAtATime, Handling.ONE);
  }

  private static String startConsumer(String group, boolean oneBatchAtATime, Handling handling) {
    return startConsumer(group, oneBatchAtATime, handling, Duration.ZERO);
  }

  private static String startConsumer(
      String group, boolean oneBatchAtATime, Handling handling, Duration commitInterval) {
    EventHandlers handlers = new EventHandlers();
    if (handling == Handling.ONE) {
      handlers.on(
          StockReserved.class,
          (event, envelope, tx) -> {
            UUID order = event.orderId();
            if (poisoned.contains(order)) {
              return Future.failedFuture(new IllegalStateException("poison for order " + order));
            }
            if (unavailable.contains(order)) {
              refusedWhileUnavailable.incrementAndGet();
              return Future.failedFuture(new IllegalStateException("database gone"));
            }
            String traceparent = TraceHeaders.currentTraceparent();
            return untilReleased(order)
                .compose(
                    released ->
                        tx.preparedQuery(RECORD_APPLIED)
                            .execute(
                                Tuple.of(order, envelope.id(), traceparent, UUID.randomUUID())))
                .mapEmpty();
          });
    } else {
      handlers.onEach(
          StockReserved.class,
          (events, tx) -> {
            if (events.stream().anyMatch(each -> poisoned.contains(each.event().orderId()))) {
              return Future.failedFuture(new IllegalStateException("poison among the orders"));
            }
            UUID call = UUID.randomUUID();
            List<Tuple> rows =
                events.stream()
                    .map(
                        each ->
                            Tuple.of(
                                each.event().orderId(),
                                each.envelope().id(),
                                each.inItsTrace(TraceHeaders::currentTraceparent),
                                call))
                    .toList();
            return tx.preparedQuery(RECORD_APPLIED).executeBatch(rows).mapEmpty();
          });
    }
    if (oneBatchAtATime) {
      handlers.oneBatchAtATime();
    }
    ConsumerSettings quick =
        new ConsumerSettings(2, 20, 100, BATCH_SIZE, commitInterval, Duration.ofDays(14));
    return await(
        vertx.deployVerticle(
            new IdempotentConsumer(
                group,
                Set.of(Topics.INVENTORY_EVENTS),
                handlers,
                pool,
                kafka,
                quick,
                metrics,
                OpenTelemetry.noop().getTracer("batch-test"))),
        30);
  }

  /** Completes, on the handler's own context, once the order is no longer held. */
  private static Future<Void> untilReleased(UUID order) {
    if (!held.contains(order)) {
      return Future.succeededFuture();
    }
    reached.add(order);
    Promise<Void> released = Promise.promise();
    vertx.setPeriodic(
        20,
        timer -> {
          if (!held.contains(order)) {
            vertx.cancelTimer(timer);
            released.complete();
          }
        });
    return released.future();
  }

  private static void undeploy(String deployment) {
    await(vertx.undeploy(deployment), 30);
  }

  private static EventEnvelope envelope(UUID order) {
    return new EventMapper("/batch-test").envelope(new StockReserved(order));
  }

  /** An event about {@code order} published under {@code key}, i.e. in {@code key}'s partition. */
  private static EventEnvelope envelopeKeyed(UUID order, UUID key) {
    EventEnvelope event = envelope(order);
    keys.put(event.id(), key);
    return event;
  }

  private static final Map<UUID, UUID> keys = new ConcurrentHashMap<>();

  /** The partition the producer's default partitioner gives an order's events. */
  private static int partitionOf(UUID order, int partitions) {
    return Utils.toPositive(Utils.murmur2(order.toString().getBytes(StandardCharsets.UTF_8)))
        % partitions;
  }

  /** One event each for {@code count} new orders, added to {@code orders}, published. */
  private static void publishForNewOrders(int count, List<UUID> orders) {
    List<EventEnvelope> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID order = UUID.randomUUID();
      orders.add(order);
      events.add(envelope(order));
    }
    publish(events);
  }

  private static void publish(List<EventEnvelope> events) {
    KafkaProducer<String, String> producer = KafkaProducer.create(vertx, kafka.producer());
    for (EventEnvelope event : events) {
      String key = keys.getOrDefault(event.id(), UUID.fromString(event.subject())).toString();
      KafkaProducerRecord<String, String> record =
          KafkaProducerRecord.create(Topics.INVENTORY_EVENTS, key, EventMapper.toJson(event));
      // Each event published in a trace of its own, whose id is the event's.
      record.addHeader(TraceHeaders.TRACEPARENT, "00-" + hex(event.id()) + "-00f067aa0ba902b7-01");
      await(producer.send(record), 10);
    }
    await(producer.close(), 10);
  }

  /**
   * The group will read what is published from now on, not the topic's past (other tests' events,
   * poisonous ones among them); answers where that is.
   */
  private static Map<TopicPartition, Long> startFromNow(String group) throws Exception {
    Map<TopicPartition, Long> ends = endOffsets();
    commitOffsets(group, ends);
    return ends;
  }

  private static void commitOffsets(String group, Map<TopicPartition, Long> offsets)
      throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>copyOf(kafka.admin()))) {
      Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
      offsets.forEach(
          (partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
      admin.alterConsumerGroupOffsets(group, committed).all().get();
    }
  }

  /** Where the group's offsets stand in Kafka, for the topic under test. */
  private static Map<TopicPartition, Long> committedOffsets(String group) throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>copyOf(kafka.admin()))) {
      Map<TopicPartition, Long> committed = new HashMap<>();
      admin
          .listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata()
          .get()
          .forEach(
              (partition, offset) -> {
                if (partition.topic().equals(Topics.INVENTORY_EVENTS)) {
                  committed.put(partition, offset.offset());
                }
              });
      return committed;
    }
  }

  private static String hex(UUID id) {
    return id.toString().replace("-", "");
  }

  private static Map<TopicPartition, Long> endOffsets() throws Exception {
    try (Admin admin = Admin.create(Map.<String, Object>copyOf(kafka.admin()))) {
      Map<TopicPartition, OffsetSpec> latest =
          admin
              .describeTopics(List.of(Topics.INVENTORY_EVENTS))
              .allTopicNames()
              .get()
              .values()
              .stream()
              .flatMap(
                  topic ->
                      topic.partitions().stream()
                          .map(p -> new TopicPartition(topic.name(), p.partition())))
              .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin
          .listOffsets(latest)
          .all()
          .get()
          .forEach((partition, info) -> ends.put(partition, info.offset()));
      return ends;
    }
  }

  private static double duplicates(String group) {
    var counter =
        metrics
            .find("tadamon.events.consumed")
            .tag("consumer", group)
            .tag("outcome", "duplicate")
            .counter();
    return counter == null ? 0 : counter.count();
  }

  private static long appliedCount(List<UUID> orders) {
    return count(
        "SELECT count(*) FROM applied WHERE order_id = ANY($1)", orders.toArray(UUID[]::new));
  }

  private static long transactions(List<UUID> orders) {
    return count(
        "SELECT count(DISTINCT transaction_id) FROM applied WHERE order_id = ANY($1)",
        orders.toArray(UUID[]::new));
  }

  private static Map<UUID, List<UUID>> appliedInOrder(List<UUID> orders) {
    Map<UUID, List<UUID>> applied = new LinkedHashMap<>();
    orders.forEach(order -> applied.put(order, new ArrayList<>()));
    for (Row row :
        await(
            pool.preparedQuery(
                    "SELECT order_id, event_id FROM applied WHERE order_id = ANY($1) ORDER BY seq")
                .execute(Tuple.of(orders.toArray(UUID[]::new))),
            10)) {
      applied.get(row.getUUID("order_id")).add(row.getUUID("event_id"));
    }
    return applied;
  }

  private static long count(String sql, Object parameter) {
    return await(pool.preparedQuery(sql).execute(Tuple.of(parameter)), 10)
        .iterator()
        .next()
        .getLong(0);
  }
}
