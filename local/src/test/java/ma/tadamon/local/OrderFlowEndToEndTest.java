package ma.tadamon.local;

import static ma.tadamon.local.PlatformDatabase.count;
import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import ma.tadamon.catalog.CatalogService;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.notification.NotificationService;
import ma.tadamon.order.OrderService;
import ma.tadamon.payment.PaymentService;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.storefront.StorefrontEdge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The walking skeleton, end to end: the local platform (four services and the storefront origin) on
 * real Kafka and PostgreSQL; orders placed over HTTP exactly as a shopper's browser or curl would.
 */
@ExtendWith(VertxExtension.class)
class OrderFlowEndToEndTest {

  private static final UUID ARGAN_OIL =
      DemoCatalog.productId("tifaouine-argan", "culinary-argan-250");
  private static final UUID SAFFRON = DemoCatalog.productId("siroua-saffron", "saffron-1g");
  private static final UUID ROSE_OIL = DemoCatalog.productId("ward-mgouna", "rose-oil-10");
  private static final UUID TIFAOUINE = DemoCatalog.cooperativeId("tifaouine-argan");
  private static final UUID SIROUA = DemoCatalog.cooperativeId("siroua-saffron");

  private static LocalPlatform platform;

  /** Shoppers' mobiles, one per order: a number gets a few SMS an hour. */
  private static final AtomicInteger nextPhone = new AtomicInteger();

  private static Vertx vertx;
  private static WebClient http;
  private static PlatformDatabase database;
  private static OtlpCollector collector;

  @BeforeAll
  static void startPlatform(Vertx testVertx) {
    vertx = testVertx;
    Map<String, String> environment = new HashMap<>(TestPlatform.settings().asMap());
    collector = OtlpCollector.start(testVertx, FreePorts.next());
    environment.put("OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint());
    environment.put("OTEL_BSP_SCHEDULE_DELAY_MS", "200");
    platform = LocalPlatform.start(new LocalPlatform.Options(null, FreePorts.next(), environment));
    http = PlatformHttp.client(vertx, platform);
    database = PlatformDatabase.open(vertx, platform);
    database.awaitDemoCatalogLearnt();
  }

  @AfterAll
  static void stopPlatform() {
    await(database.close(), 10);
    platform.close();
    collector.close();
  }

  @Test
  void a_cash_on_delivery_order_of_two_cooperatives_is_confirmed_and_everyone_is_notified() {
    JsonObject body = order(List.of(line(ARGAN_OIL, 2), line(SAFFRON, 1)), "souss-massa");

    HttpResponse<Buffer> placed = await(post(body, "checkout-" + UUID.randomUUID()), 10);

    assertThat(placed.statusCode()).isEqualTo(201);
    JsonObject order = placed.bodyAsJsonObject();
    // 2 × 120.00 + 60.00 of goods; both cooperatives are in Souss-Massa like the shopper: 25.00
    // shipping each.
    assertThat(order.getLong("totalCentimes")).isEqualTo(2 * 12000 + 6000 + 2 * 2500);
    assertThat(order.getString("currency")).isEqualTo("MAD");
    assertThat(order.getString("status")).isEqualTo("PLACED");
    assertThat(order.getJsonArray("cooperativeOrders"))
        .extracting(part -> ((JsonObject) part).getString("cooperativeId"))
        .containsExactlyInAnyOrder(TIFAOUINE.toString(), SIROUA.toString());
    String id = order.getString("id");
    String token = order.getString("accessToken");
    assertThat(token).hasSizeGreaterThanOrEqualTo(40);

    ShopperPhone.confirm(platform, http, order);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "CONFIRMED".equals(track(id, token).getString("status")));
    JsonObject confirmed = track(id, token);
    assertThat(confirmed.getJsonArray("history"))
        .extracting(step -> ((JsonObject) step).getString("to"))
        .containsExactly("PLACED", "RESERVED", "CONFIRMED");
    assertThat(confirmed.getJsonArray("cooperativeOrders"))
        .allSatisfy(part -> assertThat(((JsonObject) part).getString("status")).isEqualTo("NEW"));

    // Tifaouine is reached by SMS, Siroua by SMS and e-mail, the shopper by SMS and e-mail (and
    // before that by the SMS that brought the code).
    await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(id).size() == 6);
    JsonArray notifications = notificationsOf(id);
    Map<String, Long> byRecipient =
        notifications.stream()
            .map(JsonObject.class::cast)
            .collect(Collectors.groupingBy(n -> n.getString("recipientId"), Collectors.counting()));
    assertThat(byRecipient)
        .containsEntry(TIFAOUINE.toString(), 1L)
        .containsEntry(SIROUA.toString(), 2L)
        .containsEntry(id, 3L);
    JsonObject toTifaouine =
        notifications.stream()
            .map(JsonObject.class::cast)
            .filter(n -> n.getString("recipientId").equals(TIFAOUINE.toString()))
            .findFirst()
            .orElseThrow();
    assertThat(toTifaouine.getString("language")).isEqualTo("ar");
    assertThat(toTifaouine.getString("body")).contains(confirmed.getString("code")).contains("نعم");
    // Sent over SMPP to the SMS sandbox, whose receipt says the phone got it.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                notificationsOf(id).stream()
                    .map(JsonObject.class::cast)
                    .filter(n -> n.getString("recipientId").equals(TIFAOUINE.toString()))
                    .findFirst()
                    .orElseThrow()
                    .getString("status")
                    .equals("DELIVERED"));
    JsonArray onThePhone =
        await(WebClient.create(vertx).getAbs(platform.smsSandboxUrl() + "api/messages").send(), 10)
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(onThePhone.stream().map(JsonObject.class::cast))
        .anyMatch(
            sms ->
                sms.getString("phone").equals("+212661000101")
                    && sms.getString("text").contains(confirmed.getString("code"))
                    && sms.getInteger("segments") > 1);
    // The shopper's French SMS travels in the GSM alphabet and reads back with its accents.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                await(
                        WebClient.create(vertx)
                            .getAbs(platform.smsSandboxUrl() + "api/messages")
                            .send(),
                        10)
                    .bodyAsJsonObject()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonObject.class::cast)
                    .anyMatch(
                        sms ->
                            sms.getString("text")
                                .matches(
                                    Pattern.quote(
                                            "Tadamon : votre commande "
                                                + confirmed.getString("code")
                                                + " est confirmée. Total "
                                                + dirhams(order.getLong("totalCentimes"))
                                                + " DH, paiement à la livraison."
                                                + " Suivi, vendeurs et rétractation : "
                                                + platform.url()
                                                + "/s/"
                                                + confirmed.getString("code")
                                                + "-")
                                        + "[A-Za-z0-9_-]{12}")));

    HttpResponse<Buffer> payment =
        await(
            http.get("/api/payments/orders/" + id)
                .bearerTokenAuthentication(platform.token(Role.OPERATOR))
                .send(),
            10);
    assertThat(payment.bodyAsJsonObject().getString("status")).isEqualTo("AUTHORIZED");
    assertThat(payment.bodyAsJsonObject().getLong("amountCentimes"))
        .isEqualTo(order.getLong("totalCentimes"));
  }

  @Test
  void an_order_for_more_than_the_stock_is_rejected() {
    JsonObject body = order(List.of(line(ROSE_OIL, 26)), "oriental");

    JsonObject order = await(post(body, "checkout-" + UUID.randomUUID()), 10).bodyAsJsonObject();

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "REJECTED"
                    .equals(
                        track(order.getString("id"), order.getString("accessToken"))
                            .getString("status")));
  }

  @Test
  void checkout_follows_the_catalog_as_cooperatives_change_it() {
    String operator = platform.token(Role.OPERATOR);
    JsonObject product =
        new JsonObject()
            .put("cooperativeId", TIFAOUINE.toString())
            .put(
                "name",
                new JsonObject().put("fr", "Coffret argan et amlou").put("ar", "علبة أركان وأملو"))
            .put(
                "description",
                new JsonObject().put("fr", "Une huile et un amlou, en coffret cadeau."))
            .put("category", "argan-oil")
            .put("priceCentimes", 60000)
            .put("unit", "1 coffret")
            .put("stock", 5);
    String id =
        await(
                http.post("/api/catalog/products")
                    .bearerTokenAuthentication(operator)
                    .sendJsonObject(product),
                10)
            .bodyAsJsonObject()
            .getString("id");

    await(
        http.put("/api/catalog/products/" + id)
            .bearerTokenAuthentication(operator)
            .sendJsonObject(product.copy().put("priceCentimes", 61000)),
        10);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        database.orders(),
                        "SELECT count(*) FROM orders.catalog_products WHERE id = '"
                            + id
                            + "' AND price_centimes = 61000")
                    == 1);
    JsonObject order =
        await(post(order(List.of(line(UUID.fromString(id), 1)), "souss-massa"), key()), 10)
            .bodyAsJsonObject();
    assertThat(order.getLong("totalCentimes"))
        .as("the new price, and free shipping above 500 MAD")
        .isEqualTo(61000);

    await(
        http.delete("/api/catalog/products/" + id).bearerTokenAuthentication(operator).send(), 10);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        database.orders(),
                        "SELECT count(*) FROM orders.catalog_products WHERE id = '"
                            + id
                            + "' AND NOT active")
                    == 1);
    HttpResponse<Buffer> refused =
        await(post(order(List.of(line(UUID.fromString(id), 1)), "souss-massa"), key()), 10);
    assertThat(refused.statusCode()).as("a withdrawn product cannot be ordered").isEqualTo(422);
  }

  @Test
  void each_cooperative_fulfils_its_own_part_and_the_order_completes() {
    JsonObject placed =
        await(post(order(List.of(line(ARGAN_OIL, 1), line(SAFFRON, 1)), "souss-massa"), key()), 10)
            .bodyAsJsonObject();
    String id = placed.getString("id");
    String token = placed.getString("accessToken");
    ShopperPhone.confirm(platform, http, placed);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "CONFIRMED".equals(track(id, token).getString("status")));
    String tifaouine = platform.cooperativeToken(TIFAOUINE);
    String siroua = platform.cooperativeToken(SIROUA);

    JsonArray incoming =
        await(
                http.get("/api/cooperatives/" + TIFAOUINE + "/orders?status=NEW")
                    .bearerTokenAuthentication(tifaouine)
                    .send(),
                10)
            .bodyAsJsonObject()
            .getJsonArray("items");
    JsonObject mine =
        incoming.stream()
            .map(JsonObject.class::cast)
            .filter(part -> part.getString("orderId").equals(id))
            .findFirst()
            .orElseThrow();
    assertThat(mine.getJsonArray("lines")).as("only its own products").hasSize(1);
    assertThat(mine.getJsonObject("shippingAddress").getString("city")).isEqualTo("Tiznit");

    assertThat(act(id, TIFAOUINE, "ship", tifaouine, null).statusCode())
        .as("ship before accept")
        .isEqualTo(409);
    assertThat(act(id, SIROUA, "accept", tifaouine, null).statusCode())
        .as("another's part")
        .isEqualTo(403);
    assertThat(act(id, TIFAOUINE, "accept", tifaouine, null).statusCode()).isEqualTo(200);
    assertThat(act(id, TIFAOUINE, "accept", tifaouine, null).statusCode())
        .as("a retry")
        .isEqualTo(200);
    assertThat(
            act(
                    id,
                    TIFAOUINE,
                    "ship",
                    tifaouine,
                    new JsonObject().put("trackingReference", "AMANA-123"))
                .bodyAsJsonObject()
                .getJsonArray("cooperativeOrders")
                .getJsonObject(0)
                .getString("trackingReference"))
        .isEqualTo("AMANA-123");
    assertThat(act(id, TIFAOUINE, "deliver", tifaouine, null).statusCode()).isEqualTo(200);
    assertThat(act(id, TIFAOUINE, "deliver", tifaouine, null).statusCode())
        .as("delivered twice: a retry")
        .isEqualTo(200);
    assertThat(track(id, token).getString("status")).isEqualTo("CONFIRMED");

    assertThat(act(id, SIROUA, "decline", siroua, new JsonObject()).statusCode())
        .as("a reason is required")
        .isEqualTo(422);
    assertThat(
            act(
                    id,
                    SIROUA,
                    "decline",
                    siroua,
                    new JsonObject().put("reason", "la récolte est épuisée"))
                .statusCode())
        .isEqualTo(200);

    JsonObject done = track(id, token);
    assertThat(done.getString("status")).isEqualTo("COMPLETED");
    assertThat(
            done.getJsonArray("cooperativeOrders").stream()
                .map(part -> ((JsonObject) part).getString("status")))
        .containsExactlyInAnyOrder("DELIVERED", "DECLINED");
    // The declined saffron goes back on the shelf: the catalog heard the decline.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        database.catalog(),
                        "SELECT count(*) FROM catalog.stock_reservations WHERE order_id = '"
                            + id
                            + "' AND status = 'RETURNED'")
                    == 1);
    assertThat(act(id, SIROUA, "accept", siroua, null).statusCode())
        .as("after the end")
        .isEqualTo(409);
    // The cash collected at Tifaouine's door is captured; Siroua's declined part is voided.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                paymentOf(id).getJsonArray("parts").stream()
                    .map(part -> ((JsonObject) part).getString("status"))
                    .sorted()
                    .toList()
                    .equals(List.of("CAPTURED", "VOIDED")));
  }

  @Test
  void a_cooperative_accepts_its_part_by_answering_the_sms_and_is_told_it_is_done() {
    JsonObject placed =
        await(post(order(List.of(line(ARGAN_OIL, 1)), "souss-massa"), key()), 10)
            .bodyAsJsonObject();
    String id = placed.getString("id");
    String token = placed.getString("accessToken");
    ShopperPhone.confirm(platform, http, placed);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "CONFIRMED".equals(track(id, token).getString("status")));
    String phone = "+212661000101"; // Tifaouine's phone in the demo catalog
    // A cooperative answers the SMS it received: wait until notification-service has sent it.
    awaitNotification(
        id,
        n ->
            n.getString("recipientId").equals(TIFAOUINE.toString())
                && !n.getString("status").equals("PENDING"));

    // The SMS gateway posts Tifaouine's reply, typed in Arabic on a basic phone.
    HttpResponse<Buffer> received =
        await(
            http.post("/api/notifications/sms/inbound")
                .bearerTokenAuthentication(platform.smsInboundToken())
                .sendJsonObject(
                    new JsonObject()
                        .put("from", phone)
                        .put("text", placed.getString("code") + " نعم")),
            10);
    assertThat(received.statusCode()).isEqualTo(202);
    assertThat(received.bodyAsJsonObject().getString("outcome")).isEqualTo("COMMAND");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                track(id, token)
                    .getJsonArray("cooperativeOrders")
                    .getJsonObject(0)
                    .getString("status")
                    .equals("ACCEPTED"));
    awaitNotification(
        id,
        n ->
            n.getString("template").equals("cooperative.reply-accepted")
                && n.getString("body").contains(placed.getString("code")));
  }

  @Test
  void a_cooperative_reports_a_stand_sale_by_sms_and_is_told_what_is_left() {
    UUID tazart = DemoCatalog.cooperativeId("tazart-sidi-ifni");
    UUID cactusOil = DemoCatalog.productId("tazart-sidi-ifni", "cactus-oil-30");
    String phone = "+212661000105"; // Tazart's phone in the demo catalog; it reads French
    String operator = platform.token(Role.OPERATOR);
    UUID fair = UUID.randomUUID();
    LocalDate today = LocalDate.now(ZoneId.of("Africa/Casablanca"));
    JsonObject draft =
        new JsonObject()
            .put("slug", "sidi-ifni-" + fair.toString().substring(0, 6))
            .put("name", new JsonObject().put("fr", "Salon de Sidi Ifni"))
            .put("region", "guelmim-oued-noun")
            .put("city", new JsonObject().put("fr", "Sidi Ifni"))
            .put("venue", new JsonObject().put("fr", "Place Hassan II"))
            .put("startsOn", today.toString())
            .put("endsOn", today.plusDays(2).toString())
            .put("openingHours", "10:00–20:00");
    assertThat(
            await(
                    http.put("/api/catalog/fairs/" + fair)
                        .bearerTokenAuthentication(operator)
                        .sendJsonObject(draft),
                    10)
                .statusCode())
        .isEqualTo(200);
    assertThat(
            await(
                    http.put("/api/catalog/fairs/" + fair + "/exhibitors/" + tazart)
                        .bearerTokenAuthentication(operator)
                        .sendJsonObject(new JsonObject().put("stand", "D4")),
                    10)
                .statusCode())
        .isEqualTo(200);
    String cooperative = platform.cooperativeToken(tazart);
    String standSales = "/api/catalog/cooperatives/" + tazart + "/stand-sales";
    JsonObject atStand =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> await(http.get(standSales).bearerTokenAuthentication(cooperative).send(), 10),
                answer -> answer.statusCode() == 200)
            .bodyAsJsonObject();
    int number = atStand.getJsonObject("numbers").getInteger(cactusOil.toString());
    int before = available(tazart, cactusOil, cooperative);

    // From a basic phone, as a person types it.
    assertThat(inboundSms(phone, "Vente " + number + " 2").getString("outcome"))
        .isEqualTo("STAND_SALE");
    String told = smsTo(phone, "Reste en vente");
    assertThat(told).startsWith("Tadamon : vente notée, 2 x ").contains("(produit " + number + ")");
    assertThat(available(tazart, cactusOil, cooperative)).isEqualTo(before - 2);
    JsonObject listed =
        await(http.get(standSales).bearerTokenAuthentication(cooperative).send(), 10)
            .bodyAsJsonObject();
    assertThat(listed.getJsonArray("items").getJsonObject(0).getString("via")).isEqualTo("SMS");
    assertThat(listed.getInteger("quantity")).isEqualTo(2);

    inboundSms(phone, "VENTE 999 1");
    assertThat(smsTo(phone, "aucun produit numéro 999")).startsWith("Tadamon");
    inboundSms(phone, "vente " + number + " 999");
    assertThat(smsTo(phone, "vente non notée"))
        .contains("il ne reste que " + (before - 2) + " en vente du produit " + number);
    assertThat(available(tazart, cactusOil, cooperative)).isEqualTo(before - 2);
  }

  private static JsonObject inboundSms(String from, String text) {
    HttpResponse<Buffer> received =
        await(
            http.post("/api/notifications/sms/inbound")
                .bearerTokenAuthentication(platform.smsInboundToken())
                .sendJsonObject(new JsonObject().put("from", from).put("text", text)),
            10);
    assertThat(received.statusCode()).isEqualTo(202);
    return received.bodyAsJsonObject();
  }

  /** The text of the SMS sent to {@code phone} that contains {@code part}, once it has come. */
  private static String smsTo(String phone, String part) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                await(http.getAbs(platform.smsSandboxUrl() + "api/messages").send(), 10)
                    .bodyAsJsonObject()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonObject.class::cast)
                    .filter(sms -> sms.getString("phone").equals(phone))
                    .map(sms -> sms.getString("text"))
                    .filter(text -> text.contains(part))
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static int available(UUID cooperative, UUID product, String token) {
    return await(
            http.get("/api/catalog/cooperatives/" + cooperative + "/products")
                .bearerTokenAuthentication(token)
                .send(),
            10)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(item -> item.getString("id").equals(product.toString()))
        .map(item -> item.getInteger("stockOnHand") - item.getInteger("stockReserved"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void a_card_order_is_paid_at_the_gateways_hosted_page_and_confirmed() {
    JsonObject placed = placeCardOrder(line(ARGAN_OIL, 2));
    String id = placed.getString("id");
    String token = placed.getString("accessToken");

    HttpResponse<Buffer> back = payByCard(placed, "approve");

    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(back.getHeader("Location"))
        .startsWith(platform.url() + "/?order=" + id + "&payment=approved");
    awaitStatus(placed, "CONFIRMED");
    JsonObject payment =
        await(http.get("/api/payments/orders/" + id).putHeader("X-Order-Token", token).send(), 10)
            .bodyAsJsonObject();
    assertThat(payment.getString("method")).isEqualTo("CARD");
    assertThat(payment.getString("status")).isEqualTo("AUTHORIZED");
  }

  @Test
  void a_declined_card_cancels_the_order_and_puts_its_stock_back() {
    JsonObject placed = placeCardOrder(line(SAFFRON, 1));
    String id = placed.getString("id");
    String token = placed.getString("accessToken");

    HttpResponse<Buffer> back = payByCard(placed, "decline");

    assertThat(back.getHeader("Location")).contains("payment=declined");
    awaitStatus(placed, "CANCELLED");
    assertThat(
            track(id, token).getJsonArray("history").stream()
                .map(step -> ((JsonObject) step).getString("cause")))
        .anyMatch(cause -> cause.contains("declined"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        database.catalog(),
                        "SELECT count(*) FROM catalog.stock_reservations WHERE"
                            + " order_id = '"
                            + id
                            + "' AND status = 'RELEASED'")
                    == 1);
  }

  @Test
  void the_shopper_cancels_before_anything_ships_and_the_stock_is_released() {
    JsonObject placed =
        await(post(order(List.of(line(ROSE_OIL, 1)), "oriental"), key()), 10).bodyAsJsonObject();
    String id = placed.getString("id");
    String token = placed.getString("accessToken");
    ShopperPhone.confirm(platform, http, placed);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "CONFIRMED".equals(track(id, token).getString("status")));

    HttpResponse<Buffer> stranger =
        await(
            http.post("/api/orders/" + id + "/cancel")
                .putHeader("X-Order-Token", "not-the-token")
                .send(),
            10);
    HttpResponse<Buffer> cancelled =
        await(
            http.post("/api/orders/" + id + "/cancel").putHeader("X-Order-Token", token).send(),
            10);
    HttpResponse<Buffer> again =
        await(
            http.post("/api/orders/" + id + "/cancel").putHeader("X-Order-Token", token).send(),
            10);

    assertThat(stranger.statusCode()).isEqualTo(404);
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("CANCELLED");
    assertThat(again.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        database.catalog(),
                        "SELECT count(*) FROM catalog.stock_reservations WHERE"
                            + " order_id = '"
                            + id
                            + "' AND status IN ('RELEASED', 'RETURNED')")
                    == 1);
    // Nothing was collected yet: the cash-on-delivery payment is voided, not refunded.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                paymentOf(id)
                    .getJsonArray("parts")
                    .getJsonObject(0)
                    .getString("status")
                    .equals("VOIDED"));
  }

  @Test
  void a_parcel_refused_at_the_door_returns_its_stock_voids_its_payment_and_counts() {
    JsonObject placed =
        await(post(order(List.of(line(ROSE_OIL, 1)), "oriental"), key()), 10).bodyAsJsonObject();
    String id = placed.getString("id");
    String token = placed.getString("accessToken");
    ShopperPhone.confirm(platform, http, placed);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "CONFIRMED".equals(track(id, token).getString("status")));
    UUID rose = DemoCatalog.cooperativeId("ward-mgouna");
    String cooperative = platform.cooperativeToken(rose);
    for (String step : List.of("accept", "ship")) {
      assertThat(
              await(
                      http.post("/api/orders/" + id + "/cooperatives/" + rose + "/" + step)
                          .bearerTokenAuthentication(cooperative)
                          .send(),
                      10)
                  .statusCode())
          .isEqualTo(200);
    }

    HttpResponse<Buffer> refused =
        await(
            http.post("/api/orders/" + id + "/cooperatives/" + rose + "/refuse")
                .bearerTokenAuthentication(cooperative)
                .sendJsonObject(new JsonObject().put("courierCostCentimes", 4_500)),
            10);

    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(200);
    assertThat(track(id, token).getString("status")).isEqualTo("CANCELLED");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        database.catalog(),
                        "SELECT count(*) FROM catalog.stock_reservations WHERE order_id = '"
                            + id
                            + "' AND status = 'RETURNED'")
                    == 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                paymentOf(id)
                    .getJsonArray("parts")
                    .getJsonObject(0)
                    .getString("status")
                    .equals("VOIDED"));
    assertThat(
            count(
                database.orders(),
                "SELECT count(*) FROM orders.parcel_refusals WHERE order_id = '"
                    + id
                    + "' AND courier_cost_centimes = 4500"))
        .isEqualTo(1);
  }

  @Test
  void an_order_cannot_be_cancelled_once_a_part_has_shipped() {
    JsonObject placed =
        await(post(order(List.of(line(ARGAN_OIL, 1)), "oriental"), key()), 10).bodyAsJsonObject();
    String id = placed.getString("id");
    String token = placed.getString("accessToken");
    ShopperPhone.confirm(platform, http, placed);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "CONFIRMED".equals(track(id, token).getString("status")));
    String tifaouine = platform.cooperativeToken(TIFAOUINE);
    act(id, TIFAOUINE, "accept", tifaouine, null);
    act(id, TIFAOUINE, "ship", tifaouine, null);

    HttpResponse<Buffer> tooLate =
        await(
            http.post("/api/orders/" + id + "/cancel").putHeader("X-Order-Token", token).send(),
            10);

    assertThat(tooLate.statusCode()).isEqualTo(409);
    assertThat(tooLate.bodyAsJsonObject().getString("type")).endsWith("/too-late-to-cancel");
    assertThat(tooLate.bodyAsJsonObject().getInteger("status")).isEqualTo(409);
    assertThat(tooLate.bodyAsJsonObject().getString("orderStatus")).isEqualTo("CONFIRMED");
    assertThat(track(id, token).getString("status")).isEqualTo("CONFIRMED");
  }

  @Test
  void a_retried_checkout_returns_the_same_order_even_when_the_retries_race() {
    JsonObject body = order(List.of(line(ARGAN_OIL, 1)), "marrakech-safi");
    String key = "checkout-" + UUID.randomUUID();

    List<Future<HttpResponse<Buffer>>> racing =
        IntStream.range(0, 6).mapToObj(i -> post(body, key)).toList();
    await(Future.join(racing), 30);

    Set<String> ids =
        racing.stream()
            .map(r -> r.result().bodyAsJsonObject().getString("id"))
            .collect(Collectors.toSet());
    assertThat(racing).allSatisfy(r -> assertThat(r.result().statusCode()).isEqualTo(201));
    assertThat(ids).hasSize(1);
    assertThat(
            count(
                database.orders(),
                "SELECT count(*) FROM orders.orders WHERE idempotency_key = '" + key + "'"))
        .isEqualTo(1);
    HttpResponse<Buffer> again = await(post(body, key), 10);
    assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.bodyAsJsonObject().getString("accessToken"))
        .isEqualTo(racing.get(0).result().bodyAsJsonObject().getString("accessToken"));

    HttpResponse<Buffer> otherBody =
        await(post(order(List.of(line(ARGAN_OIL, 3)), "marrakech-safi"), key), 10);
    assertThat(otherBody.statusCode()).isEqualTo(422);
    assertThat(otherBody.bodyAsJsonObject().getString("type")).endsWith("/idempotency-key-reused");
  }

  @Test
  void bad_checkouts_are_refused_with_a_problem_and_write_nothing() {
    long ordersBefore = count(database.orders(), "SELECT count(*) FROM orders.orders");
    JsonObject good = order(List.of(line(ARGAN_OIL, 1)), "fes-meknes");

    Map<String, HttpResponse<Buffer>> responses = new HashMap<>();
    responses.put(
        "malformed JSON",
        await(
            http.post("/api/orders")
                .putHeader("Idempotency-Key", key())
                .sendBuffer(Buffer.buffer("{\"lines\": [")),
            10));
    responses.put("no Idempotency-Key", await(http.post("/api/orders").sendJsonObject(good), 10));
    responses.put(
        "quantity of the wrong type",
        await(
            post(
                good.copy()
                    .put(
                        "lines",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("productId", ARGAN_OIL.toString())
                                    .put("quantity", "two"))),
                key()),
            10));
    responses.put("no contact", await(post(without(good, "contact"), key()), 10));
    responses.put(
        "quantity 0", await(post(order(List.of(line(ARGAN_OIL, 0)), "fes-meknes"), key()), 10));
    responses.put(
        "absurd quantity",
        await(post(order(List.of(line(ARGAN_OIL, 10_000)), "fes-meknes"), key()), 10));
    responses.put(
        "unknown product",
        await(post(order(List.of(line(UUID.randomUUID(), 1)), "fes-meknes"), key()), 10));
    responses.put(
        "unknown region", await(post(order(List.of(line(ARGAN_OIL, 1)), "atlantis"), key()), 10));
    responses.put(
        "bad phone",
        await(
            post(
                good.copy()
                    .put("contact", new JsonObject().put("name", "Aicha").put("phone", "0612")),
                key()),
            10));

    responses.put(
        "NUL in the name",
        await(
            post(
                good.copy()
                    .put(
                        "contact", good.getJsonObject("contact").copy().put("name", "Aicha\u0000")),
                key()),
            10));
    responses.put(
        "control character in the city",
        await(
            post(
                good.copy()
                    .put(
                        "shippingAddress",
                        good.getJsonObject("shippingAddress").copy().put("city", "F\u001bes")),
                key()),
            10));

    responses.forEach(
        (why, response) -> {
          assertThat(response.statusCode()).as(why).isBetween(400, 499);
          assertThat(response.getHeader("Content-Type"))
              .as(why)
              .isEqualTo("application/problem+json");
          assertThat(response.bodyAsJsonObject().getString("title")).as(why).isNotBlank();
          // RFC 9457: "status" is the HTTP status code, nothing else.
          assertThat(response.bodyAsJsonObject().getValue("status"))
              .as(why)
              .isEqualTo(response.statusCode());
        });
    assertThat(responses.get("NUL in the name").statusCode()).isEqualTo(422);
    assertThat(
            responses
                .get("NUL in the name")
                .bodyAsJsonObject()
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("field"))
        .isEqualTo("contact.name");
    assertThat(
            responses
                .get("control character in the city")
                .bodyAsJsonObject()
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("field"))
        .isEqualTo("shippingAddress.city");
    assertThat(responses.get("malformed JSON").statusCode()).isEqualTo(400);
    assertThat(
            responses
                .get("no contact")
                .bodyAsJsonObject()
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("field"))
        .isEqualTo("contact");
    assertThat(responses.get("unknown product").statusCode()).isEqualTo(422);
    assertThat(count(database.orders(), "SELECT count(*) FROM orders.orders"))
        .isEqualTo(ordersBefore);
  }

  @Test
  void an_order_is_visible_only_with_its_token_or_the_right_role() {
    JsonObject order =
        await(post(order(List.of(line(SAFFRON, 1)), "draa-tafilalet"), key()), 10)
            .bodyAsJsonObject();
    String id = order.getString("id");

    HttpResponse<Buffer> wrongToken =
        await(http.get("/api/orders/" + id).putHeader("X-Order-Token", "guess").send(), 10);
    HttpResponse<Buffer> anonymous = await(http.get("/api/orders/" + id).send(), 10);
    HttpResponse<Buffer> operator =
        await(
            http.get("/api/orders/" + id)
                .bearerTokenAuthentication(platform.token(Role.OPERATOR))
                .send(),
            10);
    HttpResponse<Buffer> otherCooperative =
        await(
            http.get("/api/orders/" + id)
                .bearerTokenAuthentication(platform.token(Role.COOPERATIVE))
                .send(),
            10);

    assertThat(wrongToken.statusCode()).isEqualTo(404);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(operator.statusCode()).isEqualTo(200);
    // The development cooperative token speaks for Tifaouine, which has no part in a saffron order.
    assertThat(otherCooperative.statusCode()).isEqualTo(404);
  }

  @Test
  void every_service_is_ready_and_exposes_metrics() {
    for (String service :
        List.of(
            CatalogService.NAME,
            OrderService.NAME,
            PaymentService.NAME,
            NotificationService.NAME)) {
      WebClient direct = WebClient.create(Vertx.vertx());
      int port = platform.servicePort(service);
      HttpResponse<Buffer> ready = await(direct.get(port, "localhost", "/health/ready").send(), 10);
      HttpResponse<Buffer> metrics = await(direct.get(port, "localhost", "/metrics").send(), 10);
      assertThat(ready.statusCode()).as(service).isEqualTo(200);
      assertThat(ready.bodyAsJsonObject().getJsonObject("checks").getString("kafka"))
          .isEqualTo("UP");
      assertThat(metrics.bodyAsString()).as(service).contains("service=\"" + service + "\"");
    }
  }

  @Test
  void an_orders_path_across_the_services_is_two_traces_the_checkouts_and_the_codes() {
    // As a browser or the ingress would start them: the trace ids are the test's own.
    String checkoutTrace = UUID.randomUUID().toString().replace("-", "");
    String codeTrace = UUID.randomUUID().toString().replace("-", "");
    JsonObject placed =
        await(
                http.post("/api/orders")
                    .putHeader("Idempotency-Key", key())
                    .putHeader("traceparent", "00-" + checkoutTrace + "-00f067aa0ba902b7-01")
                    .sendJsonObject(order(List.of(line(ARGAN_OIL, 1)), "souss-massa")),
                10)
            .bodyAsJsonObject();
    ShopperPhone.confirm(platform, http, placed, "00-" + codeTrace + "-00f067aa0ba902b8-01");
    awaitStatus(placed, "CONFIRMED");

    // The checkout: the storefront's proxy, the order, the stock hold and the code's SMS. Then the
    // shopper types the code: the phone confirmed and with it the order, its cash payment opened
    // and the SMS to the cooperative. Each service exports its spans in its own batches, so they
    // arrive in any order.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(collector.spansOf(checkoutTrace))
                  .extracting(OtlpCollector.ReceivedSpan::service)
                  .contains(
                      StorefrontEdge.NAME,
                      OrderService.NAME,
                      CatalogService.NAME,
                      NotificationService.NAME);
              assertThat(collector.spansOf(checkoutTrace))
                  .extracting(OtlpCollector.ReceivedSpan::name)
                  .contains(
                      "catalog-service.stock process",
                      "order-service.saga process",
                      "notification-service.phone-confirmations process");
              assertThat(collector.spansOf(codeTrace))
                  .extracting(OtlpCollector.ReceivedSpan::service)
                  .contains(
                      StorefrontEdge.NAME,
                      NotificationService.NAME,
                      OrderService.NAME,
                      PaymentService.NAME);
              assertThat(collector.spansOf(codeTrace))
                  .extracting(OtlpCollector.ReceivedSpan::name)
                  .contains(
                      "order-service.replies process",
                      "payment-service.orders process",
                      "notification-service.orders process");
            });
  }

  @Test
  void the_metrics_follow_an_order_through_every_service_and_name_no_shopper() {
    JsonObject placed =
        await(post(order(List.of(line(ARGAN_OIL, 1)), "souss-massa"), key()), 10)
            .bodyAsJsonObject();
    ShopperPhone.confirm(platform, http, placed);
    awaitStatus(placed, "CONFIRMED");

    // Gauges of the outbox are measured every 10 s; the rest is counted as it happens.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(metricsOf(OrderService.NAME))
                  .containsPattern(
                      "tadamon_order_transitions_total\\{from=\"RESERVED\",service=\"order-service\",to=\"CONFIRMED\"}")
                  .containsPattern(
                      "vertx_http_server_response_time_seconds_bucket\\{[^}]*route=\"/api/orders\"[^}]*le=\"0\\.5\"")
                  .containsPattern(
                      "tadamon_events_consumed_total\\{consumer=\"order-service.saga\",outcome=\"applied\"")
                  .containsPattern("kafka_consumer_fetch_manager_records_lag_max\\{");
              assertThat(metricsOf(PaymentService.NAME))
                  .containsPattern(
                      "tadamon_payments_total\\{method=\"CASH_ON_DELIVERY\",outcome=\"authorized\"");
              assertThat(metricsOf(NotificationService.NAME))
                  .containsPattern(
                      "tadamon_notifications_total\\{channel=\"SMS\",service=\"notification-service\",status=\"SENT\"}");
              for (String service :
                  List.of(
                      CatalogService.NAME,
                      OrderService.NAME,
                      PaymentService.NAME,
                      NotificationService.NAME)) {
                assertThat(metricsOf(service))
                    .as(service)
                    .contains("tadamon_outbox_pending{service=\"" + service + "\"}")
                    .contains(
                        "tadamon_outbox_oldest_pending_age_seconds{service=\"" + service + "\"}")
                    // Law 09-08: no personal data in metrics, whoever scrapes them.
                    .doesNotContain("212661234567")
                    .doesNotContain("Khadija")
                    .doesNotContain("Tiznit")
                    .doesNotContain(placed.getString("id"));
              }
            });
    // What the dashboard draws and the alerts watch is what the services expose.
    String exposed =
        List.of(
                CatalogService.NAME,
                OrderService.NAME,
                PaymentService.NAME,
                NotificationService.NAME)
            .stream()
            .map(OrderFlowEndToEndTest::metricsOf)
            .collect(Collectors.joining("\n"));
    assertThat(
            metricNamesIn(
                Path.of("../deploy/base/monitoring/tadamon-platform.json"),
                Path.of("../deploy/base/monitoring/alerts.yaml")))
        .isNotEmpty()
        .allSatisfy(
            name ->
                assertThat(exposed)
                    .as("a metric the dashboard or the alerts use")
                    .contains(name + "{"));
  }

  /**
   * The platform's own metric names (tadamon_*, vertx_*) in the monitoring files, histogram
   * suffixes kept.
   */
  private static Set<String> metricNamesIn(Path... files) {
    Set<String> names = new TreeSet<>();
    for (Path file : files) {
      try {
        Matcher metric =
            Pattern.compile("\\b(?:tadamon|vertx)_[a-z_]+").matcher(Files.readString(file));
        while (metric.find()) {
          names.add(metric.group());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return names;
  }

  /** A card order of one line, as the shop places it before sending the shopper to the gateway. */
  private static JsonObject placeCardOrder(JsonObject line) {
    return await(post(order(List.of(line), "souss-massa").put("paymentMethod", "CARD"), key()), 10)
        .bodyAsJsonObject();
  }

  private static void awaitStatus(JsonObject placed, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                status.equals(
                    track(placed.getString("id"), placed.getString("accessToken"))
                        .getString("status")));
  }

  private static String metricsOf(String service) {
    WebClient direct = WebClient.create(vertx);
    return await(direct.get(platform.servicePort(service), "localhost", "/metrics").send(), 10)
        .bodyAsString();
  }

  /**
   * The shopper's browser: waits for the order to be reserved, asks where to pay, and clicks at the
   * gateway.
   */
  private static HttpResponse<Buffer> payByCard(JsonObject placed, String decision) {
    String id = placed.getString("id");
    String token = placed.getString("accessToken");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "RESERVED".equals(track(id, token).getString("status")));
    HttpResponse<Buffer> checkout =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    await(
                        http.post("/api/payments/" + id + "/checkout")
                            .putHeader("X-Order-Token", token)
                            .send(),
                        10),
                response -> response.statusCode() == 200);
    JsonObject redirect = checkout.bodyAsJsonObject().getJsonObject("redirect");
    long total = placed.getLong("totalCentimes");
    assertThat(redirect.getJsonObject("fields").getString("amount"))
        .isEqualTo(total / 100 + "." + String.format("%02d", total % 100));
    WebClient browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    try {
      MultiMap form = MultiMap.caseInsensitiveMultiMap();
      redirect
          .getJsonObject("fields")
          .forEach(field -> form.add(field.getKey(), String.valueOf(field.getValue())));
      String page =
          await(browser.postAbs(redirect.getString("url")).sendForm(form), 10).bodyAsString();
      Matcher button = Pattern.compile("action=\"(/pay/[^\"]+/" + decision + ")\"").matcher(page);
      assertThat(button.find()).as("a " + decision + " button on the hosted page").isTrue();
      String gateway = redirect.getString("url").replace("/pay", "");
      return await(browser.postAbs(gateway + button.group(1)).send(), 30);
    } finally {
      browser.close();
    }
  }

  private static Future<HttpResponse<Buffer>> post(JsonObject body, String idempotencyKey) {
    return http.post("/api/orders")
        .putHeader("Idempotency-Key", idempotencyKey)
        .sendJsonObject(body);
  }

  private static HttpResponse<Buffer> act(
      String orderId, UUID cooperative, String action, String token, JsonObject body) {
    var request =
        http.post("/api/orders/" + orderId + "/cooperatives/" + cooperative + "/" + action)
            .bearerTokenAuthentication(token);
    return await(body == null ? request.send() : request.sendJsonObject(body), 10);
  }

  private static JsonObject track(String id, String token) {
    return await(http.get("/api/orders/" + id).putHeader("X-Order-Token", token).send(), 10)
        .bodyAsJsonObject();
  }

  private static JsonObject paymentOf(String orderId) {
    return await(
            http.get("/api/payments/orders/" + orderId)
                .bearerTokenAuthentication(platform.token(Role.OPERATOR))
                .send(),
            10)
        .bodyAsJsonObject();
  }

  /** Waits until one of the order's notifications is the one described. */
  private static void awaitNotification(String orderId, Predicate<JsonObject> described) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                notificationsOf(orderId).stream().map(JsonObject.class::cast).anyMatch(described));
  }

  private static JsonArray notificationsOf(String orderId) {
    return await(
            http.get("/api/notifications?order=" + orderId)
                .bearerTokenAuthentication(platform.token(Role.OPERATOR))
                .send(),
            10)
        .bodyAsJsonObject()
        .getJsonArray("items");
  }

  private static JsonObject order(List<JsonObject> lines, String region) {
    return new JsonObject()
        .put("lines", new JsonArray(lines))
        .put(
            "contact",
            new JsonObject()
                .put("name", "Khadija Ait Ali")
                .put("phone", String.format("+2126612%05d", nextPhone.incrementAndGet()))
                .put("email", "khadija@example.test"))
        .put(
            "shippingAddress",
            new JsonObject()
                .put("line1", "Derb Sidi Bouloukat 7")
                .put("city", "Tiznit")
                .put("postalCode", "85000")
                .put("region", region))
        .put("paymentMethod", "CASH_ON_DELIVERY")
        .put("language", "fr");
  }

  private static JsonObject line(UUID product, int quantity) {
    return new JsonObject().put("productId", product.toString()).put("quantity", quantity);
  }

  private static JsonObject without(JsonObject body, String field) {
    JsonObject copy = body.copy();
    copy.remove(field);
    return copy;
  }

  /** Dirhams as the SMS write them, worked out here: "290" or "290.50". */
  private static String dirhams(long centimes) {
    return centimes % 100 == 0
        ? String.valueOf(centimes / 100)
        : String.format("%d.%02d", centimes / 100, centimes % 100);
  }

  private static String key() {
    return "checkout-" + UUID.randomUUID();
  }
}
