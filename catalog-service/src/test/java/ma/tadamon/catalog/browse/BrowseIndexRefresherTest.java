package ma.tadamon.catalog.browse;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.catalog.store.CatalogRows;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.FairStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shop window follows PostgreSQL's commits: an order that holds several products moves their
 * stock in one commit, and the window takes the commit's counters in one restock, since each copies
 * the whole index.
 */
class BrowseIndexRefresherTest {

  private static final int PRODUCTS = 3;
  private static final int STOCK = 20;

  private static Vertx vertx;
  private static Pool pool;
  private static final BrowseIndex index = new BrowseIndex();
  private static final List<UUID> products = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    PostgresSettings pg =
        PostgresSettings.from(TestPlatform.settingsWithOwnDatabase("catalog_browse_refresher"));
    await(Database.migrate(vertx, pg, "catalog"), 120);
    pool = Database.pool(vertx, pg, "catalog", "browse-refresher-test");
    UUID cooperative = CatalogRows.cooperative(pool, "tamount", true);
    for (int i = 0; i < PRODUCTS; i++) {
      products.add(
          CatalogRows.product(
              pool,
              cooperative,
              new JsonObject().put("fr", "Huile d'argan"),
              new JsonObject().put("fr", "Pressée à froid"),
              STOCK));
    }
    await(
        vertx.deployVerticle(
            new BrowseIndexRefresher(
                index,
                new CooperativeDirectory(),
                new FairCalendar(),
                new ProductStore(pool),
                new CooperativeStore(pool),
                new FairStore(pool),
                pg)),
        30);
    assertThat(index.size()).as("every product on sale, loaded").isEqualTo(PRODUCTS);
  }

  @AfterAll
  static void stop() {
    await(pool.close(), 10);
    await(vertx.close(), 10);
  }

  @Test
  void a_commit_that_moves_the_stock_of_several_products_restocks_the_window_once() {
    long before = index.version();

    await(
        pool.withTransaction(
            tx ->
                tx.preparedQuery(
                        "UPDATE products SET stock_reserved = stock_reserved + 2, updated_at ="
                            + " now() WHERE id = ANY($1)")
                    .execute(Tuple.of(products.toArray(UUID[]::new)))),
        10);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(products)
                    .allSatisfy(
                        id ->
                            assertThat(index.find(id).orElseThrow().product().stockAvailable())
                                .isEqualTo(STOCK - 2)));
    assertThat(index.version()).as("one new snapshot for the commit").isEqualTo(before + 1);
  }
}
