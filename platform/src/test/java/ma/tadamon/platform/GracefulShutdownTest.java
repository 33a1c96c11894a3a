package ma.tadamon.platform;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.platform.service.ServiceVerticle;
import ma.tadamon.platform.testing.EventPublisher;
import ma.tadamon.platform.testing.Handled;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Stopping a service (what SIGTERM does in a pod) loses nothing: a request in flight is answered,
 * and the event it wrote to the outbox reaches Kafka before the service is gone.
 */
class GracefulShutdownTest {

  /**
   * Takes its time over each order, like a checkout waiting on a busy database, then writes an
   * event.
   */
  static final class SlowService extends ServiceVerticle {

    private final CompletableFuture<Void> requestArrived;

    SlowService(ServiceContext context, CompletableFuture<Void> requestArrived) {
      super(context, "graceful_test");
      this.requestArrived = requestArrived;
    }

    @Override
    protected Future<?> wire(Foundation foundation) {
      var router = foundation.router();
      router
          .post("/slow/:order")
          .handler(
              ctx -> {
                UUID order = UUID.fromString(ctx.pathParam("order"));
                requestArrived.complete(null);
                Promise<Void> slowly = Promise.promise();
                vertx.setTimer(1_000, id -> slowly.complete());
                slowly
                    .future()
                    .compose(
                        v ->
                            foundation
                                .pool()
                                .withTransaction(
                                    tx ->
                                        foundation
                                            .outbox()
                                            .append(
                                                tx,
                                                Topics.INVENTORY_EVENTS,
                                                new StockReserved(order))))
                    .onSuccess(v -> ctx.response().setStatusCode(201).end())
                    .onFailure(ctx::fail);
              });
      return foundation.startOutboxRelay().compose(v -> foundation.listen(router, 0));
    }
  }

  @Test
  void a_stopping_service_answers_the_request_in_flight_and_publishes_what_it_wrote()
      throws Exception {
    Settings settings = TestPlatform.settings().with(Map.of("OUTBOX_POLL_INTERVAL_MS", "60000"));
    int port = settings.getInt("HTTP_PORT", 0);
    CompletableFuture<Void> arrived = new CompletableFuture<>();
    RunningService service =
        await(
            ServiceRuntime.start(
                "graceful-test", settings, context -> new SlowService(context, arrived)),
            60);
    Vertx client = Vertx.vertx();
    UUID order = UUID.randomUUID();
    try (TopicProbe probe = TopicProbe.watch(client, Topics.INVENTORY_EVENTS)) {
      WebClient web = WebClient.create(client);
      Future<HttpResponse<Buffer>> response = web.post(port, "localhost", "/slow/" + order).send();
      arrived.get(10, TimeUnit.SECONDS);

      await(service.close(), 30);

      assertThat(await(response, 10).statusCode()).isEqualTo(201);
      assertThat(probe.awaitEvent(StockReserved.class, order).orderId()).isEqualTo(order);
      assertThatThrownBy(() -> await(web.get(port, "localhost", "/health/live").send(), 10))
          .as("a stopped service accepts no new connection")
          .isNotNull();
    } finally {
      client.close();
    }
  }

  /** Writes nothing itself: its outbox is filled from outside, with no wake-up. */
  static final class QuietService extends ServiceVerticle {

    QuietService(ServiceContext context) {
      super(context, "graceful_quiet");
    }

    @Override
    protected Future<?> wire(Foundation foundation) {
      return foundation.startOutboxRelay();
    }
  }

  @Test
  void stopping_publishes_an_outbox_row_that_nothing_woke_the_relay_for() throws Exception {
    // The poll is an hour away: only the relay's final flush at shutdown can publish the row.
    Settings settings = TestPlatform.settings().with(Map.of("OUTBOX_POLL_INTERVAL_MS", "3600000"));
    RunningService service =
        await(ServiceRuntime.start("graceful-quiet", settings, QuietService::new), 60);
    // The relay's first pass, at start, runs after the service is up: the row must come after it.
    Awaitility.await()
        .atMost(30, TimeUnit.SECONDS)
        .until(() -> service.registry().get("tadamon.outbox.passes").counter().count() >= 1);
    Vertx client = Vertx.vertx();
    UUID order = UUID.randomUUID();
    EventEnvelope envelope = new EventMapper("/graceful-quiet").envelope(new StockReserved(order));
    Handled quiet = new Handled(settings, "graceful_quiet", "none");
    try (TopicProbe probe = TopicProbe.watch(client, Topics.INVENTORY_EVENTS)) {
      // Written as Outbox.append writes it, but without the NOTIFY its commit would send.
      quiet.count(
          "WITH written AS (INSERT INTO graceful_quiet.outbox"
              + " (event_id, topic, message_key, event_type, payload)"
              + " VALUES (?, ?, ?, ?, ?) RETURNING 1) SELECT count(*) FROM written",
          envelope.id(),
          Topics.INVENTORY_EVENTS,
          envelope.subject(),
          envelope.type(),
          EventMapper.toJson(envelope));
      assertThat(unpublished(quiet, envelope)).as("nothing woke the relay").isEqualTo(1);

      await(service.close(), 30);

      assertThat(unpublished(quiet, envelope)).isZero();
      assertThat(probe.awaitEnvelope(envelope.id()).subject()).isEqualTo(order.toString());
    } finally {
      client.close();
    }
  }

  private static long unpublished(Handled service, EventEnvelope envelope) {
    return service.count(
        "SELECT count(*) FROM graceful_quiet.outbox WHERE event_id = ?", envelope.id());
  }

  /** Takes 30 ms over each event it consumes, and records each one it applies. */
  static final class SlowConsumer extends ServiceVerticle {

    SlowConsumer(ServiceContext context) {
      super(context, "graceful_consumer");
    }

    @Override
    protected Future<?> wire(Foundation foundation) {
      return foundation
          .pool()
          .query(
              "CREATE TABLE IF NOT EXISTS graceful_consumer.applied"
                  + " (order_id uuid NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())")
          .execute()
          .compose(
              created ->
                  foundation.consume(
                      "slow",
                      Set.of(Topics.INVENTORY_EVENTS),
                      new EventHandlers()
                          .on(
                              StockReserved.class,
                              (event, envelope, tx) -> {
                                Promise<Void> slowly = Promise.promise();
                                vertx.setTimer(30, id -> slowly.complete());
                                return slowly
                                    .future()
                                    .compose(
                                        v ->
                                            tx.preparedQuery(
                                                    "INSERT INTO graceful_consumer.applied"
                                                        + " (order_id) VALUES ($1)")
                                                .execute(Tuple.of(event.orderId())))
                                    .mapEmpty();
                              })))
          .mapEmpty();
    }
  }

  @Test
  void a_consumer_stopped_mid_batch_commits_what_it_applied_and_never_applies_it_again()
      throws Exception {
    Settings settings = TestPlatform.settings();
    Handled consumer = new Handled(settings, "graceful_consumer", "graceful-consumer.slow");
    RunningService service =
        await(ServiceRuntime.start("graceful-consumer", settings, SlowConsumer::new), 60);
    List<UUID> orders = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID()).toList();
    String ours = orders.stream().map(UUID::toString).collect(Collectors.joining(","));
    String appliedOfOurs =
        "SELECT count(*) FROM graceful_consumer.applied WHERE order_id = ANY(string_to_array(?,"
            + " ',')::uuid[])";
    Vertx client = Vertx.vertx();
    try (EventPublisher publisher = new EventPublisher(client, "/graceful-test")) {
      publisher.publish(
          Topics.INVENTORY_EVENTS,
          orders.stream().map(StockReserved::new).toArray(StockReserved[]::new));

      // Stopped while its batch is being applied, one event every 30 ms.
      consumer.awaitCount(3, appliedOfOurs, ours);
      await(service.close(), 60);
      long appliedBeforeStop = consumer.count(appliedOfOurs, ours);
      assertThat(appliedBeforeStop).as("stopped mid-batch, finishing it").isBetween(3L, 40L);

      service = await(ServiceRuntime.start("graceful-consumer", settings, SlowConsumer::new), 60);
      consumer.awaitCount(40, appliedOfOurs, ours);

      assertThat(
              consumer.count(
                  "SELECT count(*) FROM (SELECT order_id FROM graceful_consumer.applied"
                      + " WHERE order_id = ANY(string_to_array(?, ',')::uuid[])"
                      + " GROUP BY order_id HAVING count(*) > 1) twice",
                  ours))
          .as("applied twice")
          .isZero();
      // The first run committed the offsets of what it applied: none of it came back.
      assertThat(duplicatesSeen(service.registry())).isZero();
    } finally {
      await(service.close(), 60);
      client.close();
    }
  }

  private static double duplicatesSeen(MeterRegistry registry) {
    return registry.find("tadamon.events.consumed").tag("outcome", "duplicate").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
