package ma.tadamon.catalog.store;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * Rows written straight into the catalog's tables, for tests of what the tables themselves do
 * (their triggers, their updates): a women's argan cooperative of Souss and its products.
 */
public final class CatalogRows {

  private CatalogRows() {}

  /** A cooperative; a verified one has its products on sale. */
  public static UUID cooperative(Pool pool, String slug, boolean verified) {
    UUID id = UUID.randomUUID();
    await(
        pool.preparedQuery(
                """
                INSERT INTO cooperatives (id, slug, name, story, region, city, phone,
                  registration_number, founded_year, members, women_led, preferred_language,
                  notification_channels, verified, return_address)
                VALUES ($1, $2, '{"fr": "Tamount"}', '{"fr": "Argan"}', 'souss-massa',
                  '{"fr": "Agadir"}', '+212661000001', $2, 2012, 25, true, 'fr', '{SMS}', $3,
                  'Douar Tamount, Agadir')
                """)
            .execute(Tuple.of(id, slug, verified)),
        10);
    return id;
  }

  /** A product of the cooperative, active, its name and description in any languages. */
  public static UUID product(
      Pool pool, UUID cooperative, JsonObject name, JsonObject description, int stockOnHand) {
    UUID id = UUID.randomUUID();
    await(
        pool.preparedQuery(
                """
                INSERT INTO products (id, cooperative_id, name, description, category,
                  price_centimes, unit, stock_on_hand)
                VALUES ($1, $2, $3, $4, 'oils', 12000, '250 ml', $5)
                """)
            .execute(Tuple.of(id, cooperative, name, description, stockOnHand)),
        10);
    return id;
  }
}
