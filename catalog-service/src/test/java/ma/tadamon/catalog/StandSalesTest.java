package ma.tadamon.catalog;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import ma.tadamon.events.catalog.FairScheduled;
import ma.tadamon.events.catalog.StandSaleRecorded;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sales at a fair stand, recorded from the portal over a connection that drops: counted once
 * however often they are sent, never more than is left on sale, the online stock lower by what left
 * the stand, announced for the fair's figures.
 */
@ExtendWith(VertxExtension.class)
class StandSalesTest {

  private static CatalogUnderTest catalog;
  private static WebClient http;
  private static TopicProbe probe;
  private static Vertx vertx;

  @BeforeAll
  static void startCatalog(Vertx testVertx) {
    vertx = testVertx;
    Settings settings = TestPlatform.settingsWithOwnDatabase("catalog_stand");
    probe = TopicProbe.watch(vertx, Topics.CATALOG_EVENTS);
    catalog = CatalogUnderTest.start(vertx, settings);
    http = catalog.http();
  }

  @AfterAll
  static void stopCatalog() {
    probe.close();
    catalog.stop();
  }

  @Test
  void a_sale_at_the_stand_lowers_the_stock_once_however_often_it_is_sent() {
    String coop = registeredAndVerified();
    UUID dates = createProduct(coop, 9_000, 10);
    String path = "/api/catalog/cooperatives/" + coop + "/stand-sales";
    JsonObject twoBoxes = new JsonObject().put("product", dates.toString()).put("quantity", 2);

    HttpResponse<Buffer> notYet = sale(path, cooperative(coop), "sale-0", twoBoxes);
    assertThat(notYet.statusCode()).as("no fair today yet").isEqualTo(409);
    assertThat(notYet.bodyAsString()).contains("no-fair-today");

    String slug = fairTodayWith(coop, "B7").slug();
    HttpResponse<Buffer> first = sale(path, cooperative(coop), "sale-1", twoBoxes);
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(201);
    JsonObject recorded = first.bodyAsJsonObject();
    assertThat(recorded.getLong("amountCentimes")).as("the shop's price").isEqualTo(18_000);
    assertThat(recorded.getInteger("stockAvailable")).isEqualTo(8);
    assertThat(recorded.getJsonObject("fair").getString("stand")).isEqualTo("B7");

    // The answer was lost: the phone sends it again, twice at once.
    List<HttpResponse<Buffer>> again =
        await(
                Future.all(
                    http.post(path)
                        .bearerTokenAuthentication(cooperative(coop))
                        .putHeader("Idempotency-Key", "sale-1")
                        .sendJsonObject(twoBoxes),
                    http.post(path)
                        .bearerTokenAuthentication(cooperative(coop))
                        .putHeader("Idempotency-Key", "sale-1")
                        .sendJsonObject(twoBoxes)),
                10)
            .list();
    assertThat(again)
        .allSatisfy(
            answer -> {
              assertThat(answer.statusCode()).isEqualTo(200);
              assertThat(answer.bodyAsJsonObject().getString("id"))
                  .isEqualTo(recorded.getString("id"));
            });
    assertThat(stockAvailable(coop, dates)).isEqualTo(8);

    // More than is left on sale: refused, and told how many are.
    JsonObject tooMany = new JsonObject().put("product", dates.toString()).put("quantity", 9);
    HttpResponse<Buffer> refused = sale(path, cooperative(coop), "sale-2", tooMany);
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/stand-sale-stock-short");
    assertThat(refused.bodyAsJsonObject().getInteger("available")).isEqualTo(8);
    assertThat(stockAvailable(coop, dates)).isEqualTo(8);

    // A fair price, the last eight.
    JsonObject discounted =
        new JsonObject()
            .put("product", dates.toString())
            .put("quantity", 8)
            .put("amountCentimes", 64_000);
    JsonObject last = sale(path, cooperative(coop), "sale-3", discounted).bodyAsJsonObject();
    assertThat(last.getLong("amountCentimes")).isEqualTo(64_000);
    assertThat(last.getInteger("stockAvailable")).isZero();

    JsonObject listed = get(path, cooperative(coop)).bodyAsJsonObject();
    assertThat(listed.getJsonArray("items")).hasSize(2);
    assertThat(listed.getInteger("quantity")).isEqualTo(10);
    assertThat(listed.getLong("amountCentimes")).isEqualTo(82_000);

    StandSaleRecorded announced = probe.awaitEvent(StandSaleRecorded.class, coop);
    assertThat(announced.campaignTag()).isEqualTo("fair-" + slug);
    assertThat(announced.via()).isEqualTo("PORTAL");
    assertThat(probe.count(StandSaleRecorded.class, coop)).isEqualTo(2);
  }

  @Test
  void every_change_to_a_fair_is_announced_with_the_stands_for_order_service() {
    String coop = registeredAndVerified();
    String other = registeredAndVerified();
    Exhibiting fair = fairTodayWith(coop, "D4");
    FairScheduled placed =
        probe.awaitEvent(FairScheduled.class, fair.fair(), event -> !event.stands().isEmpty());
    assertThat(placed.slug()).isEqualTo(fair.slug());
    assertThat(placed.campaignTag()).isEqualTo("fair-" + fair.slug());
    assertThat(placed.region()).isEqualTo("draa-tafilalet");
    assertThat(placed.endsOn()).isAfter(placed.startsOn());
    assertThat(placed.stands())
        .containsExactly(new FairScheduled.Stand(UUID.fromString(coop), "D4"));

    assertThat(
            await(
                    http.put("/api/catalog/fairs/" + fair.fair() + "/exhibitors/" + other)
                        .bearerTokenAuthentication(operator())
                        .sendJsonObject(new JsonObject().put("stand", "D5")),
                    10)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            await(
                    http.delete("/api/catalog/fairs/" + fair.fair() + "/exhibitors/" + coop)
                        .bearerTokenAuthentication(operator())
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(204);
    FairScheduled after =
        probe.awaitEvent(
            FairScheduled.class,
            fair.fair(),
            event -> event.stands().size() == 1 && event.stands().get(0).stand().equals("D5"));
    assertThat(after.stands().get(0).cooperativeId()).isEqualTo(UUID.fromString(other));
    assertThat(
            await(
                    http.put("/api/catalog/fairs/" + UUID.randomUUID() + "/exhibitors/" + coop)
                        .bearerTokenAuthentication(operator())
                        .sendJsonObject(new JsonObject().put("stand", "D6")),
                    10)
                .statusCode())
        .as("no such fair")
        .isEqualTo(404);
  }

  @Test
  void bad_sales_are_refused_and_change_nothing() {
    String coop = registeredAndVerified();
    String other = registeredAndVerified();
    UUID dates = createProduct(coop, 9_000, 10);
    UUID theirs = createProduct(other, 5_000, 10);
    fairTodayWith(coop, "C3");
    String path = "/api/catalog/cooperatives/" + coop + "/stand-sales";
    JsonObject one = new JsonObject().put("product", dates.toString()).put("quantity", 1);

    assertThat(
            await(
                    http.post(path)
                        .bearerTokenAuthentication(cooperative(coop))
                        .sendJsonObject(one),
                    10)
                .statusCode())
        .as("no Idempotency-Key")
        .isEqualTo(400);
    assertThat(sale(path, cooperative(coop), "k1", one.copy().put("quantity", 0)).statusCode())
        .isEqualTo(422);
    assertThat(
            sale(path, cooperative(coop), "k2", one.copy().put("product", theirs.toString()))
                .statusCode())
        .as("another cooperative's product")
        .isEqualTo(404);
    assertThat(sale(path, cooperative(other), "k3", one).statusCode())
        .as("another cooperative's stand")
        .isEqualTo(403);
    assertThat(stockAvailable(coop, dates)).isEqualTo(10);
    assertThat(stockAvailable(other, theirs)).isEqualTo(10);
  }

  private static HttpResponse<Buffer> sale(String path, String token, String key, JsonObject body) {
    HttpRequest<Buffer> request =
        http.post(path).bearerTokenAuthentication(token).putHeader("Idempotency-Key", key);
    return await(request.sendJsonObject(body), 10);
  }

  private static int stockAvailable(String coop, UUID product) {
    return get("/api/catalog/cooperatives/" + coop + "/products", cooperative(coop))
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(item -> item.getString("id").equals(product.toString()))
        .findFirst()
        .map(item -> item.getInteger("stockOnHand") - item.getInteger("stockReserved"))
        .orElseThrow();
  }

  /** A fair a cooperative exhibits at. */
  private record Exhibiting(UUID fair, String slug) {}

  private static Exhibiting fairTodayWith(String coop, String stand) {
    String slug = "oasis-" + UUID.randomUUID().toString().substring(0, 6);
    UUID fair = UUID.randomUUID();
    LocalDate today = LocalDate.now(ZoneId.of("Africa/Casablanca"));
    JsonObject draft =
        new JsonObject()
            .put("slug", slug)
            .put("name", new JsonObject().put("fr", "Salon des oasis").put("ar", "معرض الواحات"))
            .put("region", "draa-tafilalet")
            .put("city", new JsonObject().put("fr", "Errachidia"))
            .put("venue", new JsonObject().put("fr", "Place de la Marche verte"))
            .put("startsOn", today.minusDays(1).toString())
            .put("endsOn", today.plusDays(3).toString())
            .put("openingHours", "10:00–21:00");
    assertThat(
            await(
                    http.put("/api/catalog/fairs/" + fair)
                        .bearerTokenAuthentication(operator())
                        .sendJsonObject(draft),
                    10)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            await(
                    http.put("/api/catalog/fairs/" + fair + "/exhibitors/" + coop)
                        .bearerTokenAuthentication(operator())
                        .sendJsonObject(new JsonObject().put("stand", stand)),
                    10)
                .statusCode())
        .isEqualTo(200);
    // Every replica's calendar follows the fairs' changes: this one's, a moment later.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(
            () ->
                get("/api/catalog/cooperatives/" + coop + "/stand-sales", cooperative(coop))
                        .statusCode()
                    == 200);
    return new Exhibiting(fair, slug);
  }

  private static String registeredAndVerified() {
    HttpResponse<Buffer> registered =
        await(
            http.post("/api/catalog/cooperatives")
                .bearerTokenAuthentication(operator())
                .sendJsonObject(
                    TestCatalogData.registration(
                        "ODCO-STAND-" + UUID.randomUUID().toString().substring(0, 8))),
            10);
    String id = registered.bodyAsJsonObject().getString("id");
    assertThat(
            await(
                    http.post("/api/catalog/cooperatives/" + id + "/verify")
                        .bearerTokenAuthentication(operator())
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(200);
    return id;
  }

  private static UUID createProduct(String coop, long price, int stock) {
    UUID id = UUID.randomUUID();
    HttpResponse<Buffer> created =
        await(
            http.post("/api/catalog/products")
                .bearerTokenAuthentication(cooperative(coop))
                .sendJsonObject(TestCatalogData.product(coop, id, price, stock)),
            10);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return id;
  }

  private static HttpResponse<Buffer> get(String path, String token) {
    return await(http.get(path).bearerTokenAuthentication(token).send(), 10);
  }

  private static String operator() {
    return TestPlatform.keys().token(vertx, "operator-test", Role.OPERATOR, null, 60);
  }

  private static String cooperative(String id) {
    return TestPlatform.keys()
        .token(vertx, "coop-user-" + id, Role.COOPERATIVE, UUID.fromString(id), 60);
  }
}
