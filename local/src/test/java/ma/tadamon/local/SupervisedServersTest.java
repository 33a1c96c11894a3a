package ma.tadamon.local;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local platform supervises its own servers: a Kafka broker or PostgreSQL server killed (kill
 * -9) is started again with its data, the services reconnect, and orders go on being confirmed.
 */
@ExtendWith(VertxExtension.class)
class SupervisedServersTest {

  private static final String AMLOU =
      DemoCatalog.productId("tifaouine-argan", "amlou-250").toString();

  private static final AtomicInteger nextPhone = new AtomicInteger();
  private static LocalPlatform platform;
  private static WebClient http;
  private static PlatformDatabase database;

  @BeforeAll
  static void start(Vertx vertx) {
    // Its own embedded servers (the shared test servers are not the platform's to supervise).
    Map<String, String> environment = new HashMap<>(TestPlatform.settings().asMap());
    environment.remove("KAFKA_BOOTSTRAP_SERVERS");
    environment.keySet().removeIf(name -> name.startsWith("PG_") || name.startsWith("S3_"));
    environment.put("TADAMON_INFRA", "embedded");
    platform = LocalPlatform.start(new LocalPlatform.Options(null, FreePorts.next(), environment));
    http = PlatformHttp.client(vertx, platform);
    database = PlatformDatabase.open(vertx, platform);
  }

  @AfterAll
  static void stop() {
    await(database.close(), 10);
    platform.close();
  }

  @Test
  void a_killed_broker_is_started_again_and_an_order_placed_meanwhile_is_confirmed() {
    long broker = platform.infrastructure().embeddedBrokerPid().orElseThrow();
    await().atMost(Duration.ofSeconds(60)).until(() -> place("before").statusCode() == 201);

    ProcessHandle.of(broker).orElseThrow().destroyForcibly();
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> ProcessHandle.of(broker).isEmpty() || !ProcessHandle.of(broker).get().isAlive());
    // Placed while the broker is down: the order and its event wait in order-service's outbox.
    JsonObject placed = place("meanwhile").bodyAsJsonObject();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> platform.infrastructure().embeddedBrokerPid().orElseThrow() != broker);
    awaitConfirmed(placed);
    assertThat(ProcessHandle.of(platform.infrastructure().embeddedBrokerPid().orElseThrow()))
        .hasValueSatisfying(process -> assertThat(process.isAlive()).isTrue());
  }

  @Test
  void a_killed_object_storage_is_started_again_with_the_photos_it_held() throws Exception {
    UUID product = DemoCatalog.productId("tifaouine-argan", "cosmetic-argan-100");
    BufferedImage image = new BufferedImage(800, 600, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    ImageIO.write(image, "jpeg", jpeg);
    HttpResponse<Buffer> added =
        await(
            http.post("/api/catalog/products/" + product + "/photos")
                .bearerTokenAuthentication(platform.token(Role.OPERATOR))
                .putHeader("Content-Type", "image/jpeg")
                .sendBuffer(Buffer.buffer(jpeg.toByteArray())),
            30);
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    String url =
        added.bodyAsJsonObject().getJsonArray("renditions").getJsonObject(0).getString("url");
    long storage = platform.infrastructure().embeddedObjectStoragePid().orElseThrow();

    ProcessHandle.of(storage).orElseThrow().destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> platform.infrastructure().embeddedObjectStoragePid().orElseThrow() != storage);
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> await(http.get(url).send(), 10).statusCode() == 200);
  }

  @Test
  void a_killed_mail_server_is_started_again_and_its_page_answers() {
    long mail = platform.infrastructure().embeddedMailPid().orElseThrow();

    ProcessHandle.of(mail).orElseThrow().destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> platform.infrastructure().embeddedMailPid().orElseThrow() != mail);
    String page = platform.mailPageUrl().orElseThrow();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> await(http.getAbs(page + "api/messages").send(), 10).statusCode() == 200);
  }

  @Test
  void a_killed_database_server_is_started_again_with_its_data() {
    JsonObject before =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> place("before"), answer -> answer.statusCode() == 201)
            .bodyAsJsonObject();
    awaitConfirmed(before);
    awaitWrittenToDisk();
    long server = platform.infrastructure().embeddedPostgresPid().orElseThrow();

    ProcessHandle.of(server).orElseThrow().destroyForcibly();

    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> platform.infrastructure().embeddedPostgresPid().orElseThrow() != server);
    // The pools reconnect by themselves; until they do, a checkout is a 503 to retry, never a 500.
    JsonObject after =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> place("after"),
                answer -> {
                  assertThat(answer.statusCode()).isIn(201, 503);
                  return answer.statusCode() == 201;
                })
            .bodyAsJsonObject();
    awaitConfirmed(after);
    assertThat(status(before)).as("kept through the crash").isEqualTo("CONFIRMED");
  }

  /**
   * The embedded server commits without waiting for its log to be written (synchronous_commit is
   * off, for speed): a kill -9 may lose the last fraction of a second. The test waits until what it
   * checks after the crash is written.
   */
  private static void awaitWrittenToDisk() {
    // The server's log is one for all its databases: any of them reads its position.
    Pool anyDatabase = database.orders();
    String written =
        await(anyDatabase.query("SELECT pg_current_wal_insert_lsn()::text").execute(), 10)
            .iterator()
            .next()
            .getString(0);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                await(
                        anyDatabase
                            .preparedQuery("SELECT pg_current_wal_flush_lsn() >= $1::pg_lsn")
                            .execute(Tuple.of(written)),
                        10)
                    .iterator()
                    .next()
                    .getBoolean(0));
  }

  /** The shopper types the code its SMS brought, and the order goes on to CONFIRMED. */
  private static void awaitConfirmed(JsonObject placed) {
    ShopperPhone.confirm(platform, http, placed);
    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> "CONFIRMED".equals(status(placed)));
  }

  private static String status(JsonObject placed) {
    return await(
            http.get("/api/orders/" + placed.getString("id"))
                .putHeader("X-Order-Token", placed.getString("accessToken"))
                .send(),
            10)
        .bodyAsJsonObject()
        .getString("status");
  }

  private static HttpResponse<Buffer> place(String why) {
    JsonObject body =
        new JsonObject()
            .put(
                "lines",
                new JsonArray().add(new JsonObject().put("productId", AMLOU).put("quantity", 1)))
            .put(
                "contact",
                new JsonObject()
                    .put("name", "Khadija Ait Ali")
                    // A number per order: a number gets a few SMS an hour.
                    .put("phone", String.format("+2126613%05d", nextPhone.incrementAndGet())))
            .put(
                "shippingAddress",
                new JsonObject()
                    .put("line1", "Derb Sidi Bouloukat 7")
                    .put("city", "Tiznit")
                    .put("postalCode", "85000")
                    .put("region", "souss-massa"))
            .put("paymentMethod", "CASH_ON_DELIVERY")
            .put("language", "fr");
    return await(
        http.post("/api/orders")
            .putHeader("Idempotency-Key", why + "-" + UUID.randomUUID())
            .sendJsonObject(body),
        10);
  }
}
