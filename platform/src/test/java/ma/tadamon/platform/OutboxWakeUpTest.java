package ma.tadamon.platform;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.outbox.Outbox;
import ma.tadamon.platform.outbox.OutboxRelay;
import ma.tadamon.platform.outbox.OutboxSettings;
import ma.tadamon.platform.testing.ColumnStatistics;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The relay is woken by the commits that write the outbox through its own process's {@link Outbox},
 * not by its poll: here the poll comes once an hour, so whatever is published within the test was
 * woken by a commit. A wake publishes everything committed, batch after batch, however much more
 * than one batch it is. Two replicas' relays share the schema, as in production, each woken by its
 * own replica's commits; one at a time publishes, and a pass that found the other's under way tries
 * again.
 */
@ExtendWith(VertxExtension.class)
class OutboxWakeUpTest {

  private static final String SCHEMA = "outbox_wake_up_test";
  private static final int RELAY_BATCH = 3;
  private static Pool pool;
  private static TopicProbe published;
  private static final Outbox outbox = new Outbox(new EventMapper("/outbox-wake-up-test"));
  private static final Outbox otherReplicasOutbox =
      new Outbox(new EventMapper("/outbox-wake-up-test"));

  @BeforeAll
  static void startRelay(Vertx vertx) {
    PostgresSettings pg = PostgresSettings.from(TestPlatform.settings());
    await(Database.migrate(vertx, pg, SCHEMA), 60);
    pool = Database.pool(vertx, pg, SCHEMA, "outbox-wake-up-test");
    published = TopicProbe.watch(vertx, Topics.INVENTORY_EVENTS);
    deployRelay(vertx, outbox);
    deployRelay(vertx, otherReplicasOutbox);
  }

  private static void deployRelay(Vertx vertx, Outbox replicasOutbox) {
    OutboxSettings hourlyPoll = new OutboxSettings(Duration.ofHours(1).toMillis(), RELAY_BATCH);
    await(
        vertx.deployVerticle(
            new OutboxRelay(
                pool,
                replicasOutbox,
                SCHEMA,
                KafkaSettings.from(TestPlatform.settings(), "outbox-wake-up-test"),
                hourlyPoll,
                new SimpleMeterRegistry())),
        30);
  }

  @AfterAll
  static void close() {
    published.close();
    await(pool.close(), 10);
  }

  @Test
  void a_transaction_sent_at_once_wakes_the_relay_once_its_commit_is_answered() {
    UUID order = UUID.randomUUID();
    await(
        Transactions.runSentAtOnce(
            pool,
            tx -> outbox.append(tx, Topics.INVENTORY_EVENTS, List.of(new StockReserved(order)))),
        10);
    await().atMost(Duration.ofSeconds(30)).until(() -> publishedOnce(order));
  }

  @Test
  void a_commit_made_while_another_replicas_pass_holds_the_lock_is_published_once_it_is_free() {
    // The other replica's pass, as far as this relay can tell: a transaction holding the lock.
    SqlConnection otherPass = holdingTheRelaysLock();
    UUID order = UUID.randomUUID();
    try {
      committed(List.of(new StockReserved(order)));
      // Woken, the relay found the lock taken: nothing can be published yet.
      await().during(Duration.ofMillis(500)).until(() -> !publishedOnce(order));
    } finally {
      release(otherPass);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> publishedOnce(order));
  }

  @Test
  void both_replicas_commits_at_once_are_each_published_once() {
    List<UUID> orders = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID()).toList();
    List<Future<Void>> commits = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      Outbox replicas = i % 2 == 0 ? outbox : otherReplicasOutbox;
      StockReserved event = new StockReserved(orders.get(i));
      commits.add(
          pool.withTransaction(tx -> replicas.append(tx, Topics.INVENTORY_EVENTS, List.of(event))));
    }
    await(Future.all(commits), 30);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> orders.stream().allMatch(this::publishedOnce));
  }

  @Test
  void a_commit_wakes_the_relay_which_publishes_batch_after_batch_until_nothing_is_left() {
    // Seven events, more than two batches of three, from one transaction then one more from
    // another.
    List<UUID> orders = IntStream.range(0, 8).mapToObj(i -> UUID.randomUUID()).toList();
    committed(orders.subList(0, 7).stream().map(StockReserved::new).toList());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> orders.subList(0, 7).stream().allMatch(this::publishedOnce));

    committed(List.of(new StockReserved(orders.get(7))));
    await().atMost(Duration.ofSeconds(30)).until(() -> publishedOnce(orders.get(7)));
    assertThat(
            await(pool.query("SELECT count(*) FROM outbox").execute(), 10)
                .iterator()
                .next()
                .getLong(0))
        .isZero();
  }

  @Test
  void one_orders_events_from_many_commits_are_published_once_each_in_the_order_written() {
    UUID order = UUID.randomUUID();
    UUID product = UUID.randomUUID();
    List<Integer> written = IntStream.rangeClosed(1, 20).boxed().toList();
    for (int quantity : written) {
      // One transaction each, as the saga's steps write an order's events.
      committed(
          List.of(
              new StockReleased(
                  order,
                  StockReleased.Reason.ORDER_CANCELLED,
                  List.of(new StockReleased.Line(product, quantity)))));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> published.count(StockReleased.class, order) >= written.size());
    assertThat(published.events(StockReleased.class, order))
        .extracting(released -> released.lines().get(0).quantity())
        .containsExactlyElementsOf(written);
  }

  /**
   * Events written together (a batch's decisions about several orders) are one statement: they are
   * still published in the order written, each carrying the trace it was decided in.
   */
  @Test
  void events_written_together_keep_their_order_and_each_its_own_trace() {
    UUID order = UUID.randomUUID();
    UUID product = UUID.randomUUID();
    List<Outbox.Traced> written = new ArrayList<>();
    for (int quantity = 1; quantity <= 6; quantity++) {
      String trace =
          quantity % 3 == 0 ? null : "00-%032x-%016x-01".formatted(quantity, 100 + quantity);
      written.add(
          new Outbox.Traced(
              new StockReleased(
                  order,
                  StockReleased.Reason.ORDER_CANCELLED,
                  List.of(new StockReleased.Line(product, quantity))),
              trace));
    }
    await(
        pool.withTransaction(tx -> outbox.appendTraced(tx, Topics.INVENTORY_EVENTS, written)), 10);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> published.count(StockReleased.class, order) >= written.size());
    assertThat(published.events(StockReleased.class, order))
        .extracting(released -> released.lines().get(0).quantity())
        .containsExactly(1, 2, 3, 4, 5, 6);
    List<String> traces = new ArrayList<>();
    published
        .envelopes(StockReleased.class, order)
        .forEach(envelope -> traces.add(published.traceparent(envelope.id())));
    assertThat(traces)
        .containsExactlyElementsOf(written.stream().map(Outbox.Traced::traceparent).toList());
  }

  @Test
  void the_planner_keeps_no_statistics_of_what_no_statement_filters_on() {
    // The relay deletes what it publishes: it is kept off the outbox, by holding the lock it takes,
    // until the rows have been analysed.
    SqlConnection relayKeptOff = holdingTheRelaysLock();
    try {
      committed(
          List.of(new StockReserved(UUID.randomUUID()), new StockReserved(UUID.randomUUID())));

      assertThat(ColumnStatistics.analysed(pool, "outbox"))
          .contains("id", "topic")
          .doesNotContain("payload", "trace_parent");
    } finally {
      release(relayKeptOff);
    }
  }

  /**
   * A transaction holding the lock every relay's pass takes, as another replica's pass would: named
   * here as an operator would take it, independently of the relay's code.
   */
  private static SqlConnection holdingTheRelaysLock() {
    SqlConnection connection = await(pool.getConnection(), 10);
    await(connection.query("BEGIN").execute(), 10);
    await(
        connection
            .query("SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.outbox'))")
            .execute(),
        10);
    return connection;
  }

  /** Ends the transaction of {@link #holdingTheRelaysLock}, and with it the lock. */
  private static void release(SqlConnection holder) {
    await(holder.query("ROLLBACK").execute(), 10);
    await(holder.close(), 10);
  }

  /** Writes {@code events} to the outbox in a transaction of their own, and commits it. */
  private static void committed(List<? extends IntegrationEvent> events) {
    await(pool.withTransaction(tx -> outbox.append(tx, Topics.INVENTORY_EVENTS, events)), 10);
  }

  private boolean publishedOnce(UUID order) {
    return published.count(StockReserved.class, order) == 1;
  }
}
