package ma.tadamon.catalog.store;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.catalog.domain.StockReservation.Held;
import ma.tadamon.catalog.domain.StockReservation.Held.Status;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A product's stock moves with every order that holds it: the move must be a heap-only update
 * (HOT), which none of the products' nine indexes (four of them GIN indexes of the search vectors)
 * sees. It is one when the row's page has room for the new version, which the table's fill factor
 * leaves.
 */
class StockMovesTest {

  private static final int PRODUCTS = 40;

  private static Vertx vertx;
  private static Pool pool;
  private static final List<UUID> products = new ArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    PostgresSettings pg =
        PostgresSettings.from(TestPlatform.settingsWithOwnDatabase("catalog_stock_moves"));
    await(Database.migrate(vertx, pg, "catalog"), 120);
    pool = Database.pool(vertx, pg, "catalog", "stock-moves-test");
    UUID cooperative = CatalogRows.cooperative(pool, "tamount", false);
    // Products as the catalog holds them: a description of a few sentences in three languages, so
    // that a page holds a handful of them.
    JsonObject description =
        new JsonObject()
            .put("ar", "زيت أركان مضغوط على البارد من تعاونية نسائية في سوس. ".repeat(3))
            .put("fr", "Huile pressée à froid par une coopérative de femmes du Souss. ".repeat(3))
            .put("en", "Cold-pressed oil from a women's cooperative in Souss. ".repeat(3));
    for (int i = 0; i < PRODUCTS; i++) {
      products.add(
          CatalogRows.product(
              pool,
              cooperative,
              new JsonObject()
                  .put("ar", "زيت أركان " + i)
                  .put("fr", "Huile d'argan " + i)
                  .put("en", "Argan oil " + i),
              description,
              1000));
    }
  }

  @AfterAll
  static void stop() {
    await(pool.close(), 10);
    await(vertx.close(), 10);
  }

  @Test
  void a_move_of_every_product_on_full_pages_touches_no_index() {
    StockStore stock = new StockStore();
    List<Held> holds = products.stream().map(id -> new Held(id, 2, Status.HELD)).toList();

    Row counted =
        await(
            pool.withTransaction(
                tx ->
                    stock
                        .move(tx, holds)
                        .compose(
                            moved ->
                                tx.query(
                                        """
                                        SELECT pg_stat_get_xact_tuples_updated('products'::regclass) AS updated,
                                               pg_stat_get_xact_tuples_hot_updated('products'::regclass) AS hot
                                        """)
                                    .execute())
                        .map(rows -> rows.iterator().next())),
            10);

    assertThat(counted.getLong("updated")).isEqualTo(PRODUCTS);
    assertThat(counted.getLong("hot")).as("heap-only updates").isEqualTo(PRODUCTS);
  }
}
