package ma.tadamon.bench;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.nio.file.Path;
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
import java.util.regex.Pattern;
import ma.tadamon.catalog.CatalogService;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderRejected;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.infra.Infrastructure;
import ma.tadamon.local.LocalPlatform;
import ma.tadamon.notification.NotificationService;
import ma.tadamon.order.OrderService;
import ma.tadamon.payment.PaymentService;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;
import org.HdrHistogram.Histogram;

/**
 * Checkouts through the whole local platform: cash-on-delivery orders are placed over HTTP at a
 * fixed rate (an open loop: shoppers do not wait for each other), and each order's time from the
 * POST to its OrderConfirmed event on Kafka is recorded, across the four services, the outbox
 * relays and Kafka. The shopper is signed in with a phone she proved once before the run (a
 * returning customer): a guest's order also waits for a person to type a code, which is no latency
 * of the platform's.
 */
final class OrderBenchmark {

  /**
   * {@code attackPerSecond}: when above zero, a second measured run adds a script checking out that
   * often from one address with made-up numbers, the shipped per-address limit on.
   */
  /**
   * @param durable whether PostgreSQL keeps its data as in production (fsync, synchronous commit)
   *     in a data directory of the run's own, instead of the throwaway server tests use
   */
  record Options(
      int ratePerSecond,
      Duration warmup,
      int warmupRatePerSecond,
      Duration measured,
      int attackPerSecond,
      boolean durable) {}

  private static final String ATTACKER = "203.0.113.66";

  /**
   * Orders a second during the warm-up unless told otherwise: well within what the platform holds
   * while the JIT is still compiling.
   */
  static final int WARM_UP_RATE = 25;

  private static final String PHONE = "+212612345678";

  /** As many lines as order-service takes in one order. */
  private static final int MAX_LINES_PER_ORDER = 30;

  private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

  private final Options options;

  OrderBenchmark(Options options) {
    this.options = options;
  }

  void run() throws Exception {
    Path data =
        options.durable() ? Infrastructure.temporaryDirectory("tadamon-bench-durable-") : null;
    try (LocalPlatform platform =
        LocalPlatform.start(
            new LocalPlatform.Options(data, freePort(), environment(options.attackPerSecond())))) {
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
        String shopper = platform.token(Role.SHOPPER);
        proveThePhone(vertx, platform, http, shopper, products);
        Confirmations confirmations = Confirmations.watch(vertx, platform);
        // The warm-up lets the JIT compile what the run uses (C2 is busy for minutes after a
        // start), at a rate the platform holds, so that the measured run starts with no backlog.
        drive(
            vertx,
            http,
            platform,
            shopper,
            products,
            confirmations,
            options.warmupRatePerSecond(),
            options.warmup(),
            0,
            null);
        drive(
            vertx,
            http,
            platform,
            shopper,
            products,
            confirmations,
            options.ratePerSecond(),
            options.measured(),
            0,
            "honest only");
        if (options.attackPerSecond() > 0) {
          drive(
              vertx,
              http,
              platform,
              shopper,
              products,
              confirmations,
              options.ratePerSecond(),
              options.measured(),
              options.attackPerSecond(),
              "with an attacker at " + options.attackPerSecond() + "/s");
        }
        await(confirmations.consumer.close(), 30);
        printStages(platform);
      } finally {
        await(vertx.close(), 30);
      }
    } finally {
      if (data != null) {
        Infrastructure.deleteRecursively(data);
      }
    }
  }

  /**
   * The machine's environment, with the checkout's rate limits off unless set: the honest load here
   * is one returning shopper's number ordering thirty products hundreds of times a second, far past
   * what the per-phone and per-product limits allow (docs/security.md), to measure the saga itself.
   * Honest orders come from many addresses; with an attacker, the per-address limit stays on.
   */
  static Map<String, String> environment(int attackPerSecond) {
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.putIfAbsent("RATE_LIMIT_CHECKOUT_PER_PHONE", "off");
    // The demo pictures would be processed during the run: a load of their own.
    environment.putIfAbsent("CATALOG_DEMO_PHOTOS", "false");
    environment.putIfAbsent("RATE_LIMIT_CHECKOUT_PER_PRODUCT", "off");
    if (attackPerSecond == 0) {
      environment.putIfAbsent("RATE_LIMIT_CHECKOUT_PER_ADDRESS", "off");
    }
    return environment;
  }

  /**
   * Every demo product gets plenty of stock, so that orders measure the flow, not sold-out
   * rejections.
   */
  static List<String> stockUp(Vertx vertx, LocalPlatform platform) {
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
   * The benchmark's shopper places one order and types the code its SMS brought, as a person would:
   * her later cash-on-delivery orders to that number go straight on to payment.
   */
  static void proveThePhone(
      Vertx vertx, LocalPlatform platform, HttpClient http, String shopper, List<String> products)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonObject placed = placeFirstOrder(http, shopper, products, deadline);
    HttpClient sideDoors = vertx.createHttpClient();
    String code = null;
    while (code == null && System.nanoTime() < deadline) {
      // A request without an answer within 5 s is given up and asked again (docs/benchmarks.md:
      // once in a while a request on loopback gets no answer in this JVM, not yet understood).
      JsonArray messages =
          await(
              sideDoors
                  .request(
                      new RequestOptions()
                          .setMethod(HttpMethod.GET)
                          .setHost("localhost")
                          .setPort(platform.servicePort("sms-sandbox"))
                          .setURI("/api/messages")
                          .setIdleTimeout(5_000))
                  .compose(request -> request.send())
                  .compose(response -> response.body().map(Buffer::toJsonObject))
                  .map(page -> page.getJsonArray("items"))
                  // The idle timeout does not cover a request still waiting for its connection.
                  .timeout(5, TimeUnit.SECONDS)
                  .recover(noAnswer -> Future.succeededFuture(new JsonArray())),
              10);
      for (Object message : messages) {
        String text = ((JsonObject) message).getString("text");
        if (text.contains(placed.getString("code"))) {
          // The order's own code may be six digits too: the one-time code is the other number.
          code =
              SIX_DIGITS
                  .matcher(text)
                  .results()
                  .map(found -> found.group(1))
                  .filter(number -> !number.equals(placed.getString("code")))
                  .findFirst()
                  .orElse(null);
        }
      }
      Thread.sleep(200);
    }
    if (code == null) {
      JsonObject now =
          await(
              http.request(HttpMethod.GET, "/api/orders/" + placed.getString("id"))
                  .compose(
                      request -> request.putHeader("Authorization", "Bearer " + shopper).send())
                  .compose(response -> response.body().map(Buffer::toJsonObject)),
              10);
      throw new IllegalStateException(
          "the code of the benchmark shopper's first order never came; the order is "
              + now.getString("status")
              + ", its phone confirmation "
              + now.getJsonObject("phoneConfirmation"));
    }
    String typedCode = code;
    int typed =
        await(
            sideDoors
                .request(
                    HttpMethod.POST,
                    platform.servicePort("notification-service"),
                    "localhost",
                    "/api/notifications/phone-confirmations/" + placed.getString("id"))
                .compose(
                    request ->
                        request
                            .putHeader("Content-Type", "application/json")
                            .send(new JsonObject().put("code", typedCode).toBuffer()))
                .map(response -> response.statusCode()),
            10);
    await(sideDoors.close(), 10);
    if (typed != 200) {
      throw new IllegalStateException("the benchmark shopper's code was refused: " + typed);
    }
    // order-service remembers the number once it has applied the confirmation.
    while (System.nanoTime() < deadline) {
      JsonObject now =
          await(
              http.request(
                      new RequestOptions()
                          .setMethod(HttpMethod.GET)
                          .setURI("/api/orders/" + placed.getString("id"))
                          .setIdleTimeout(5_000))
                  .compose(
                      request -> request.putHeader("Authorization", "Bearer " + shopper).send())
                  .compose(response -> response.body().map(Buffer::toJsonObject))
                  .timeout(5, TimeUnit.SECONDS)
                  .recover(noAnswer -> Future.succeededFuture(new JsonObject())),
              10);
      JsonObject confirmation = now.getJsonObject("phoneConfirmation");
      if (confirmation != null && "CONFIRMED".equals(confirmation.getString("status"))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("order-service did not apply the benchmark shopper's code");
  }

  /**
   * The first order holds one of each product (as many as an order takes), placed again while
   * order-service answers that it does not know them yet: the catalog reaches it over Kafka a
   * moment after the platform starts, and a run whose products are unknown would measure refusals.
   */
  private static JsonObject placeFirstOrder(
      HttpClient http, String shopper, List<String> products, long deadline) throws Exception {
    JsonArray lines = new JsonArray();
    products.stream()
        .limit(MAX_LINES_PER_ORDER)
        .forEach(id -> lines.add(new JsonObject().put("productId", id).put("quantity", 1)));
    JsonObject order = order(products).put("lines", lines);
    while (true) {
      JsonObject answer = new JsonObject();
      int status =
          await(
              checkout(http, order, Map.of("Authorization", "Bearer " + shopper))
                  .compose(
                      response ->
                          response
                              .body()
                              .map(body -> answer.mergeIn(body.toJsonObject()))
                              .map(ignored -> response.statusCode())),
              30);
      if (status == 201) {
        return answer;
      }
      if (status != 422 || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the benchmark shopper's first order was refused: " + status + " " + answer.encode());
      }
      Thread.sleep(500);
    }
  }

  /**
   * Sends {@code ratePerSecond} orders a second for {@code duration}, then waits for their
   * outcomes.
   */
  private void drive(
      Vertx vertx,
      HttpClient http,
      LocalPlatform platform,
      String shopper,
      List<String> products,
      Confirmations confirmations,
      int ratePerSecond,
      Duration duration,
      int attackPerSecond,
      String report)
      throws Exception {
    Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    Histogram placement = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
    Confirmations.Round round = confirmations.round(latency);
    AtomicLong placed = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    long started = System.nanoTime();
    long end = started + duration.toNanos();
    AtomicLong sentSoFar = new AtomicLong();
    CpuSplit cpuBefore = CpuSplit.now(platform.infrastructure());
    DatabaseWork writtenBefore = DatabaseWork.now(platform.serviceDatabases());
    Attack attack = new Attack(vertx, http, products, attackPerSecond, started, end);
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
              long due = (now - started) * ratePerSecond / 1_000_000_000L - sentSoFar.get();
              for (long i = 0; i < due; i++) {
                sentSoFar.incrementAndGet();
                JsonObject order = order(products);
                long sent = System.nanoTime();
                round.sending();
                placeHonestly(http, order, shopper)
                    .onComplete(
                        outcome -> {
                          placement.recordValue((System.nanoTime() - sent) / 1_000);
                          if (outcome.succeeded() && outcome.result() != null) {
                            placed.incrementAndGet();
                            round.placed(outcome.result(), sent);
                          } else {
                            refused.incrementAndGet();
                            round.refused();
                          }
                        });
              }
            });
    Thread.sleep(duration.toMillis());
    vertx.cancelTimer(timer);
    attack.stop();
    CpuSplit cpuAfter = CpuSplit.now(platform.infrastructure());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (round.pending() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    // Read once the orders placed are confirmed, and a backend has reported what it wrote (it does
    // within a second): the work of the window's orders, and that of the warm-up's last ones.
    Thread.sleep(1_500);
    DatabaseWork writtenAfter = DatabaseWork.now(platform.serviceDatabases());
    double seconds = duration.toNanos() / 1e9;
    if (report != null) {
      System.out.printf(
          "%s: offered %d orders/s for %.0f s: placed %.0f/s, confirmed %.0f/s; checkout answered"
              + " p50 %.1f ms, p99 %.1f ms; placement→CONFIRMED p50 %.1f ms, p99 %.1f ms, max %.1f"
              + " ms; refused %d, rejected %d, unconfirmed %d%n",
          report,
          ratePerSecond,
          seconds,
          placed.get() / seconds,
          latency.getTotalCount() / seconds,
          placement.getValueAtPercentile(50) / 1000.0,
          placement.getValueAtPercentile(99) / 1000.0,
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0,
          refused.get(),
          round.rejected(),
          round.pending());
      System.out.printf(
          "  cores used while offered (of %d): %s%n",
          Runtime.getRuntime().availableProcessors(), cpuAfter.since(cpuBefore));
      System.out.printf(
          "  database work per order placed: %s%n",
          writtenAfter.perOrderSince(writtenBefore, placed.get()));
      System.out.printf(
          "  rows updated per order by table (heap-only): %s%n",
          writtenAfter.updatesPerOrderSince(writtenBefore, placed.get()));
      attack.report();
    }
  }

  /**
   * An honest shopper's checkout, from one of many addresses as the Ingress would say who each is:
   * the order's id once placed, null when refused.
   */
  static Future<String> placeHonestly(HttpClient http, JsonObject order, String shopper) {
    return checkout(
            http,
            order,
            Map.of("Authorization", "Bearer " + shopper, "X-Forwarded-For", honestAddress()))
        .compose(
            response ->
                response
                    .body()
                    .map(
                        body ->
                            response.statusCode() == 201
                                ? new JsonObject(body).getString("id")
                                : null));
  }

  /**
   * A checkout as a client sends it: a key of its own, the order as JSON, and {@code headers} (who
   * is signed in, whom the Ingress says is asking).
   */
  static Future<HttpClientResponse> checkout(
      HttpClient http, JsonObject order, Map<String, String> headers) {
    return http.request(HttpMethod.POST, "/api/orders")
        .compose(
            request -> {
              request
                  .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                  .putHeader("Content-Type", "application/json");
              headers.forEach(request::putHeader);
              return request.send(order.toBuffer());
            });
  }

  /** An honest shopper's address: one of a city's worth, as the Ingress would report it. */
  static String honestAddress() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "10."
        + random.nextInt(256)
        + "."
        + random.nextInt(256)
        + "."
        + (1 + random.nextInt(254));
  }

  /**
   * A script checking out {@code perSecond} times a second from one address with made-up numbers,
   * beside the honest load; it counts what it got.
   */
  private static final class Attack {
    private final Map<Integer, AtomicLong> answers = new ConcurrentHashMap<>();
    private final Vertx vertx;
    private final int perSecond;
    private final long timer;

    Attack(
        Vertx vertx,
        HttpClient http,
        List<String> products,
        int perSecond,
        long started,
        long end) {
      this.vertx = vertx;
      this.perSecond = perSecond;
      if (perSecond <= 0) {
        timer = -1;
        return;
      }
      AtomicLong sent = new AtomicLong();
      timer =
          vertx.setPeriodic(
              10,
              id -> {
                long now = System.nanoTime();
                if (now >= end) {
                  return;
                }
                long due = (now - started) * perSecond / 1_000_000_000L - sent.get();
                for (long i = 0; i < due; i++) {
                  sent.incrementAndGet();
                  JsonObject order = order(products);
                  order
                      .getJsonObject("contact")
                      .put(
                          "phone",
                          "+2126" + (10_000_000 + ThreadLocalRandom.current().nextInt(89_999_999)));
                  checkout(http, order, Map.of("X-Forwarded-For", ATTACKER))
                      .compose(response -> response.body().map(body -> response.statusCode()))
                      .onComplete(
                          outcome ->
                              answers
                                  .computeIfAbsent(
                                      outcome.succeeded() ? outcome.result() : -1,
                                      status -> new AtomicLong())
                                  .incrementAndGet());
                }
              });
    }

    void stop() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }

    void report() {
      if (perSecond > 0) {
        System.out.printf(
            "  the attacker's checkouts by answer (status: count, -1 = no answer): %s%n", answers);
      }
    }
  }

  /** Where the time went, from the order history: placement to reserved, reserved to confirmed. */
  private static void printStages(LocalPlatform platform) throws Exception {
    String sql =
        """
        SELECT h.to_status,
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.at - prev.at) * 1000) AS p50,
               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM h.at - prev.at) * 1000) AS p99
        FROM orders.order_status_history h
        JOIN orders.order_status_history prev ON prev.order_id = h.order_id AND prev.to_status = h.from_status
        GROUP BY h.to_status ORDER BY h.to_status
        """;
    // What the orders owed their cooperatives and shoppers (warm-up included), when the run ended:
    // how many went out on each channel, how long after they were written, and what still waits.
    String notifications =
        """
        SELECT channel, status, count(*),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at) * 1000),
               percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM sent_at - created_at) * 1000)
        FROM notifications.notifications GROUP BY channel, status ORDER BY channel, status
        """;
    try (var orders = platform.serviceDatabase(OrderService.NAME).connect();
        var statement = orders.createStatement();
        var rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        System.out.printf(
            "  stage → %-9s p50 %8.1f ms   p99 %8.1f ms%n",
            rows.getString(1), rows.getDouble(2), rows.getDouble(3));
      }
    }
    Hops.print(
        platform.infrastructure().kafkaBootstrapServers(),
        Map.of(
            CatalogService.SCHEMA, platform.serviceDatabase(CatalogService.NAME),
            OrderService.SCHEMA, platform.serviceDatabase(OrderService.NAME),
            PaymentService.SCHEMA, platform.serviceDatabase(PaymentService.NAME)));
    try (var connection = platform.serviceDatabase(NotificationService.NAME).connect();
        var statement = connection.createStatement();
        var rows = statement.executeQuery(notifications)) {
      while (rows.next()) {
        System.out.printf(
            "  notifications %-8s %-9s %7d, written → sent p50 %8.1f ms, p99 %8.1f ms%n",
            rows.getString(1),
            rows.getString(2),
            rows.getLong(3),
            rows.getDouble(4),
            rows.getDouble(5));
      }
    }
  }

  static JsonObject order(List<String> products) {
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
        .put("contact", new JsonObject().put("name", "Shopper").put("phone", PHONE))
        .put(
            "shippingAddress",
            new JsonObject()
                .put("line1", "Rue 1")
                .put("city", "Agadir")
                .put("region", "souss-massa"))
        .put("paymentMethod", "CASH_ON_DELIVERY")
        .put("language", "fr");
  }

  /**
   * Watches order.events for each placed order's outcome and records the time it took, in the
   * {@link Round} the order was sent in: an order sent during the warm-up and answered after it
   * ended is never counted in the measured window.
   */
  static final class Confirmations {
    final KafkaConsumer<String, String> consumer;
    private final Map<String, Awaited> awaited = new ConcurrentHashMap<>();
    private final Map<String, Outcome> early = new ConcurrentHashMap<>();

    /** An order placed and not yet confirmed: when it was sent, and in which round. */
    private record Awaited(long sent, Round round) {}

    /** What became of an order before its checkout's answer was read. */
    private record Outcome(long at, boolean confirmed) {}

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
            // The type alone is read, as the services' consumers read it: most events on
            // this topic are neither outcome, and the generator shares the cores it measures. An
            // order's events are keyed by the order's id (the outbox keys each by its subject).
            String type = EventMapper.typeOnly(record.value()).orElse("");
            if (type.equals(confirmed)) {
              confirmations.arrived(record.key(), new Outcome(now, true));
            } else if (type.equals(rejectedType)) {
              confirmations.arrived(record.key(), new Outcome(now, false));
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

    /** A new round of orders, whose confirmations {@code latency} records. */
    Round round(Histogram latency) {
      early.clear(); // confirmations of orders whose answer never came: not this round's
      return new Round(latency);
    }

    private void expect(String orderId, long sent, Round round) {
      Outcome outcome = early.remove(orderId);
      if (outcome != null) {
        round.ended(outcome, sent);
      } else {
        awaited.put(orderId, new Awaited(sent, round));
      }
    }

    private void arrived(String orderId, Outcome outcome) {
      Awaited order = awaited.remove(orderId);
      if (order != null) {
        order.round().ended(outcome, order.sent());
      } else {
        early.put(orderId, outcome); // before the POST's answer was read
      }
    }

    /**
     * The orders of one run (the warm-up, the measured window): counted from being sent until
     * confirmed, rejected or refused, so that {@link #pending} includes checkouts not yet answered.
     */
    final class Round {
      private final Histogram latency;
      private final AtomicLong pending = new AtomicLong();
      private final AtomicLong rejected = new AtomicLong();

      private Round(Histogram latency) {
        this.latency = latency;
      }

      /** An order is being sent: pending until its outcome is known. */
      void sending() {
        pending.incrementAndGet();
      }

      /** The checkout placed it as {@code orderId}: pending until its confirmation. */
      void placed(String orderId, long sent) {
        expect(orderId, sent, this);
      }

      /** The checkout refused it: nothing more to wait for. */
      void refused() {
        pending.decrementAndGet();
      }

      long pending() {
        return pending.get();
      }

      long rejected() {
        return rejected.get();
      }

      private synchronized void ended(Outcome outcome, long sent) {
        if (outcome.confirmed()) {
          latency.recordValue(
              Math.min((outcome.at() - sent) / 1000, latency.getHighestTrackableValue()));
        } else {
          rejected.incrementAndGet();
        }
        pending.decrementAndGet();
      }
    }
  }

  static int freePort() {
    return FreePorts.next();
  }
}
