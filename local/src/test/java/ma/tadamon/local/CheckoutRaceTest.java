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
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import ma.tadamon.catalog.CatalogService;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.platform.testing.ConsumerGroups;
import ma.tadamon.platform.testing.PrometheusText;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The last units of a product, raced for by 200 shoppers checking out over HTTP at once, through
 * the saga until the stock is decided (held for ten orders, which then wait for their shoppers'
 * phones; refused for the rest), with two catalog instances sharing the stock as two replicas
 * would.
 */
@ExtendWith(VertxExtension.class)
class CheckoutRaceTest {

  private static final UUID TIFAOUINE = DemoCatalog.cooperativeId("tifaouine-argan");
  private static final UUID SOAP = DemoCatalog.productId("tifaouine-argan", "argan-soap");
  private static final int SHOPPERS = 200;
  private static final int UNITS = 10;

  private static LocalPlatform platform;
  private static RunningService secondCatalog;
  private static int secondCatalogPort;
  private static WebClient http;
  private static PlatformDatabase database;

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> environment = new HashMap<>(TestPlatform.settings().asMap());
    platform = LocalPlatform.start(new LocalPlatform.Options(null, FreePorts.next(), environment));
    // A second catalog instance on the same database and consumer group, as a second replica.
    secondCatalogPort = FreePorts.next();
    Settings second =
        TestPlatform.settings()
            .with(
                Map.of(
                    "HTTP_PORT",
                    String.valueOf(secondCatalogPort),
                    "PG_DATABASE",
                    platform.serviceDatabase(CatalogService.NAME).database()));
    secondCatalog =
        await(ServiceRuntime.start(CatalogService.NAME, second, CatalogService::new), 120);
    http = PlatformHttp.client(vertx, platform);
    database = PlatformDatabase.open(vertx, platform);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> count("SELECT count(*) FROM orders.catalog_products WHERE id = $1", SOAP) == 1);
  }

  @AfterAll
  static void stop() {
    await(database.close(), 10);
    await(secondCatalog.close(), 30);
    platform.close();
  }

  @Test
  void two_hundred_shoppers_checking_out_at_once_for_the_last_ten_never_oversell() {
    String cooperative = platform.cooperativeToken(TIFAOUINE);
    JsonObject before = ownView(cooperative);
    HttpResponse<Buffer> restocked =
        await(
            http.put("/api/catalog/products/" + SOAP + "/stock")
                .bearerTokenAuthentication(cooperative)
                .sendJsonObject(
                    new JsonObject().put("onHand", before.getInteger("stockReserved") + UNITS)),
            10);
    assertThat(restocked.statusCode()).isEqualTo(200);
    ConsumerGroups.awaitSharedBy("catalog-service.stock", 2);
    double[] consumedBefore = placedConsumedByEachInstance();

    List<Future<HttpResponse<Buffer>>> checkouts =
        IntStream.range(0, SHOPPERS)
            .mapToObj(
                shopper ->
                    http.post("/api/orders")
                        .putHeader("Idempotency-Key", "race-" + UUID.randomUUID())
                        .sendJsonObject(checkout(shopper)))
            .toList();
    await(Future.join(checkouts), 60);
    assertThat(checkouts).allSatisfy(c -> assertThat(c.result().statusCode()).isEqualTo(201));
    UUID[] orders =
        checkouts.stream()
            .map(c -> UUID.fromString(c.result().bodyAsJsonObject().getString("id")))
            .toArray(UUID[]::new);

    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () ->
                count(
                        "SELECT count(*) FROM orders.orders WHERE id = ANY($1)"
                            + " AND status IN ('RESERVED', 'CONFIRMED', 'REJECTED')",
                        orders)
                    == SHOPPERS);
    assertThat(
            count(
                "SELECT count(*) FROM orders.orders WHERE id = ANY($1) AND status <> 'REJECTED'",
                orders))
        .isEqualTo(UNITS);
    JsonObject after = ownView(cooperative);
    assertThat(after.getInteger("stockOnHand") - after.getInteger("stockReserved")).isZero();

    // Both replicas took orders from the race: each applied some of the 200 placements.
    double[] consumedAfter = placedConsumedByEachInstance();
    double first = consumedAfter[0] - consumedBefore[0];
    double second = consumedAfter[1] - consumedBefore[1];
    assertThat(first).as("orders the first catalog applied").isPositive();
    assertThat(second).as("orders the second catalog applied").isPositive();
    assertThat(first + second).isEqualTo(SHOPPERS);
  }

  private static JsonObject checkout(int shopper) {
    return new JsonObject()
        .put(
            "lines",
            new JsonArray()
                .add(new JsonObject().put("productId", SOAP.toString()).put("quantity", 1)))
        .put(
            "contact",
            new JsonObject()
                .put("name", "Shopper " + shopper)
                .put("phone", String.format("+2126610%05d", shopper)))
        .put(
            "shippingAddress",
            new JsonObject()
                .put("line1", "Derb " + shopper)
                .put("city", "Agadir")
                .put("postalCode", "80000")
                .put("region", "souss-massa"))
        .put("paymentMethod", "CASH_ON_DELIVERY")
        .put("language", "fr");
  }

  private static JsonObject ownView(String cooperativeToken) {
    JsonObject products =
        await(
                http.get("/api/catalog/cooperatives/" + TIFAOUINE + "/products")
                    .bearerTokenAuthentication(cooperativeToken)
                    .send(),
                10)
            .bodyAsJsonObject();
    assertThat(products.getJsonArray("items")).as(products.encode()).isNotNull();
    return products.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(product -> product.getString("id").equals(SOAP.toString()))
        .findFirst()
        .orElseThrow();
  }

  /** How many order placements each catalog instance applied, from its own metrics. */
  private static double[] placedConsumedByEachInstance() {
    return new double[] {
      placedConsumed(platform.servicePort(CatalogService.NAME)), placedConsumed(secondCatalogPort)
    };
  }

  private static double placedConsumed(int port) {
    String metrics = await(http.get(port, "localhost", "/metrics").send(), 10).bodyAsString();
    return PrometheusText.sum(
        metrics,
        "tadamon_events_consumed_total",
        Map.of(
            "consumer", "catalog-service.stock",
            "outcome", "applied",
            "type", "ma.tadamon.order.placed.v1"));
  }

  /** What order-service wrote: how many rows a query with one parameter counts. */
  private static long count(String sql, Object parameter) {
    return await(database.orders().preparedQuery(sql).execute(Tuple.of(parameter)), 10)
        .iterator()
        .next()
        .getLong(0);
  }
}
