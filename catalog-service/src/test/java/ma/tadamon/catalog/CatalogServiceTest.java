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
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.events.inventory.StockRejected;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.testing.Handled;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalog service running on real Kafka and PostgreSQL with the demo catalog loaded. */
@ExtendWith(VertxExtension.class)
class CatalogServiceTest {

  private static final UUID ARGAN_250 =
      DemoCatalog.productId("tifaouine-argan", "culinary-argan-250");
  private static final UUID ZEMMOUR_MEDIUM =
      DemoCatalog.productId("zemmour-tapis", "zemmour-carpet-medium");
  private static final UUID TIFAOUINE = DemoCatalog.cooperativeId("tifaouine-argan");

  private static CatalogUnderTest catalog;
  private static WebClient http;
  private static TopicProbe probe;
  private static Settings settings;
  private static Instant started;

  @BeforeAll
  static void startCatalog(Vertx vertx) {
    // A database of its own: the demo catalog is loaded, and announced, by this instance alone.
    settings =
        TestPlatform.settingsWithOwnDatabase("catalog_service")
            .with(Map.of("CATALOG_DEMO_DATA", "true"));
    probe = TopicProbe.watch(vertx, Topics.CATALOG_EVENTS, Topics.INVENTORY_EVENTS);
    started = Instant.now();
    catalog = CatalogUnderTest.start(vertx, settings);
    http = catalog.http();
  }

  @AfterAll
  static void stopCatalog() {
    probe.close();
    catalog.stop();
  }

  @Test
  void shoppers_page_through_every_demo_product_with_the_fixed_shape() {
    Set<String> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      var request = http.get("/api/catalog/products").addQueryParam("limit", "20");
      if (cursor != null) {
        request.addQueryParam("cursor", cursor);
      }
      JsonObject page = await(request.send(), 10).bodyAsJsonObject();
      JsonArray items = page.getJsonArray("items");
      items.forEach(item -> seen.add(((JsonObject) item).getString("id")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null);

    assertThat(seen).hasSize(67);
    assertThat(pages).isEqualTo(4);
    JsonObject first =
        await(http.get("/api/catalog/products").send(), 10)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0);
    assertThat(first.fieldNames())
        .contains(
            "id",
            "cooperativeId",
            "name",
            "priceCentimes",
            "currency",
            "category",
            "region",
            "womenLed",
            "available");
    assertThat(first.getJsonObject("name").fieldNames()).contains("ar", "fr", "en");
    assertThat(first.getValue("priceCentimes")).isInstanceOf(Number.class);
  }

  @Test
  void filters_narrow_the_list() {
    JsonArray soussWomen =
        await(http.get("/api/catalog/products?region=souss-massa&womenLed=true").send(), 10)
            .bodyAsJsonObject()
            .getJsonArray("items");
    JsonArray cheapHoney =
        await(http.get("/api/catalog/products?category=honey&maxPrice=10000").send(), 10)
            .bodyAsJsonObject()
            .getJsonArray("items");

    assertThat(soussWomen)
        .hasSize(5)
        .allSatisfy(
            item ->
                assertThat(((JsonObject) item).getString("cooperativeId"))
                    .isEqualTo(TIFAOUINE.toString()));
    assertThat(cheapHoney)
        .isNotEmpty()
        .allSatisfy(
            item -> {
              assertThat(((JsonObject) item).getString("category")).isEqualTo("honey");
              assertThat(((JsonObject) item).getLong("priceCentimes")).isLessThanOrEqualTo(10000);
            });
  }

  @Test
  void product_detail_is_cacheable_and_revalidates_with_its_etag() {
    HttpResponse<Buffer> detail =
        await(http.get("/api/catalog/products/" + ARGAN_250 + "?lang=ar").send(), 10);
    HttpResponse<Buffer> again =
        await(
            http.get("/api/catalog/products/" + ARGAN_250 + "?lang=ar")
                .putHeader("If-None-Match", detail.getHeader("ETag"))
                .send(),
            10);

    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.getHeader("Cache-Control")).contains("public");
    assertThat(detail.bodyAsJsonObject().getString("displayName"))
        .isEqualTo("زيت أركان غذائي محمص");
    assertThat(detail.bodyAsJsonObject().getLong("priceCentimes")).isEqualTo(12000);
    assertThat(again.statusCode()).isEqualTo(304);
  }

  @Test
  void bad_input_is_a_problem_not_a_crash() {
    HttpResponse<Buffer> region =
        await(http.get("/api/catalog/products?region=atlantis").send(), 10);
    HttpResponse<Buffer> price = await(http.get("/api/catalog/products?minPrice=cheap").send(), 10);
    HttpResponse<Buffer> cursor = await(http.get("/api/catalog/products?cursor=%%%").send(), 10);
    HttpResponse<Buffer> unknown =
        await(http.get("/api/catalog/products/" + UUID.randomUUID()).send(), 10);
    HttpResponse<Buffer> notAnId = await(http.get("/api/catalog/products/argan").send(), 10);
    HttpResponse<Buffer> noRoute = await(http.get("/api/catalog/nowhere").send(), 10);

    for (HttpResponse<Buffer> response : List.of(region, price, cursor)) {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getString("detail")).isNotBlank();
    }
    for (HttpResponse<Buffer> response : List.of(unknown, notAnId, noRoute)) {
      assertThat(response.statusCode()).isEqualTo(404);
      assertThat(response.bodyAsJsonObject().getInteger("status")).isEqualTo(404);
    }
  }

  @Test
  void demo_products_are_announced_on_catalog_events() {
    // Other test classes announce the same demo ids: follow the event this instance wrote, the
    // one announced since it started.
    Handled catalogEvents = new Handled(settings, CatalogService.SCHEMA, CatalogService.NAME);
    List<EventEnvelope> announced =
        catalogEvents.publishedIds(ProductPublished.class, ARGAN_250).stream()
            .map(probe::awaitEnvelope)
            .filter(envelope -> !envelope.time().isBefore(started))
            .toList();
    assertThat(announced).hasSize(1);
    ProductPublished published = EventMapper.data(announced.get(0), ProductPublished.class);

    assertThat(published.product().priceCentimes()).isEqualTo(12000);
    assertThat(published.product().cooperativeId()).isEqualTo(TIFAOUINE);
  }

  @Test
  void concurrent_orders_never_oversell(Vertx vertx) {
    // Three medium Zemmour carpets in stock; ten shoppers want two each at the same moment.
    List<UUID> orders = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
    KafkaProducer<String, String> producer =
        KafkaProducer.create(vertx, KafkaSettings.from(settings, "catalog-test").producer());
    EventMapper mapper = new EventMapper("/catalog-test");
    for (UUID order : orders) {
      OrderPlaced placed =
          new OrderPlaced(
              order,
              PaymentMethod.CASH_ON_DELIVERY,
              480000,
              List.of(
                  new OrderPlaced.Line(
                      ZEMMOUR_MEDIUM, DemoCatalog.cooperativeId("zemmour-tapis"), 2)));
      producer.send(
          KafkaProducerRecord.create(
              Topics.ORDER_EVENTS, order.toString(), EventMapper.toJson(mapper.envelope(placed))));
    }
    await(producer.flush(), 10);
    await(producer.close(), 10);

    List<UUID> reserved = new ArrayList<>();
    for (UUID order : orders) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  probe.count(StockReserved.class, order) + probe.count(StockRejected.class, order)
                      > 0);
      if (probe.count(StockReserved.class, order) > 0) {
        reserved.add(order);
      }
    }
    assertThat(reserved).hasSize(1);
    JsonObject carpet =
        await(http.get("/api/catalog/products/" + ZEMMOUR_MEDIUM).send(), 10).bodyAsJsonObject();
    assertThat(carpet.getInteger("stockAvailable")).isEqualTo(1);
    UUID rejected =
        orders.stream().filter(order -> !reserved.contains(order)).findFirst().orElseThrow();
    StockRejected why = probe.awaitEvent(StockRejected.class, rejected);
    assertThat(why.shortages()).containsExactly(new StockRejected.Shortage(ZEMMOUR_MEDIUM, 2, 1));
  }
}
