package ma.tadamon.bench;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderRejected;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.local.LocalPlatform;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;
import org.HdrHistogram.Histogram;

/**
 * Checkouts through the whole local platform: cash-on-delivery orders are placed over HTTP at a
 * fixed rate (an open loop: shoppers do not wait for each other), and each order's time from the
 * POST to its OrderConfirmed event on Kafka is recorded, across the four services, the outbox
 * relays and Kafka.
 */
final class OrderBenchmark {

  record Options(int ratePerSecond, Duration warmup, Duration measured) {}

  private final Options options;

  OrderBenchmark(Options options) {
    this.options = options;
  }

  void run() throws Exception {
    try (LocalPlatform platform =
        LocalPlatform.start(new LocalPlatform.Options(null, freePort(), environment()))) {
      System.out.printf("platform started in %.1f s%n", platform.startupTime().toMillis() / 1000.0);
      Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      try {
        HttpClient http =
            vertx.createHttpClient(
                new HttpClientOptions()
                    .setDefaultHost("localhost")
                    .setDefaultPort(platform.servicePort("order-service"))
                    .setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(64));
        List<String> products = stockUp(vertx, platform);
        Confirmations confirmations = Confirmations.watch(vertx, platform);
        drive(vertx, http, products, confirmations, options.warmup(), false);
        drive(vertx, http, products, confirmations, options.measured(), true);
        await(confirmations.consumer.close(), 30);
        printStages(platform);
      } finally {
        await(vertx.close(), 30);
      }
    }
  }

  /**
   * The machine's environment, with the checkout's rate limits off unless set: this benchmark
   * offers hundreds of orders a second from one address for thirty products, far past what the
   * limits allow one client (docs/security.md), to measure the saga itself.
   */
  private static Map<String, String> environment() {
    Map<String, String> environment = new HashMap<>(System.getenv());
    for (String limit :
        List.of(
            "RATE_LIMIT_CHECKOUT_PER_ADDRESS",
            "RATE_LIMIT_CHECKOUT_PER_PHONE",
            "RATE_LIMIT_CHECKOUT_PER_PRODUCT")) {
      environment.putIfAbsent(limit, "off");
    }
    return environment;
  }

  /**
   * Every demo product gets plenty of stock, so that orders measure the flow, not sold-out
   * rejections.
   */
  private static List<String> stockUp(Vertx vertx, LocalPlatform platform) {
    HttpClient catalog =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(platform.servicePort("catalog-service")));
    String operator = platform.token(Role.OPERATOR);
    JsonArray items =
        await(
                catalog
                    .request(HttpMethod.GET, "/api/catalog/products?limit=100")
                    .compose(request -> request.send())
                    .compose(response -> response.body().map(Buffer::toJsonObject)),
                30)
            .getJsonArray("items");
    List<String> ids = new ArrayList<>();
    List<Future<Integer>> updates = new ArrayList<>();
    for (Object item : items) {
      String id = ((JsonObject) item).getString("id");
      ids.add(id);
      updates.add(
          catalog
              .request(HttpMethod.PUT, "/api/catalog/products/" + id + "/stock")
              .compose(
                  request ->
                      request
                          .putHeader("Authorization", "Bearer " + operator)
                          .putHeader("Content-Type", "application/json")
                          .send(new JsonObject().put("onHand", 1_000_000).toBuffer()))
              .map(response -> response.statusCode()));
    }
    await(Future.all(updates), 60);
    await(catalog.close(), 10);
    return ids;
  }

  /**
   * Sends {@code ratePerSecond} orders a second for {@code duration}, then waits for their
   * outcomes.
   */
  private void drive(
      Vertx vertx,
      HttpClient http,
      List<String> products,
      Confirmations confirmations,
      Duration duration,
      boolean report)
      throws Exception {
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    confirmations.recordInto(latency);
    AtomicLong placed = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    AtomicLong sentSoFar = new AtomicLong();
    long timer =
        vertx.setPeriodic(
            10,
            id -> {
              long now = System.nanoTime();
              if (now >= end) {
                return;
              }
              // As many as the rate says should have been sent by now: exact for any rate, bursts
              // of 10 ms at most.
              long due =
                  (now - started) * options.ratePerSecond() / 1_000_000_000L - sentSoFar.get();
              for (long i = 0; i < due; i++) {
                sentSoFar.incrementAndGet();
                JsonObject order = order(products);
                long sent = System.nanoTime();
                http.request(HttpMethod.POST, "/api/orders")
                    .compose(
                        request ->
                            request
                                .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                                .putHeader("Content-Type", "application/json")
                                .send(order.toBuffer()))
                    .compose(
                        response ->
                            response
                                .body()
                                .map(
                                    body ->
                                        response.statusCode() == 201
                                            ? new JsonObject(body).getString("id")
                                            : null))
                    .onComplete(
                        outcome -> {
                          if (outcome.succeeded() && outcome.result() != null) {
                            placed.incrementAndGet();
                            confirmations.expect(outcome.result(), sent);
                          } else {
                            refused.incrementAndGet();
                          }
                        });
              }
            });
    Thread.sleep(duration.toMillis());
    vertx.cancelTimer(timer);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (confirmations.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    double seconds = duration.toNanos() / 1e9;
    if (report) {
      System.out.printf(
          "offered %d orders/s for %.0f s: placed %.0f/s, confirmed %.0f/s; placement→CONFIRMED"
              + " p50 %.1f ms, p99 %.1f ms, max %.1f ms; refused %d, rejected %d, unconfirmed %d%n",
          options.ratePerSecond(),
          seconds,
          placed.get() / seconds,
          latency.getTotalCount() / seconds,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0,
          refused.get(),
          confirmations.rejected.get(),
          confirmations.pending());
    }
    confirmations.reset();
  }

  /** Where the time went, from the order history: placement to reserved, reserved to confirmed. */
  private static void printStages(LocalPlatform platform) throws Exception {
    var pg = platform.infrastructure().postgres();
    String sql =
        """
        SELECT h.to_status,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.at - prev.at) * 1000) AS p50,
               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM h.at - prev.at) * 1000) AS p99
        FROM orders.order_status_history h
        JOIN orders.order_status_history prev ON prev.order_id = h.order_id AND prev.to_status = h.from_status
        GROUP BY h.to_status ORDER BY h.to_status
        """;
    // Each hop split in two: in the producer's outbox until the relay published it, then on Kafka
    // until
    // the consumer applied it.
    String hops =
        """
        SELECT o.event_type || ' → ' || p.consumer,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM o.published_at - o.created_at) * 1000),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM p.processed_at - o.published_at) * 1000)
        FROM (SELECT event_id, event_type, created_at, published_at FROM orders.outbox
              UNION ALL SELECT event_id, event_type, created_at, published_at FROM catalog.outbox
              UNION ALL SELECT event_id, event_type, created_at, published_at FROM payments.outbox) o
        JOIN (SELECT consumer, event_id, processed_at FROM catalog.processed_events
              UNION ALL SELECT consumer, event_id, processed_at FROM orders.processed_events
              UNION ALL SELECT consumer, event_id, processed_at FROM payments.processed_events) p
          ON p.event_id = o.event_id
        GROUP BY 1 ORDER BY 1
        """;
    try (var connection =
            DriverManager.getConnection(
                "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database(),
                pg.user(),
                pg.password());
        var statement = connection.createStatement()) {
      try (var rows = statement.executeQuery(sql)) {
        while (rows.next()) {
          System.out.printf(
              "  stage → %-9s p50 %8.1f ms   p99 %8.1f ms%n",
              rows.getString(1), rows.getDouble(2), rows.getDouble(3));
        }
      }
      try (var rows = statement.executeQuery(hops)) {
        while (rows.next()) {
          System.out.printf(
              "  hop %-60s p50 in outbox %8.1f ms, then to applied %8.1f ms%n",
              rows.getString(1), rows.getDouble(2), rows.getDouble(3));
        }
      }
    }
  }

  private static JsonObject order(List<String> products) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    JsonArray lines = new JsonArray();
    String first = products.get(random.nextInt(products.size()));
    lines.add(new JsonObject().put("productId", first).put("quantity", 1 + random.nextInt(2)));
    String second = products.get(random.nextInt(products.size()));
    if (!second.equals(first) && random.nextBoolean()) {
      lines.add(new JsonObject().put("productId", second).put("quantity", 1));
    }
    return new JsonObject()
        .put("lines", lines)
        .put("contact", new JsonObject().put("name", "Shopper").put("phone", "+212612345678"))
        .put(
            "shippingAddress",
            new JsonObject()
                .put("line1", "Rue 1")
                .put("city", "Agadir")
                .put("region", "souss-massa"))
        .put("paymentMethod", "CASH_ON_DELIVERY")
        .put("language", "fr");
  }

  /** Watches order.events for each placed order's outcome and records the time it took. */
  private static final class Confirmations {
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> early = new ConcurrentHashMap<>();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Histogram latency;

    private Confirmations(KafkaConsumer<String, String> consumer) {
      this.consumer = consumer;
    }

    static Confirmations watch(Vertx vertx, LocalPlatform platform) {
      KafkaSettings kafka =
          new KafkaSettings(platform.infrastructure().kafkaBootstrapServers(), "bench-orders");
      Map<String, String> config = new HashMap<>(kafka.consumer("bench-" + UUID.randomUUID()));
      config.put("auto.offset.reset", "latest");
      KafkaConsumer<String, String> consumer = KafkaConsumer.create(vertx, config);
      Confirmations confirmations = new Confirmations(consumer);
      String confirmed = EventMapper.typeOf(OrderConfirmed.class);
      String rejectedType = EventMapper.typeOf(OrderRejected.class);
      consumer.handler(
          record -> {
            long now = System.nanoTime();
            var envelope = EventMapper.fromJson(record.value());
            if (envelope.type().equals(confirmed)) {
              confirmations.arrived(envelope.subject(), now);
            } else if (envelope.type().equals(rejectedType)) {
              confirmations.rejected.incrementAndGet();
              confirmations.sentAt.remove(envelope.subject());
            }
          });
      await(consumer.subscribe(Set.of(Topics.ORDER_EVENTS)), 30);
      // Wait for the partitions to be assigned, so no confirmation is missed.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (await(consumer.assignment(), 10).isEmpty() && System.nanoTime() < deadline) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      return confirmations;
    }

    void recordInto(Histogram histogram) {
      latency = histogram;
    }

    void expect(String orderId, long sent) {
      Long confirmedAt = early.remove(orderId);
      if (confirmedAt != null) {
        record(confirmedAt - sent);
      } else {
        sentAt.put(orderId, sent);
      }
    }

    private void arrived(String orderId, long at) {
      Long sent = sentAt.remove(orderId);
      if (sent != null) {
        record(at - sent);
      } else {
        early.put(orderId, at); // confirmed before the POST's answer was read
      }
    }

    private synchronized void record(long nanos) {
      latency.recordValue(Math.min(nanos / 1000, latency.getHighestTrackableValue()));
    }

    int pending() {
      return sentAt.size();
    }

    void reset() {
      sentAt.clear();
      early.clear();
      rejected.set(0);
    }
  }

  private static int freePort() {
    return FreePorts.next();
  }
}
