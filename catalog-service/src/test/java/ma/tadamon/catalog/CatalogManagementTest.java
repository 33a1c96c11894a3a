package ma.tadamon.catalog;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.photos.TestPhotos;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.events.catalog.CooperativeUpdated;
import ma.tadamon.events.catalog.CooperativeVerified;
import ma.tadamon.events.catalog.ProductAvailabilityChanged;
import ma.tadamon.events.catalog.ProductPriceChanged;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.events.catalog.ProductUpdated;
import ma.tadamon.events.catalog.ProductWithdrawn;
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
 * Operators register and verify cooperatives; cooperatives keep their profile and their products;
 * nobody touches what is not theirs; every change is announced on catalog.events.
 */
@ExtendWith(VertxExtension.class)
class CatalogManagementTest {

  private static CatalogUnderTest catalog;
  private static WebClient http;
  private static TopicProbe probe;
  private static Vertx vertx;

  @BeforeAll
  static void startCatalog(Vertx testVertx) {
    vertx = testVertx;
    Settings settings = TestPlatform.settingsWithOwnDatabase("catalog_manage");
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
  void an_operator_registers_a_cooperative_which_sells_only_once_verified() {
    JsonObject registration = TestCatalogData.registration("ODCO-DT-2011-" + suffix());
    // Registered before its return address is known: it cannot be verified until it is.
    registration.remove("seller");

    HttpResponse<Buffer> registered = post("/api/catalog/cooperatives", operator(), registration);
    HttpResponse<Buffer> again = post("/api/catalog/cooperatives", operator(), registration);

    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    assertThat(again.statusCode()).as("the same registration sent again").isEqualTo(200);
    String id = registered.bodyAsJsonObject().getString("id");
    assertThat(again.bodyAsJsonObject().getString("id")).isEqualTo(id);
    assertThat(registered.bodyAsJsonObject().getBoolean("verified")).isFalse();
    assertThat(probe.awaitEvent(CooperativeRegistered.class, id).cooperative().verified())
        .isFalse();
    assertThat(probe.count(CooperativeRegistered.class, id)).isEqualTo(1);

    UUID product =
        UUID.fromString(createProduct(id, null, 4500, 10).bodyAsJsonObject().getString("id"));
    assertThat(get("/api/catalog/cooperatives/" + id, null).statusCode())
        .as("not public before verification")
        .isEqualTo(404);
    assertThat(get("/api/catalog/products/" + product, null).statusCode()).isEqualTo(404);
    assertThat(queue()).contains(id);

    HttpResponse<Buffer> tooSoon =
        post("/api/catalog/cooperatives/" + id + "/verify", operator(), null);
    assertThat(tooSoon.statusCode()).isEqualTo(409);
    assertThat(tooSoon.bodyAsJsonObject().getString("type"))
        .endsWith("/seller-information-missing");
    assertThat(tooSoon.bodyAsJsonObject().getJsonArray("missing"))
        .containsExactly("seller.returnAddress");
    HttpResponse<Buffer> badIce =
        put(
            "/api/catalog/cooperatives/" + id + "/seller",
            operator(),
            new JsonObject().put("ice", "12345").put("returnAddress", "Rissani"));
    assertThat(badIce.statusCode()).isEqualTo(422);
    assertThat(badIce.bodyAsString()).contains("ice");
    HttpResponse<Buffer> seller =
        put(
            "/api/catalog/cooperatives/" + id + "/seller",
            operator(),
            new JsonObject()
                .put("ice", "001525367000042")
                .put("taxId", "40123456")
                .put("returnAddress", "Ksar Tinrheras, Rissani"));
    assertThat(seller.statusCode()).as(seller.bodyAsString()).isEqualTo(200);
    assertThat(seller.bodyAsJsonObject().getJsonArray("missingToSell")).isEmpty();
    assertThat(
            put(
                    "/api/catalog/cooperatives/" + id + "/seller",
                    cooperative(UUID.randomUUID().toString()),
                    new JsonObject().put("returnAddress", "Ailleurs"))
                .statusCode())
        .as("another cooperative's")
        .isEqualTo(403);

    HttpResponse<Buffer> verified =
        post("/api/catalog/cooperatives/" + id + "/verify", operator(), null);
    HttpResponse<Buffer> verifiedAgain =
        post("/api/catalog/cooperatives/" + id + "/verify", operator(), null);

    assertThat(verified.statusCode()).isEqualTo(200);
    assertThat(verified.bodyAsJsonObject().getBoolean("verified")).isTrue();
    assertThat(verifiedAgain.statusCode()).isEqualTo(200);
    assertThat(probe.awaitEvent(CooperativeVerified.class, id).cooperative().verified()).isTrue();
    assertThat(probe.awaitEvent(CooperativeVerified.class, id).cooperative().seller())
        .as("who sells travels with the cooperative, for invoices and confirmations")
        .isEqualTo(
            new CooperativeState.Seller(
                registration.getString("registrationNumber"),
                "001525367000042",
                "40123456",
                "Ksar Tinrheras, Rissani"));
    JsonObject shown = get("/api/catalog/cooperatives/" + id, null).bodyAsJsonObject();
    assertThat(shown.getBoolean("verified")).isTrue();
    assertThat(shown.getJsonObject("seller").getString("returnAddress"))
        .as("public: the law asks it shown before an order")
        .isEqualTo("Ksar Tinrheras, Rissani");
    assertThat(
            get("/api/catalog/products/" + product, null)
                .bodyAsJsonObject()
                .getBoolean("available"))
        .isTrue();
    assertThat(queue()).doesNotContain(id);
    assertThat(probe.count(CooperativeVerified.class, id)).isEqualTo(1);
  }

  @Test
  void a_registration_number_belongs_to_one_cooperative() {
    String number = "ODCO-SM-2019-" + suffix();
    post("/api/catalog/cooperatives", operator(), TestCatalogData.registration(number));

    JsonObject other =
        TestCatalogData.registration(number.toLowerCase())
            .put("city", new JsonObject().put("fr", "Agadir"));
    HttpResponse<Buffer> conflict = post("/api/catalog/cooperatives", operator(), other);

    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.bodyAsJsonObject().getString("type")).endsWith("registration-number-taken");
  }

  @Test
  void registrations_are_checked_field_by_field() {
    JsonObject bad =
        TestCatalogData.registration("X-" + suffix())
            .put("region", "atlantis")
            .put("phone", "0612345678")
            .put("members", 0)
            .put("name", new JsonObject().put("de", "Genossenschaft"))
            .put("notificationChannels", new JsonArray().add("fax"));

    HttpResponse<Buffer> response = post("/api/catalog/cooperatives", operator(), bad);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(
            response.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(error -> ((JsonObject) error).getString("field"))
                .toList())
        .contains("region", "phone", "members", "name.de", "notificationChannels");
    assertThat(
            post(
                    "/api/catalog/cooperatives",
                    operator(),
                    TestCatalogData.registration("Y-" + suffix()).put("members", "many"))
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void only_operators_register_and_verify() {
    String id = registeredAndVerified();
    JsonObject registration = TestCatalogData.registration("ODCO-" + suffix());

    assertThat(post("/api/catalog/cooperatives", null, registration).statusCode()).isEqualTo(401);
    assertThat(post("/api/catalog/cooperatives", shopper(), registration).statusCode())
        .isEqualTo(403);
    assertThat(post("/api/catalog/cooperatives", cooperative(id), registration).statusCode())
        .isEqualTo(403);
    assertThat(
            post("/api/catalog/cooperatives/" + id + "/verify", cooperative(id), null).statusCode())
        .isEqualTo(403);
    assertThat(get("/api/catalog/cooperatives?verified=false", cooperative(id)).statusCode())
        .isEqualTo(403);
    assertThat(get("/api/catalog/cooperatives?verified=false", null).statusCode()).isEqualTo(401);
  }

  @Test
  void a_cooperative_edits_its_own_profile_and_no_other() {
    String own = registeredAndVerified();
    String other = registeredAndVerified();
    JsonObject profile =
        new JsonObject()
            .put(
                "name",
                new JsonObject().put("ar", "تعاونية النخيل").put("fr", "Coopérative Les Palmiers"))
            .put("story", new JsonObject().put("fr", "Des dattes de l'oasis, cueillies à la main."))
            .put("city", new JsonObject().put("ar", "أرفود").put("fr", "Erfoud"))
            .put("phone", "+212662000999")
            .put("email", "palmiers@example.org")
            .put("members", 31)
            .put("preferredLanguage", "ar")
            .put("notificationChannels", new JsonArray().add("sms"));

    HttpResponse<Buffer> updated =
        put("/api/catalog/cooperatives/" + own, cooperative(own), profile);
    HttpResponse<Buffer> intrusion =
        put("/api/catalog/cooperatives/" + other, cooperative(own), profile);

    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getInteger("members")).isEqualTo(31);
    assertThat(updated.bodyAsJsonObject().getString("region"))
        .as("not the cooperative's to change")
        .isEqualTo("draa-tafilalet");
    assertThat(probe.awaitEvent(CooperativeUpdated.class, own).cooperative().city())
        .isEqualTo(Map.of("ar", "أرفود", "fr", "Erfoud"));
    assertThat(intrusion.statusCode()).isEqualTo(403);
    assertThat(
            get("/api/catalog/cooperatives/" + other + "/profile", operator())
                .bodyAsJsonObject()
                .getJsonObject("city")
                .getString("fr"))
        .isEqualTo("Rissani");
    assertThat(
            get("/api/catalog/cooperatives/" + other + "/profile", cooperative(own)).statusCode())
        .isEqualTo(403);
  }

  @Test
  void a_cooperative_manages_its_products_and_every_change_is_announced() {
    String coop = registeredAndVerified();
    UUID chosenId = UUID.randomUUID();

    HttpResponse<Buffer> created = createProduct(coop, chosenId, 9000, 5);
    HttpResponse<Buffer> retried = createProduct(coop, chosenId, 9000, 5);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/api/catalog/products/" + chosenId);
    assertThat(retried.statusCode()).as("a retry creates nothing new").isEqualTo(200);
    assertThat(probe.awaitEvent(ProductPublished.class, chosenId).product().priceCentimes())
        .isEqualTo(9000);

    JsonObject edited = TestCatalogData.product(coop, null, 9900, null).put("unit", "1 kg");
    HttpResponse<Buffer> updated =
        put("/api/catalog/products/" + chosenId, cooperative(coop), edited);
    assertThat(updated.statusCode()).as(updated.bodyAsString()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getLong("priceCentimes")).isEqualTo(9900);
    assertThat(probe.awaitEvent(ProductPriceChanged.class, chosenId).previousPriceCentimes())
        .isEqualTo(9000);
    assertThat(probe.awaitEvent(ProductUpdated.class, chosenId).product().unit()).isEqualTo("1 kg");

    HttpResponse<Buffer> soldOut =
        put(
            "/api/catalog/products/" + chosenId + "/stock",
            cooperative(coop),
            new JsonObject().put("onHand", 0));
    assertThat(soldOut.statusCode()).isEqualTo(200);
    assertThat(probe.awaitEvent(ProductAvailabilityChanged.class, chosenId).product().inStock())
        .isFalse();
    put(
        "/api/catalog/products/" + chosenId + "/stock",
        cooperative(coop),
        new JsonObject().put("onHand", 7));
    probe.awaitEvent(
        ProductAvailabilityChanged.class, chosenId, event -> event.product().inStock());

    HttpResponse<Buffer> withdrawn =
        await(
            http.delete("/api/catalog/products/" + chosenId)
                .bearerTokenAuthentication(cooperative(coop))
                .send(),
            10);
    assertThat(withdrawn.statusCode()).isEqualTo(200);
    assertThat(withdrawn.bodyAsJsonObject().getBoolean("active")).isFalse();
    assertThat(probe.awaitEvent(ProductWithdrawn.class, chosenId).product().active()).isFalse();
    assertThat(
            get("/api/catalog/products/" + chosenId, null)
                .bodyAsJsonObject()
                .getBoolean("available"))
        .isFalse();
    assertThat(
            get("/api/catalog/products?cooperative=" + coop, null)
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .as("withdrawn products leave the shop")
        .isEmpty();

    JsonArray own =
        get("/api/catalog/cooperatives/" + coop + "/products", cooperative(coop))
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(own).hasSize(1);
    assertThat(own.getJsonObject(0).getInteger("stockOnHand")).isEqualTo(7);
    assertThat(own.getJsonObject(0).getInteger("stockReserved")).isZero();
  }

  @Test
  void nobody_touches_another_cooperatives_products() {
    String owner = registeredAndVerified();
    String intruder = registeredAndVerified();
    UUID product =
        UUID.fromString(createProduct(owner, null, 5000, 3).bodyAsJsonObject().getString("id"));

    assertThat(
            put(
                    "/api/catalog/products/" + product,
                    cooperative(intruder),
                    TestCatalogData.product(owner, null, 1, null))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            put(
                    "/api/catalog/products/" + product + "/stock",
                    cooperative(intruder),
                    new JsonObject().put("onHand", 0))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            await(
                    http.delete("/api/catalog/products/" + product)
                        .bearerTokenAuthentication(cooperative(intruder))
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(403);
    assertThat(createProduct(intruder, product, 5000, 3).statusCode())
        .as("another's product id")
        .isEqualTo(409);
    assertThat(
            post(
                    "/api/catalog/products",
                    cooperative(intruder),
                    TestCatalogData.product(owner, null, 100, 1))
                .statusCode())
        .as("a product for another cooperative")
        .isEqualTo(403);
    assertThat(
            get("/api/catalog/cooperatives/" + owner + "/products", cooperative(intruder))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post("/api/catalog/products", shopper(), TestCatalogData.product(owner, null, 100, 1))
                .statusCode())
        .isEqualTo(403);
    assertThat(
            post("/api/catalog/products", null, TestCatalogData.product(owner, null, 100, 1))
                .statusCode())
        .isEqualTo(401);
    assertThat(
            get("/api/catalog/products/" + product, null)
                .bodyAsJsonObject()
                .getLong("priceCentimes"))
        .isEqualTo(5000);
  }

  @Test
  void bad_products_and_stock_are_refused_with_the_fields_named() {
    String coop = registeredAndVerified();
    JsonObject bad =
        TestCatalogData.product(coop, null, -5, -1)
            .put("category", "gadgets")
            .put("unit", "")
            .put("imageUrls", new JsonArray().add("javascript:alert(1)"))
            .put("name", new JsonObject().put("fr", "x".repeat(151)));

    HttpResponse<Buffer> response = post("/api/catalog/products", cooperative(coop), bad);
    UUID product =
        UUID.fromString(createProduct(coop, null, 100, 2).bodyAsJsonObject().getString("id"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(
            response.bodyAsJsonObject().getJsonArray("errors").stream()
                .map(error -> ((JsonObject) error).getString("field"))
                .toList())
        .contains("priceCentimes", "stock", "category", "unit", "imageUrls[0]", "name.fr");
    // A cooperative reads the rules beside the fields in the portal's language.
    for (String language : List.of("ar", "fr")) {
      HttpResponse<Buffer> worded =
          await(
              http.post("/api/catalog/products")
                  .bearerTokenAuthentication(cooperative(coop))
                  .putHeader("Accept-Language", language)
                  .sendJsonObject(bad),
              10);
      assertThat(worded.getHeader("Content-Language")).isEqualTo(language);
      assertThat(worded.bodyAsJsonObject().getString("title"))
          .isNotEqualTo(response.bodyAsJsonObject().getString("title"));
      assertThat(
              worded.bodyAsJsonObject().getJsonArray("errors").stream()
                  .map(error -> ((JsonObject) error).getString("message"))
                  .toList())
          .as(language)
          .allSatisfy(
              message ->
                  assertThat(message)
                      .matches(
                          language.equals("ar")
                              ? "(?s).*\\p{IsArabic}.*"
                              : "(?s)^(?!.*\\b(must|is required|at most)\\b).*"));
    }
    assertThat(
            post(
                    "/api/catalog/products",
                    cooperative(coop),
                    TestCatalogData.product(coop, null, 100, 1).put("priceCentimes", 12.5))
                .statusCode())
        .as("centimes are whole")
        .isEqualTo(400);
    assertThat(
            put(
                    "/api/catalog/products/" + product + "/stock",
                    cooperative(coop),
                    new JsonObject().put("onHand", -1))
                .statusCode())
        .isEqualTo(422);
    assertThat(
            put("/api/catalog/products/" + product + "/stock", cooperative(coop), new JsonObject())
                .statusCode())
        .isEqualTo(422);
    assertThat(
            await(
                    http.put("/api/catalog/products/" + product + "/stock")
                        .bearerTokenAuthentication(cooperative(coop))
                        .sendBuffer(Buffer.buffer("{not json")),
                    10)
                .statusCode())
        .isEqualTo(400);
    assertThat(
            put(
                    "/api/catalog/products/" + UUID.randomUUID() + "/stock",
                    cooperative(coop),
                    new JsonObject().put("onHand", 1))
                .statusCode())
        .isEqualTo(404);
  }

  @Test
  void a_cooperative_adds_photos_that_shoppers_get_small_upright_and_without_gps() {
    String coop = registeredAndVerified();
    String product = createProduct(coop, null, 12_000, 10).bodyAsJsonObject().getString("id");
    String photos = "/api/catalog/products/" + product + "/photos";
    byte[] camera = TestPhotos.cameraJpeg(1600, 1200);

    HttpResponse<Buffer> added = upload(photos, cooperative(coop), camera);
    HttpResponse<Buffer> again = upload(photos, cooperative(coop), camera);

    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    JsonObject photo = added.bodyAsJsonObject();
    assertThat(photo.getInteger("width")).isEqualTo(1200);
    assertThat(again.statusCode()).as("a retried upload").isEqualTo(201);
    JsonObject shown = get("/api/catalog/products/" + product, null).bodyAsJsonObject();
    assertThat(shown.getJsonArray("photos")).as("the same photo, once").hasSize(1);
    JsonArray renditions = shown.getJsonArray("photos").getJsonObject(0).getJsonArray("renditions");
    assertThat(renditions.stream().map(r -> ((JsonObject) r).getInteger("width")))
        .containsExactly(320, 640, 1200);
    String url = renditions.getJsonObject(0).getString("url");
    HttpResponse<Buffer> small = get(url, null);
    assertThat(small.statusCode()).isEqualTo(200);
    assertThat(small.getHeader("Content-Type")).isEqualTo("image/jpeg");
    assertThat(small.getHeader("Cache-Control")).contains("immutable").contains("max-age=31536000");
    assertThat(TestPhotos.exifSegments(small.body().getBytes())).as("no GPS, no EXIF").isEmpty();
    assertThat(TestPhotos.decode(small.body().getBytes()).getWidth()).isEqualTo(320);
    assertThat(
            await(http.get(url).putHeader("If-None-Match", small.getHeader("ETag")).send(), 10)
                .statusCode())
        .isEqualTo(304);
    // Other services are told the rendition keys.
    assertThat(
            probe
                .awaitEvent(ProductUpdated.class, product, e -> !e.product().photos().isEmpty())
                .product()
                .photos()
                .get(0)
                .renditions())
        .containsKeys("320", "640", "1200");

    // Files that are not photos, and a cooperative that is not the product's.
    assertThat(upload(photos, cooperative(coop), TestPhotos.zip()).statusCode()).isEqualTo(415);
    assertThat(upload(photos, cooperative(coop), TestPhotos.animatedGif()).statusCode())
        .isEqualTo(415);
    HttpResponse<Buffer> bomb =
        upload(photos, cooperative(coop), TestPhotos.pngClaiming(20_000, 20_000));
    assertThat(bomb.statusCode()).isEqualTo(422);
    assertThat(bomb.getHeader("Content-Type")).isEqualTo("application/problem+json");
    String other = registeredAndVerified();
    assertThat(upload(photos, cooperative(other), TestPhotos.png(400, 300)).statusCode())
        .isEqualTo(403);
    assertThat(
            await(
                    http.delete(photos + "/" + photo.getString("id"))
                        .bearerTokenAuthentication(cooperative(other))
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(403);

    // Eight photos at most.
    for (int i = 1; i < 8; i++) {
      assertThat(upload(photos, cooperative(coop), TestPhotos.png(400 + i, 300)).statusCode())
          .isEqualTo(201);
    }
    HttpResponse<Buffer> ninth = upload(photos, cooperative(coop), TestPhotos.png(420, 300));
    assertThat(ninth.statusCode()).isEqualTo(422);
    assertThat(ninth.bodyAsJsonObject().getString("type")).endsWith("/too-many-photos");

    // The last becomes the main photo; the first is deleted, and its objects with it.
    JsonArray ids = new JsonArray();
    get("/api/catalog/products/" + product, null)
        .bodyAsJsonObject()
        .getJsonArray("photos")
        .forEach(p -> ids.add(((JsonObject) p).getString("id")));
    JsonArray reordered = new JsonArray().add(ids.getString(7));
    ids.stream().limit(7).forEach(reordered::add);
    HttpResponse<Buffer> ordered =
        await(
            http.put(photos).bearerTokenAuthentication(cooperative(coop)).sendJson(reordered), 10);
    assertThat(ordered.statusCode()).as(ordered.bodyAsString()).isEqualTo(200);
    assertThat(ordered.bodyAsJsonObject().getJsonArray("photos").getJsonObject(0).getString("id"))
        .isEqualTo(ids.getString(7));
    assertThat(
            await(
                    http.delete(photos + "/" + photo.getString("id"))
                        .bearerTokenAuthentication(cooperative(coop))
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(204);
    assertThat(
            get("/api/catalog/products/" + product, null).bodyAsJsonObject().getJsonArray("photos"))
        .hasSize(7);
    assertThat(get(url, null).statusCode()).as("its objects are gone").isEqualTo(404);
  }

  private static HttpResponse<Buffer> upload(String path, String token, byte[] bytes) {
    return await(
        http.post(path)
            .bearerTokenAuthentication(token)
            .putHeader("Content-Type", "application/octet-stream")
            .sendBuffer(Buffer.buffer(bytes)),
        30);
  }

  // --- helpers
  // -----------------------------------------------------------------------------------------

  private static String registeredAndVerified() {
    HttpResponse<Buffer> registered =
        post(
            "/api/catalog/cooperatives",
            operator(),
            TestCatalogData.registration("ODCO-" + suffix()));
    String id = registered.bodyAsJsonObject().getString("id");
    assertThat(post("/api/catalog/cooperatives/" + id + "/verify", operator(), null).statusCode())
        .isEqualTo(200);
    return id;
  }

  private static List<String> queue() {
    return get("/api/catalog/cooperatives?verified=false", operator())
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(coop -> ((JsonObject) coop).getString("id"))
        .toList();
  }

  /** The cooperative creates a product of its own. */
  private static HttpResponse<Buffer> createProduct(String coop, UUID id, long price, int stock) {
    return post(
        "/api/catalog/products",
        cooperative(coop),
        TestCatalogData.product(coop, id, price, stock));
  }

  private static String operator() {
    return TestPlatform.keys().token(vertx, "operator-test", Role.OPERATOR, null, 60);
  }

  private static String shopper() {
    return TestPlatform.keys().token(vertx, "shopper-test", Role.SHOPPER, null, 60);
  }

  private static String cooperative(String id) {
    return TestPlatform.keys()
        .token(vertx, "coop-user-" + id, Role.COOPERATIVE, UUID.fromString(id), 60);
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  private static HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    var request = http.post(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(body == null ? request.send() : request.sendJsonObject(body), 10);
  }

  private static HttpResponse<Buffer> put(String path, String token, JsonObject body) {
    var request = http.put(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.sendJsonObject(body), 10);
  }

  private static HttpResponse<Buffer> get(String path, String token) {
    var request = http.get(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.send(), 10);
  }
}
