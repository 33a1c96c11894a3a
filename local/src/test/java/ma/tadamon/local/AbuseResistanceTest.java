package ma.tadamon.local;

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
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The attack this platform was tried with, against the whole local platform with its shipped
 * limits: a script placing cash-on-delivery orders with made-up numbers from many addresses. It may
 * hold some stock for a few minutes, never reaches a cooperative, and the stock goes back on sale
 * at the deadline (six seconds here, ten minutes by default).
 */
@ExtendWith(VertxExtension.class)
class AbuseResistanceTest {

  private static final UUID SOAP = DemoCatalog.productId("tifaouine-argan", "argan-soap");
  private static final UUID TIFAOUINE = DemoCatalog.cooperativeId("tifaouine-argan");

  private static LocalPlatform platform;
  private static WebClient direct;
  private static WebClient http;
  private static PlatformDatabase database;

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> environment = new HashMap<>(TestPlatform.settings().asMap());
    environment.keySet().removeAll(TestPlatform.RATE_LIMITS_OFF.keySet());
    environment.put("ORDER_PHONE_CONFIRMATION_TIMEOUT_SECONDS", "6");
    environment.put("ORDER_PHONE_CONFIRMATION_CHECK_SECONDS", "1");
    platform = LocalPlatform.start(new LocalPlatform.Options(null, FreePorts.next(), environment));
    http = PlatformHttp.client(vertx, platform);
    direct = WebClient.create(vertx);
    database = PlatformDatabase.open(vertx, platform);
    // Checkouts are counted against the limits before order-service looks the product up: one
    // sent before it has learnt the demo catalog would use up the limit and be refused.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(
                        database.orders(),
                        "SELECT count(*) FROM orders.catalog_products WHERE id::text = ANY($1)",
                        List.of(SOAP.toString()))
                    == 1);
  }

  @AfterAll
  static void stop() {
    await(database.close(), 10);
    platform.close();
  }

  @Test
  void
      sixty_made_up_orders_from_sixty_addresses_never_reach_the_cooperative_and_give_the_stock_back() {
    // Plenty on the shelf, whatever other tests left: the limits, not the stock, stop the script.
    int reserved = stock(SOAP)[1];
    HttpResponse<Buffer> restocked =
        await(
            http.put("/api/catalog/products/" + SOAP + "/stock")
                .bearerTokenAuthentication(platform.token(Role.OPERATOR))
                .sendJsonObject(new JsonObject().put("onHand", reserved + 100)),
            10);
    assertThat(restocked.statusCode()).as(restocked.bodyAsString()).isEqualTo(200);
    int[] before = stock(SOAP);

    List<Future<HttpResponse<Buffer>>> attack =
        IntStream.range(0, 60)
            .mapToObj(i -> checkout("10.66." + i + ".7", String.format("+2126990%05d", i)))
            .toList();
    await(Future.join(attack), 60);

    List<String> placed =
        attack.stream()
            .map(Future::result)
            .filter(answer -> answer.statusCode() == 201)
            .map(answer -> answer.bodyAsJsonObject().getString("id"))
            .toList();
    long refused = attack.stream().filter(answer -> answer.result().statusCode() == 429).count();
    // What each of the sixty was answered, to read a failure by: 201 and 429 only, thirty each.
    Map<Integer, Long> answers =
        attack.stream()
            .collect(
                Collectors.groupingBy(
                    answer -> answer.result().statusCode(), TreeMap::new, Collectors.counting()));
    assertThat(placed)
        .as("the product's limit: thirty in ten minutes; the answers were " + answers)
        .hasSize(30);
    assertThat(refused).isEqualTo(30);

    // The thirty hold their stock while they wait for codes nobody will type.
    await().atMost(Duration.ofSeconds(30)).until(() -> stock(SOAP)[1] == before[1] + 30);
    JsonArray portal =
        await(
                http.get("/api/cooperatives/" + TIFAOUINE + "/orders")
                    .bearerTokenAuthentication(platform.cooperativeToken(TIFAOUINE))
                    .send(),
                10)
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(portal.stream().map(part -> ((JsonObject) part).getString("orderId")))
        .as("no made-up order in the cooperative's portal")
        .noneMatch(placed::contains);

    // At the deadline every one is cancelled and the stock is back on sale.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(
                        database.orders(),
                        "SELECT count(*) FROM orders.orders WHERE id::text = ANY($1)"
                            + " AND status = 'CANCELLED'",
                        placed)
                    == 30);
    await().atMost(Duration.ofSeconds(30)).until(() -> stock(SOAP)[1] == before[1]);
    assertThat(
            count(
                database.notifications(),
                "SELECT count(*) FROM notifications.notifications WHERE order_id::text = ANY($1)"
                    + " AND recipient_kind = 'COOPERATIVE'",
                placed))
        .as("nothing was ever sent to the cooperative")
        .isZero();
    assertThat(
            await(
                    http.get("/api/orders/" + placed.get(0))
                        .bearerTokenAuthentication(platform.token(Role.OPERATOR))
                        .send(),
                    10)
                .bodyAsJsonObject()
                .getJsonArray("history")
                .stream()
                .map(step -> ((JsonObject) step).getString("cause")))
        .anyMatch(cause -> cause.contains("phone not confirmed within"));
  }

  /** A checkout sent to order-service as the Ingress would forward it from {@code address}. */
  private static Future<HttpResponse<Buffer>> checkout(String address, String phone) {
    JsonObject order =
        new JsonObject()
            .put(
                "lines",
                new JsonArray()
                    .add(new JsonObject().put("productId", SOAP.toString()).put("quantity", 1)))
            .put("contact", new JsonObject().put("name", "Bot").put("phone", phone))
            .put(
                "shippingAddress",
                new JsonObject()
                    .put("line1", "Derb 1")
                    .put("city", "Agadir")
                    .put("postalCode", "80000")
                    .put("region", "souss-massa"))
            .put("paymentMethod", "CASH_ON_DELIVERY")
            .put("language", "fr");
    return direct
        .post(platform.servicePort("order-service"), "localhost", "/api/orders")
        .putHeader("Idempotency-Key", UUID.randomUUID().toString())
        .putHeader("X-Forwarded-For", address)
        .sendJsonObject(order);
  }

  /** On hand and reserved. */
  private static int[] stock(UUID product) {
    Row row =
        await(
                database
                    .catalog()
                    .preparedQuery(
                        "SELECT stock_on_hand, stock_reserved FROM catalog.products WHERE id = $1")
                    .execute(Tuple.of(product)),
                10)
            .iterator()
            .next();
    return new int[] {row.getInteger(0), row.getInteger(1)};
  }

  private static long count(Pool database, String sql, List<String> ids) {
    return await(database.preparedQuery(sql).execute(Tuple.of(ids.toArray(String[]::new))), 10)
        .iterator()
        .next()
        .getLong(0);
  }
}
