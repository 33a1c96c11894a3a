package ma.tadamon.local;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ./tadamon demo}'s people, faster: shoppers buy by cash on delivery and by card, the demo
 * cooperatives answer by SMS, the operator closes days. The demo knows only the storefront's
 * address and the SMS sandbox's (what a browser and a phone know), so every order it makes went
 * through the public APIs; the test then checks, in the services' own records, that those orders
 * went the whole way.
 */
@ExtendWith(VertxExtension.class)
class DemoTrafficTest {

  private static LocalPlatform platform;
  private static PlatformDatabase database;

  @BeforeAll
  static void start(Vertx vertx) {
    Map<String, String> environment = new HashMap<>(TestPlatform.settings().asMap());
    platform = LocalPlatform.start(new LocalPlatform.Options(null, FreePorts.next(), environment));
    database = PlatformDatabase.open(vertx, platform);
    database.awaitDemoCatalogLearnt();
  }

  @AfterAll
  static void stop() {
    await(database.close(), 10);
    platform.close();
  }

  @Test
  void shoppersBuyCooperativesAnswerAndTheDaysClose() throws InterruptedException {
    DemoTraffic.Pace quick =
        new DemoTraffic.Pace(
            Duration.ofMillis(1500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(15),
            Duration.ofSeconds(45),
            0.4,
            0.25,
            0.25);
    DemoTraffic demo =
        new DemoTraffic(
            new DemoTraffic.Addresses(platform.url(), platform.smsSandboxUrl()),
            () -> platform.token(Role.OPERATOR),
            quick,
            20261202L);
    demo.start().awaitEnd();
    DemoTraffic.Counts counts = demo.counts();

    assertThat(counts.refused()).as("requests refused: %s", counts).isZero();
    assertThat(counts.ordersPlaced()).as("%s", counts).isGreaterThanOrEqualTo(10);
    assertThat(counts.cashOnDelivery()).as("%s", counts).isPositive();
    assertThat(counts.cardsApproved()).as("%s", counts).isPositive();
    assertThat(counts.card()).as("%s", counts).isGreaterThan(counts.cardsApproved());
    assertThat(counts.declined()).as("%s", counts).isPositive();
    assertThat(counts.delivered()).as("%s", counts).isPositive();
    assertThat(counts.daysClosed()).as("%s", counts).isGreaterThanOrEqualTo(2);

    // Every order the demo was answered for is an order of the platform's.
    String demoOrders = "FROM orders.orders WHERE idempotency_key LIKE 'demo-%'";
    assertThat(count("SELECT count(*) " + demoOrders)).isEqualTo(counts.ordersPlaced());
    // The cooperatives' SMS were read as commands, and parts went the whole way.
    String parts =
        "SELECT count(*) FROM orders.cooperative_orders WHERE order_id IN (SELECT id "
            + demoOrders
            + ") AND status = ";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(count(parts + "'DELIVERED'")).isPositive();
              assertThat(count(parts + "'DECLINED'")).isPositive();
            });
    assertThat(count("SELECT count(*) " + demoOrders + " AND payment_method = 'CARD'"))
        .isEqualTo(counts.card());
    // The operator's closed days issued the cooperatives' statements for what was delivered.
    assertThat(counts.statementsIssued()).as("%s", counts).isPositive();
  }

  /** What order-service wrote: the count a query without parameters gives. */
  private static long count(String sql) {
    return PlatformDatabase.count(database.orders(), sql);
  }
}
