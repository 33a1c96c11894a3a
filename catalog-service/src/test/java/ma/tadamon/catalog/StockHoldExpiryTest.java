package ma.tadamon.catalog;

import static ma.tadamon.catalog.OrderEvents.confirmed;
import static ma.tadamon.catalog.OrderEvents.line;
import static ma.tadamon.catalog.OrderEvents.placed;
import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.testing.Handled;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stock held for an order nobody confirms goes back on sale by itself after the configured time.
 */
@ExtendWith(VertxExtension.class)
class StockHoldExpiryTest {

  private static final UUID HONEY = DemoCatalog.productId("tamment-tadla", "euphorbia-honey");
  private static CatalogUnderTest catalog;
  private static WebClient http;
  private static TopicProbe probe;
  private static Handled stock;
  private static OrderEvents orders;

  @BeforeAll
  static void startCatalogWithShortHolds(Vertx vertx) {
    Settings settings =
        TestPlatform.settingsWithOwnDatabase("catalog_expiry")
            .with(
                Map.of(
                    "CATALOG_DEMO_DATA",
                    "true",
                    "CATALOG_STOCK_HOLD_SECONDS",
                    "2",
                    "CATALOG_HOLD_EXPIRY_CHECK_SECONDS",
                    "1"));
    probe = TopicProbe.watch(vertx, Topics.INVENTORY_EVENTS);
    catalog = CatalogUnderTest.start(vertx, settings);
    stock = new Handled(settings, CatalogService.SCHEMA, CatalogService.NAME + ".stock");
    http = catalog.http();
    orders = new OrderEvents(vertx);
  }

  @AfterAll
  static void stop() {
    orders.close();
    probe.close();
    catalog.stop();
  }

  @Test
  void an_unconfirmed_hold_expires_and_a_late_confirmation_sells_nothing() {
    int before = available();
    UUID order = UUID.randomUUID();

    orders.publish(placed(order, line(HONEY, DemoCatalog.cooperativeId("tamment-tadla"), 2)));
    probe.awaitEvent(StockReserved.class, order);

    StockReleased released = probe.awaitEvent(StockReleased.class, order);
    assertThat(released.reason()).isEqualTo(StockReleased.Reason.EXPIRED);
    assertThat(released.lines()).containsExactly(new StockReleased.Line(HONEY, 2));
    await().atMost(Duration.ofSeconds(10)).until(() -> available() == before);

    stock.await(orders.publish(confirmed(order)));
    assertThat(available()).isEqualTo(before);
  }

  @Test
  void many_holds_expire_together_each_released_once() {
    int before = available();
    UUID tadla = DemoCatalog.cooperativeId("tamment-tadla");
    List<UUID> unconfirmed = IntStream.range(0, 12).mapToObj(i -> UUID.randomUUID()).toList();

    orders.publish(
        unconfirmed.stream()
            .map(order -> placed(order, line(HONEY, tadla, 1)))
            .toArray(IntegrationEvent[]::new));

    unconfirmed.forEach(
        order -> {
          StockReleased released = probe.awaitEvent(StockReleased.class, order);
          assertThat(released.reason()).isEqualTo(StockReleased.Reason.EXPIRED);
          assertThat(released.lines()).containsExactly(new StockReleased.Line(HONEY, 1));
        });
    await().atMost(Duration.ofSeconds(10)).until(() -> available() == before);
    unconfirmed.forEach(
        order -> assertThat(stock.published(StockReleased.class, order)).isEqualTo(1));
  }

  @Test
  void a_confirmed_order_never_expires() {
    int before = available();
    UUID order = UUID.randomUUID();

    stock.await(
        orders.publish(
            placed(order, line(HONEY, DemoCatalog.cooperativeId("tamment-tadla"), 1)),
            confirmed(order)));
    // The marker: an order placed after it and never confirmed. Once the expiry check has released
    // the marker's hold, it has passed the confirmed order's time too (its hold began earlier).
    UUID marker = UUID.randomUUID();
    orders.publish(placed(marker, line(HONEY, DemoCatalog.cooperativeId("tamment-tadla"), 1)));
    assertThat(probe.awaitEvent(StockReleased.class, marker).reason())
        .isEqualTo(StockReleased.Reason.EXPIRED);

    assertThat(stock.published(StockReleased.class, order)).isZero();
    assertThat(available()).isEqualTo(before - 1);
  }

  private static int available() {
    JsonObject honey =
        await(http.get("/api/catalog/products/" + HONEY).send(), 10).bodyAsJsonObject();
    return honey.getInteger("stockAvailable");
  }
}
