package ma.tadamon.catalog;

import static ma.tadamon.catalog.OrderEvents.confirmed;
import static ma.tadamon.catalog.OrderEvents.line;
import static ma.tadamon.catalog.OrderEvents.placed;
import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.catalog.ProductAvailabilityChanged;
import ma.tadamon.events.inventory.StockRejected;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.WithdrawalReceived;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.testing.ConsumerGroups;
import ma.tadamon.platform.testing.Handled;
import ma.tadamon.platform.testing.PrometheusText;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stock through an order's life, driven by order events on real Kafka: held when placed, sold when
 * confirmed, given back when cancelled or declined, never oversold even by two catalog instances
 * racing.
 */
@ExtendWith(VertxExtension.class)
class StockLifecycleTest {

  private static final UUID TIFAOUINE = DemoCatalog.cooperativeId("tifaouine-argan");
  private static final UUID SIROUA = DemoCatalog.cooperativeId("siroua-saffron");

  private static CatalogUnderTest catalog;
  private static CatalogUnderTest secondCatalog;
  private static WebClient http;
  private static WebClient secondHttp;
  private static TopicProbe probe;
  private static OrderEvents orders;
  private static Handled stock;
  private static String operator;
  private static PostgresSettings database;

  @BeforeAll
  static void startTwoCatalogs(Vertx vertx) {
    Settings settings =
        TestPlatform.settingsWithOwnDatabase("catalog_stock")
            .with(Map.of("CATALOG_DEMO_DATA", "true"));
    database = PostgresSettings.from(settings);
    probe = TopicProbe.watch(vertx, Topics.INVENTORY_EVENTS, Topics.CATALOG_EVENTS);
    catalog = CatalogUnderTest.start(vertx, settings);
    stock = new Handled(settings, CatalogService.SCHEMA, CatalogService.NAME + ".stock");
    // A second instance on the same database, in the same consumer group: the partitions are shared
    // between two processes' worth of consumers, as with two replicas in Kubernetes.
    int secondPort = FreePorts.next();
    secondCatalog =
        CatalogUnderTest.start(
            vertx, settings.with(Map.of("HTTP_PORT", String.valueOf(secondPort))));
    http = catalog.http();
    secondHttp = secondCatalog.http();
    orders = new OrderEvents(vertx);
    operator = TestPlatform.keys().token(vertx, "operator-stock-test", Role.OPERATOR, null, 60);
  }

  @AfterAll
  static void stop() {
    orders.close();
    probe.close();
    secondCatalog.stop();
    catalog.stop();
  }

  @Test
  void two_hundred_orders_for_the_last_ten_never_oversell() {
    UUID product = newProduct(TIFAOUINE, 10);
    List<UUID> racing = IntStream.range(0, 200).mapToObj(i -> UUID.randomUUID()).toList();
    ConsumerGroups.awaitSharedBy("catalog-service.stock", 2);
    double firstBefore = placementsApplied(http);
    double secondBefore = placementsApplied(secondHttp);

    orders.publish(
        racing.stream()
            .map(order -> placed(order, line(product, TIFAOUINE, 1)))
            .toArray(IntegrationEvent[]::new));

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                racing.stream()
                    .allMatch(
                        order ->
                            probe.count(StockReserved.class, order)
                                    + probe.count(StockRejected.class, order)
                                > 0));
    List<UUID> reserved =
        racing.stream().filter(order -> probe.count(StockReserved.class, order) > 0).toList();
    assertThat(reserved).hasSize(10);
    assertThat(racing.stream().filter(order -> probe.count(StockRejected.class, order) > 0))
        .hasSize(190)
        .allSatisfy(
            order ->
                assertThat(probe.awaitEvent(StockRejected.class, order).shortages())
                    .containsExactly(new StockRejected.Shortage(product, 1, 0)));
    JsonObject stock = ownView(TIFAOUINE, product);
    assertThat(stock.getInteger("stockOnHand")).isEqualTo(10);
    assertThat(stock.getInteger("stockReserved")).isEqualTo(10);
    assertThat(stock.getInteger("stockAvailable")).isZero();
    assertThat(probe.awaitEvent(ProductAvailabilityChanged.class, product).product().inStock())
        .isFalse();
    // Both replicas took part: each applied some of the 200 placements, together all of them.
    double first = placementsApplied(http) - firstBefore;
    double second = placementsApplied(secondHttp) - secondBefore;
    assertThat(first).as("placements the first instance applied").isPositive();
    assertThat(second).as("placements the second instance applied").isPositive();
    assertThat(first + second).isEqualTo(200);
    // Both replicas' shop windows show it sold out, whichever of them reserved the stock.
    for (WebClient replica : List.of(http, secondHttp)) {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> listedSoldOut(replica, TIFAOUINE, product));
    }
  }

  @Test
  void a_change_made_through_one_replica_shows_in_the_other() {
    UUID product = newProduct(SIROUA, 3);
    await(
        http.put("/api/catalog/products/" + product + "/stock")
            .bearerTokenAuthentication(operator)
            .sendJsonObject(new JsonObject().put("onHand", 0)),
        10);

    await().atMost(Duration.ofSeconds(10)).until(() -> listedSoldOut(secondHttp, SIROUA, product));
  }

  /**
   * Stock notifications carry the counters; within one transaction PostgreSQL delivers identical
   * payloads once, and counters may come back to an earlier value (held, given back, held again).
   * The last one held, this last unit is sold out in the other replica's shop window too.
   */
  @Test
  void counters_that_come_back_within_a_transaction_show_as_they_end() throws Exception {
    UUID lastOne = newProduct(SIROUA, 1);
    UUID marker = newProduct(SIROUA, 3);
    try (Connection db =
        DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password())) {
      db.setAutoCommit(false);
      try (var move =
          db.prepareStatement("UPDATE catalog.products SET stock_reserved = ? WHERE id = ?")) {
        for (int reserved : new int[] {1, 0, 1}) {
          move.setInt(1, reserved);
          move.setObject(2, lastOne);
          move.executeUpdate();
        }
      }
      db.commit();
      db.setAutoCommit(true);
      // Notified after the first transaction's: once the other replica shows it, it has seen all.
      try (var move =
          db.prepareStatement("UPDATE catalog.products SET stock_on_hand = 0 WHERE id = ?")) {
        move.setObject(1, marker);
        move.executeUpdate();
      }
    }

    await().atMost(Duration.ofSeconds(10)).until(() -> listedSoldOut(secondHttp, SIROUA, marker));
    assertThat(listedSoldOut(secondHttp, SIROUA, lastOne)).isTrue();
  }

  @Test
  void a_confirmed_order_is_a_sale_and_a_cancelled_one_goes_back_on_the_shelf() {
    UUID product = newProduct(TIFAOUINE, 5);
    UUID order = UUID.randomUUID();

    orders.publish(placed(order, line(product, TIFAOUINE, 2)));
    probe.awaitEvent(StockReserved.class, order);
    assertStock(product, 5, 2);

    orders.publish(confirmed(order));
    awaitStock(product, 3, 0);

    // The shopper cancels before shipping: the sold units return to the shelf, once, however often
    // told.
    orders.publish(
        new OrderCancelled(order, "shopper cancelled"),
        new OrderCancelled(order, "shopper cancelled"));
    StockReleased released = probe.awaitEvent(StockReleased.class, order);
    assertThat(released.reason()).isEqualTo(StockReleased.Reason.ORDER_CANCELLED);
    assertThat(released.lines()).containsExactly(new StockReleased.Line(product, 2));
    awaitStock(product, 5, 0);
    stock.await(orders.publish(new OrderCancelled(order, "late duplicate")));
    assertThat(stock.published(StockReleased.class, order)).isEqualTo(1);
    assertStock(product, 5, 0);
  }

  /**
   * A burst as a fair's evening brings: orders placed together, then confirmed or cancelled
   * together, so that the stock consumer decides and ends many orders per batch. Each order moves
   * the counters once; a placement published again changes nothing.
   */
  @Test
  void a_burst_of_orders_confirmed_or_cancelled_together_moves_each_order_once() {
    UUID oil = newProduct(TIFAOUINE, 50);
    UUID soap = newProduct(SIROUA, 80);
    List<UUID> burst = IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID()).toList();
    List<EventEnvelope> placements =
        orders.publish(
            burst.stream()
                .map(order -> placed(order, line(oil, TIFAOUINE, 1), line(soap, SIROUA, 2)))
                .toArray(IntegrationEvent[]::new));
    burst.forEach(order -> probe.awaitEvent(StockReserved.class, order));
    assertStock(oil, 50, 30);
    assertStock(soap, 80, 60);

    List<UUID> kept = burst.subList(0, 20);
    List<UUID> cancelled = burst.subList(20, 30);
    List<IntegrationEvent> endings = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      endings.add(confirmed(kept.get(2 * i)));
      endings.add(new OrderCancelled(cancelled.get(i), "shopper cancelled"));
      endings.add(confirmed(kept.get(2 * i + 1)));
    }
    orders.publish(endings.toArray(IntegrationEvent[]::new));
    orders.republish(placements.subList(0, 5));

    awaitStock(oil, 30, 0);
    awaitStock(soap, 40, 0);
    cancelled.forEach(
        order ->
            assertThat(probe.awaitEvent(StockReleased.class, order).lines())
                .containsExactlyInAnyOrder(
                    new StockReleased.Line(oil, 1), new StockReleased.Line(soap, 2)));
    stock.await(orders.publish(new OrderCancelled(cancelled.get(0), "late duplicate")));
    assertStock(oil, 30, 0);
    assertStock(soap, 40, 0);
    assertThat(stock.published(StockReleased.class, cancelled.get(0))).isEqualTo(1);
  }

  @Test
  void a_cancelled_order_releases_what_it_held() {
    UUID product = newProduct(SIROUA, 1);
    UUID order = UUID.randomUUID();

    orders.publish(placed(order, line(product, SIROUA, 1)));
    probe.awaitEvent(StockReserved.class, order);
    assertThat(probe.awaitEvent(ProductAvailabilityChanged.class, product).product().inStock())
        .isFalse();
    orders.publish(new OrderCancelled(order, "payment failed"));

    assertThat(probe.awaitEvent(StockReleased.class, order).lines())
        .containsExactly(new StockReleased.Line(product, 1));
    awaitStock(product, 1, 0);
    probe.awaitEvent(ProductAvailabilityChanged.class, product, event -> event.product().inStock());
  }

  @Test
  void a_declined_part_returns_only_that_cooperatives_stock() {
    UUID argan = newProduct(TIFAOUINE, 4);
    UUID saffron = newProduct(SIROUA, 4);
    UUID order = UUID.randomUUID();

    orders.publish(placed(order, line(argan, TIFAOUINE, 1), line(saffron, SIROUA, 3)));
    probe.awaitEvent(StockReserved.class, order);
    orders.publish(confirmed(order));
    awaitStock(saffron, 1, 0);
    orders.publish(new CooperativeOrderDeclined(order, SIROUA, "out of this harvest"));

    StockReleased released = probe.awaitEvent(StockReleased.class, order);
    assertThat(released.reason()).isEqualTo(StockReleased.Reason.COOPERATIVE_DECLINED);
    assertThat(released.lines()).containsExactly(new StockReleased.Line(saffron, 3));
    awaitStock(saffron, 4, 0);
    assertStock(argan, 3, 0);
  }

  @Test
  void a_parcel_refused_at_the_door_puts_its_stock_back_on_the_shelf() {
    UUID argan = newProduct(TIFAOUINE, 5);
    UUID order = UUID.randomUUID();

    orders.publish(placed(order, line(argan, TIFAOUINE, 2)));
    probe.awaitEvent(StockReserved.class, order);
    orders.publish(confirmed(order));
    awaitStock(argan, 3, 0);
    orders.publish(new CooperativeOrderRefused(order, TIFAOUINE, 3_500L));

    StockReleased released = probe.awaitEvent(StockReleased.class, order);
    assertThat(released.reason()).isEqualTo(StockReleased.Reason.PARCEL_REFUSED);
    assertThat(released.lines()).containsExactly(new StockReleased.Line(argan, 2));
    awaitStock(argan, 5, 0);
  }

  @Test
  void goods_back_from_a_withdrawal_are_on_the_shelf_once() {
    UUID argan = newProduct(TIFAOUINE, 5);
    UUID order = UUID.randomUUID();
    orders.publish(placed(order, line(argan, TIFAOUINE, 3)));
    probe.awaitEvent(StockReserved.class, order);
    orders.publish(confirmed(order));
    awaitStock(argan, 2, 0);

    // Two of the three bottles came back; the withdrawal is announced, then replayed as the same
    // event (the consumer's idempotency), so the shelf gains two, not four.
    WithdrawalReceived back =
        new WithdrawalReceived(
            UUID.randomUUID(),
            order,
            TIFAOUINE,
            PaymentMethod.CASH_ON_DELIVERY,
            List.of(new WithdrawalReceived.Line(argan, 2)),
            19_000);
    var published = orders.publish(back);
    orders.republish(published);
    // An event behind both on the order's partition that changes nothing here (that cooperative
    // has no part): once it is handled, so is the replay.
    stock.await(orders.publish(new CooperativeOrderDeclined(order, SIROUA, "not ours")));
    awaitStock(argan, 4, 0);
  }

  @Test
  void stock_cannot_be_set_below_what_orders_hold() {
    UUID product = newProduct(TIFAOUINE, 6);
    UUID order = UUID.randomUUID();
    orders.publish(placed(order, line(product, TIFAOUINE, 4)));
    probe.awaitEvent(StockReserved.class, order);

    HttpResponse<Buffer> tooLow = setStock(product, 3);
    HttpResponse<Buffer> enough = setStock(product, 4);

    assertThat(tooLow.statusCode()).isEqualTo(409);
    assertThat(tooLow.bodyAsJsonObject().getInteger("reserved")).isEqualTo(4);
    assertThat(enough.statusCode()).isEqualTo(200);
    assertStock(product, 4, 4);
  }

  @Test
  void an_order_for_a_withdrawn_or_unknown_product_is_rejected_whole() {
    UUID withdrawn = newProduct(TIFAOUINE, 9);
    UUID kept = newProduct(TIFAOUINE, 9);
    await(
        http.delete("/api/catalog/products/" + withdrawn)
            .bearerTokenAuthentication(operator)
            .send(),
        10);
    UUID unknown = UUID.randomUUID();
    UUID order = UUID.randomUUID();

    orders.publish(
        placed(
            order,
            line(kept, TIFAOUINE, 1),
            line(withdrawn, TIFAOUINE, 1),
            line(unknown, SIROUA, 1)));

    assertThat(probe.awaitEvent(StockRejected.class, order).shortages())
        .containsExactlyInAnyOrder(
            new StockRejected.Shortage(withdrawn, 1, 0), new StockRejected.Shortage(unknown, 1, 0));
    assertStock(kept, 9, 0);
  }

  // --- helpers
  // -----------------------------------------------------------------------------------------

  private static UUID newProduct(UUID coop, int stock) {
    JsonObject product =
        new JsonObject()
            .put("cooperativeId", coop.toString())
            .put("name", new JsonObject().put("fr", "Produit de test " + UUID.randomUUID()))
            .put("description", new JsonObject().put("fr", "Pour les tests du stock."))
            .put("category", "other")
            .put("priceCentimes", 1000)
            .put("unit", "1 pièce")
            .put("stock", stock);
    HttpResponse<Buffer> created =
        await(
            http.post("/api/catalog/products")
                .bearerTokenAuthentication(operator)
                .sendJsonObject(product),
            10);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return UUID.fromString(created.bodyAsJsonObject().getString("id"));
  }

  /** Whether this replica's shop window lists the product among the cooperative's sold-out ones. */
  private static boolean listedSoldOut(WebClient replica, UUID coop, UUID product) {
    return await(
            replica
                .get("/api/catalog/products")
                .addQueryParam("cooperative", coop.toString())
                .addQueryParam("inStock", "false")
                .addQueryParam("limit", "100")
                .send(),
            10)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .anyMatch(item -> ((JsonObject) item).getString("id").equals(product.toString()));
  }

  private static HttpResponse<Buffer> setStock(UUID product, int onHand) {
    return await(
        http.put("/api/catalog/products/" + product + "/stock")
            .bearerTokenAuthentication(operator)
            .sendJsonObject(new JsonObject().put("onHand", onHand)),
        10);
  }

  private static JsonObject ownView(UUID coop, UUID product) {
    return await(
            http.get("/api/catalog/cooperatives/" + coop + "/products")
                .bearerTokenAuthentication(operator)
                .send(),
            10)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(item -> item.getString("id").equals(product.toString()))
        .findFirst()
        .orElseThrow();
  }

  private static void assertStock(UUID product, int onHand, int reserved) {
    JsonObject stock = ownView(coopOf(product), product);
    assertThat(stock.getInteger("stockOnHand")).as("on hand").isEqualTo(onHand);
    assertThat(stock.getInteger("stockReserved")).as("reserved").isEqualTo(reserved);
  }

  private static void awaitStock(UUID product, int onHand, int reserved) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertStock(product, onHand, reserved));
  }

  private static UUID coopOf(UUID product) {
    JsonObject detail =
        await(http.get("/api/catalog/products/" + product).send(), 10).bodyAsJsonObject();
    return UUID.fromString(detail.getString("cooperativeId"));
  }

  /** How many order placements an instance applied, from its own metrics. */
  private static double placementsApplied(WebClient instance) {
    return PrometheusText.sum(
        await(instance.get("/metrics").send(), 10).bodyAsString(),
        "tadamon_events_consumed_total",
        Map.of(
            "consumer", "catalog-service.stock",
            "outcome", "applied",
            "type", "ma.tadamon.order.placed.v1"));
  }
}
