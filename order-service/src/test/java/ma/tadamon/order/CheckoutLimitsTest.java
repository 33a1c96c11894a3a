package ma.tadamon.order;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.events.catalog.ProductState;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.platform.testing.EventPublisher;
import ma.tadamon.platform.testing.Handled;
import ma.tadamon.platform.testing.ProofOfWorkSolver;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The checkout's rate limits with their shipped defaults, on two replicas of order-service sharing
 * one database behind a proxy that says who the client is: a burst from one address is refused with
 * 429 before it places anything, a person behind that address passes with a proof of work, and a
 * phone number's cap holds whichever replica is asked, proof or not.
 */
@ExtendWith(VertxExtension.class)
class CheckoutLimitsTest {

  private static final UUID COOPERATIVE = UUID.randomUUID();
  private static final UUID OIL = UUID.randomUUID();
  private static final UUID HONEY = UUID.randomUUID();
  private static final UUID DATES = UUID.randomUUID();

  private static RunningService first;
  private static RunningService second;
  private static WebClient http;
  private static int firstPort;
  private static int secondPort;
  private static Pool database;
  private static EventPublisher catalog;
  private static Handled orderEvents;

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> defaults =
        new HashMap<>(TestPlatform.settingsWithOwnDatabase("orders_limits").asMap());
    defaults.keySet().removeAll(TestPlatform.RATE_LIMITS_OFF.keySet());
    defaults.put("ORDER_ACCESS_TOKEN_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    defaults.put("HTTP_TRUSTED_PROXIES", "1");
    Settings settings = Settings.of(defaults);
    orderEvents = new Handled(settings, OrderService.SCHEMA, OrderService.NAME + ".saga");
    firstPort = FreePorts.next();
    secondPort = FreePorts.next();
    first =
        await(
            ServiceRuntime.start(
                OrderService.NAME,
                settings.with(Map.of("HTTP_PORT", String.valueOf(firstPort))),
                OrderService::new),
            120);
    second =
        await(
            ServiceRuntime.start(
                OrderService.NAME,
                settings.with(Map.of("HTTP_PORT", String.valueOf(secondPort))),
                OrderService::new),
            120);
    http = WebClient.create(vertx);
    database = Database.pool(vertx, PostgresSettings.from(settings), "orders", "limits-test");
    catalog = new EventPublisher(vertx, "/catalog-service-under-test");
    catalog.publish(
        Topics.CATALOG_EVENTS,
        new CooperativeRegistered(
            new CooperativeState(
                COOPERATIVE,
                Map.of("fr", "Coopérative test"),
                "souss-massa",
                Map.of("fr", "Taliouine"),
                "+212661000000",
                null,
                "fr",
                List.of("sms"),
                true,
                true,
                null)),
        product(OIL, "Huile d'argan"),
        product(HONEY, "Miel de thym"),
        product(DATES, "Dattes Mejhoul"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(
                        "SELECT count(*) FROM catalog_products WHERE cooperative_id = $1",
                        COOPERATIVE)
                    == 3);
  }

  @AfterAll
  static void stop() {
    catalog.close();
    await(database.close(), 10);
    await(first.close(), 30);
    await(second.close(), 30);
  }

  @Test
  void a_burst_of_sixty_checkouts_from_one_address_is_mostly_refused_before_placing_anything() {
    List<Future<HttpResponse<Buffer>>> burst =
        IntStream.range(0, 60)
            .mapToObj(
                i ->
                    checkout(
                        i % 2 == 0 ? firstPort : secondPort,
                        "198.51.100.60",
                        String.format("+2126620%05d", i),
                        OIL))
            .toList();
    await(Future.join(burst), 60);

    List<HttpResponse<Buffer>> answers = burst.stream().map(Future::result).toList();
    List<HttpResponse<Buffer>> refused =
        answers.stream().filter(answer -> answer.statusCode() == 429).toList();
    List<HttpResponse<Buffer>> placed =
        answers.stream().filter(answer -> answer.statusCode() == 201).toList();
    assertThat(placed.size() + refused.size())
        .as("nothing else than placed or refused")
        .isEqualTo(60);
    assertThat(placed.size())
        .as("the address's burst allowance, shared by both replicas")
        .isEqualTo(10);
    HttpResponse<Buffer> oneRefusal = refused.get(0);
    assertThat(oneRefusal.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(Long.parseLong(oneRefusal.getHeader("Retry-After"))).isBetween(1L, 60L);
    assertThat(oneRefusal.bodyAsJsonObject().getString("title"))
        .isEqualTo("Une courte vérification est nécessaire");
    assertThat(oneRefusal.bodyAsJsonObject().getJsonObject("challenge").getString("signature"))
        .as("the way past the address's limit: a proof of work")
        .isNotBlank();
    // Refused checkouts left no order and asked the catalog for no stock.
    assertThat(count("SELECT count(*) FROM orders WHERE contact_phone LIKE '+2126620%'"))
        .isEqualTo(10);
    assertThat(
            placed.stream()
                .map(answer -> answer.bodyAsJsonObject().getString("id"))
                .mapToLong(order -> orderEvents.published(OrderPlaced.class, order)))
        .containsOnly(1L);

    // Another client, elsewhere, checks out as usual meanwhile.
    assertThat(await(checkout(firstPort, "203.0.113.25", "+212663000001", OIL), 10).statusCode())
        .isEqualTo(201);
  }

  @Test
  void
      past_the_address_limit_a_solved_challenge_places_one_order_and_the_phone_limit_still_holds() {
    String address = "198.51.100.77";
    IntStream.range(0, 10)
        .forEach(
            i ->
                assertThat(
                        await(checkout(firstPort, address, "+2126670000" + i, OIL, null), 10)
                            .statusCode())
                    .isEqualTo(201));
    HttpResponse<Buffer> challenged =
        await(checkout(secondPort, address, "+212667100000", OIL, null), 10);
    assertThat(challenged.statusCode()).isEqualTo(429);
    String solved =
        ProofOfWorkSolver.solve(challenged.bodyAsJsonObject().getJsonObject("challenge"));

    assertThat(await(checkout(firstPort, address, "+212667100000", OIL, solved), 10).statusCode())
        .as("a person behind a busy address, whose browser did the work")
        .isEqualTo(201);
    HttpResponse<Buffer> replayed =
        await(checkout(secondPort, address, "+212667100001", OIL, solved), 10);
    assertThat(replayed.statusCode()).as("the same proof twice").isEqualTo(429);
    assertThat(replayed.bodyAsJsonObject().getJsonObject("challenge")).isNotNull();
    assertThat(
            await(
                    checkout(
                        firstPort,
                        address,
                        "+212667100002",
                        OIL,
                        ProofOfWorkSolver.answer(
                            challenged.bodyAsJsonObject().getJsonObject("challenge"), -1)),
                    10)
                .statusCode())
        .as("a wrong answer")
        .isEqualTo(429);

    // A proof lifts only the address's limit: one number's sixth order in the hour is refused.
    String phone = "+212667200000";
    for (int i = 0; i < 5; i++) {
      String proof =
          ProofOfWorkSolver.solve(
              await(checkout(firstPort, address, phone, HONEY, null), 10)
                  .bodyAsJsonObject()
                  .getJsonObject("challenge"));
      assertThat(await(checkout(secondPort, address, phone, HONEY, proof), 10).statusCode())
          .isEqualTo(201);
    }
    String sixth =
        ProofOfWorkSolver.solve(
            await(checkout(firstPort, address, phone, HONEY, null), 10)
                .bodyAsJsonObject()
                .getJsonObject("challenge"));
    HttpResponse<Buffer> capped = await(checkout(firstPort, address, phone, HONEY, sixth), 10);
    assertThat(capped.statusCode()).isEqualTo(429);
    assertThat(capped.bodyAsJsonObject().containsKey("challenge"))
        .as("no proof passes a phone number's limit")
        .isFalse();
  }

  @Test
  void one_phone_number_places_five_orders_an_hour_whichever_replica_and_address() {
    List<Integer> statuses =
        IntStream.range(0, 7)
            .mapToObj(
                i ->
                    await(
                            checkout(
                                i % 2 == 0 ? firstPort : secondPort,
                                "192.0.2." + (10 + i),
                                "+212664999999",
                                HONEY),
                            10)
                        .statusCode())
            .toList();

    assertThat(statuses).containsExactly(201, 201, 201, 201, 201, 429, 429);
  }

  @Test
  void a_product_is_checked_out_thirty_times_in_ten_minutes_from_however_many_addresses() {
    List<Integer> statuses =
        IntStream.range(0, 35)
            .mapToObj(
                i ->
                    await(
                            checkout(
                                i % 2 == 0 ? firstPort : secondPort,
                                "10.20." + i + ".1",
                                String.format("+2126650%05d", i),
                                DATES),
                            10)
                        .statusCode())
            .toList();

    assertThat(statuses.subList(0, 30)).containsOnly(201);
    assertThat(statuses.subList(30, 35)).containsOnly(429);
  }

  private static Future<HttpResponse<Buffer>> checkout(
      int port, String clientAddress, String phone, UUID product) {
    return checkout(port, clientAddress, phone, product, null);
  }

  private static Future<HttpResponse<Buffer>> checkout(
      int port, String clientAddress, String phone, UUID product, String proofOfWork) {
    JsonObject order =
        new JsonObject()
            .put(
                "lines",
                new JsonArray()
                    .add(new JsonObject().put("productId", product.toString()).put("quantity", 1)))
            .put("contact", new JsonObject().put("name", "Client").put("phone", phone))
            .put(
                "shippingAddress",
                new JsonObject()
                    .put("line1", "Derb 1")
                    .put("city", "Agadir")
                    .put("postalCode", "80000")
                    .put("region", "souss-massa"))
            .put("paymentMethod", "CASH_ON_DELIVERY")
            .put("language", "fr");
    var request = http.post(port, "localhost", "/api/orders");
    if (proofOfWork != null) {
      request.putHeader("Altcha", proofOfWork);
    }
    return request
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        // This test is the proxy in front: it appends the address it saw.
        .putHeader("X-Forwarded-For", clientAddress)
        .putHeader("Accept-Language", "fr")
        .sendJsonObject(order);
  }

  private static ProductPublished product(UUID id, String name) {
    return new ProductPublished(
        new ProductState(
            id,
            COOPERATIVE,
            Map.of("fr", name),
            "argan-oil",
            12000,
            "250 ml",
            true,
            true,
            List.of()));
  }

  private static long count(String sql, Object... parameters) {
    return await(database.preparedQuery(sql).execute(Tuple.from(parameters)), 10)
        .iterator()
        .next()
        .getLong(0);
  }
}
