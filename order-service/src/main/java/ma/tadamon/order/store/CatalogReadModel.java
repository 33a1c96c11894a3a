package ma.tadamon.order.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.events.catalog.FairScheduled;
import ma.tadamon.events.catalog.ProductState;
import ma.tadamon.events.catalog.StandSaleRecorded;
import ma.tadamon.order.domain.CatalogFair;
import ma.tadamon.order.domain.CatalogProduct;

/**
 * order-service's own copy of what it needs from the catalog, kept from {@code catalog.events}. An
 * event older than what is stored never overwrites it, so redelivery and reordering are harmless.
 */
public final class CatalogReadModel {

  private static final String UPSERT_COOPERATIVE =
      """
      INSERT INTO catalog_cooperatives (id, name, region, verified, as_of, women_led, seller)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, region = EXCLUDED.region,
        verified = EXCLUDED.verified, as_of = EXCLUDED.as_of, women_led = EXCLUDED.women_led,
        seller = EXCLUDED.seller
      WHERE catalog_cooperatives.as_of <= EXCLUDED.as_of
      """;
  private static final String UPSERT_PRODUCT =
      """
      INSERT INTO catalog_products (id, cooperative_id, name, price_centimes, unit, active, as_of, category)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (id) DO UPDATE SET cooperative_id = EXCLUDED.cooperative_id, name = EXCLUDED.name,
        price_centimes = EXCLUDED.price_centimes, unit = EXCLUDED.unit, active = EXCLUDED.active, as_of = EXCLUDED.as_of,
        category = EXCLUDED.category
      WHERE catalog_products.as_of <= EXCLUDED.as_of
      """;
  // A product whose cooperative has not arrived yet is not sellable: the inner join leaves it out.
  private static final String PRODUCTS =
      """
      SELECT p.id, p.cooperative_id, p.name, p.category, p.price_centimes, p.unit, p.active, c.region, c.verified
      FROM catalog_products p JOIN catalog_cooperatives c ON c.id = p.cooperative_id
      WHERE p.id = ANY($1)
      """;

  private static final String UPSERT_FAIR =
      """
      INSERT INTO catalog_fairs (id, slug, campaign_tag, name, region, city, venue, starts_on, ends_on,
                                 stands, as_of)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      ON CONFLICT (id) DO UPDATE SET slug = EXCLUDED.slug, campaign_tag = EXCLUDED.campaign_tag,
        name = EXCLUDED.name, region = EXCLUDED.region, city = EXCLUDED.city, venue = EXCLUDED.venue,
        starts_on = EXCLUDED.starts_on, ends_on = EXCLUDED.ends_on, stands = EXCLUDED.stands,
        as_of = EXCLUDED.as_of
      WHERE catalog_fairs.as_of <= EXCLUDED.as_of
      """;
  // A slug moves to another fair only when operators rename: the newest announcement holds it.
  private static final String FAIR_BY_SLUG =
      "SELECT * FROM catalog_fairs WHERE slug = $1 ORDER BY as_of DESC LIMIT 1";

  public Future<Void> saveCooperative(SqlConnection tx, CooperativeState coop, Instant asOf) {
    return tx.preparedQuery(UPSERT_COOPERATIVE)
        .execute(
            Tuple.of(
                coop.id(),
                new JsonObject(Map.copyOf(coop.name())),
                coop.region(),
                coop.verified(),
                asOf.atOffset(ZoneOffset.UTC),
                coop.womenLed(),
                coop.seller() == null ? null : JsonObject.mapFrom(coop.seller())))
        .mapEmpty();
  }

  public Future<Void> saveProduct(SqlConnection tx, ProductState product, Instant asOf) {
    return tx.preparedQuery(UPSERT_PRODUCT)
        .execute(
            Tuple.of(
                product.id(),
                product.cooperativeId(),
                new JsonObject(Map.copyOf(product.name())),
                product.priceCentimes(),
                product.unit(),
                product.active(),
                asOf.atOffset(ZoneOffset.UTC),
                product.category()))
        .mapEmpty();
  }

  public Future<Void> saveStandSale(SqlConnection tx, StandSaleRecorded sale) {
    return tx.preparedQuery(
            "INSERT INTO stand_sales (id, campaign_tag, cooperative_id, product_id, quantity,"
                + " amount_centimes, via, sold_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"
                + " ON CONFLICT (id) DO NOTHING")
        .execute(
            Tuple.from(
                new Object[] {
                  sale.saleId(),
                  sale.campaignTag(),
                  sale.cooperativeId(),
                  sale.productId(),
                  sale.quantity(),
                  sale.amountCentimes(),
                  sale.via(),
                  sale.soldAt().atOffset(ZoneOffset.UTC)
                }))
        .mapEmpty();
  }

  public Future<Void> saveFair(SqlConnection tx, FairScheduled fair, Instant asOf) {
    JsonObject stands = new JsonObject();
    fair.stands().forEach(stand -> stands.put(stand.cooperativeId().toString(), stand.stand()));
    return tx.preparedQuery(UPSERT_FAIR)
        .execute(
            Tuple.from(
                new Object[] {
                  fair.fairId(),
                  fair.slug(),
                  fair.campaignTag(),
                  new JsonObject(Map.copyOf(fair.name())),
                  fair.region(),
                  new JsonObject(Map.copyOf(fair.city())),
                  new JsonObject(Map.copyOf(fair.venue())),
                  fair.startsOn(),
                  fair.endsOn(),
                  stands,
                  asOf.atOffset(ZoneOffset.UTC)
                }))
        .mapEmpty();
  }

  public Future<Optional<CatalogFair>> fair(SqlClient client, String slug) {
    return client
        .preparedQuery(FAIR_BY_SLUG)
        .execute(Tuple.of(slug))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              Map<UUID, String> stands = new HashMap<>();
              row.getJsonObject("stands")
                  .forEach(
                      stand ->
                          stands.put(UUID.fromString(stand.getKey()), (String) stand.getValue()));
              return Optional.of(
                  new CatalogFair(
                      row.getUUID("id"),
                      row.getString("slug"),
                      row.getString("campaign_tag"),
                      OrderRows.texts(row.getJsonObject("name")),
                      row.getString("region"),
                      OrderRows.texts(row.getJsonObject("city")),
                      OrderRows.texts(row.getJsonObject("venue")),
                      row.getLocalDate("starts_on"),
                      row.getLocalDate("ends_on"),
                      stands));
            });
  }

  public Future<Map<UUID, CatalogProduct>> products(SqlClient client, Collection<UUID> ids) {
    return client
        .preparedQuery(PRODUCTS)
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .map(
            rows -> {
              Map<UUID, CatalogProduct> products = new HashMap<>();
              rows.forEach(
                  row -> {
                    Map<String, String> name = OrderRows.texts(row.getJsonObject("name"));
                    products.put(
                        row.getUUID("id"),
                        new CatalogProduct(
                            row.getUUID("id"),
                            row.getUUID("cooperative_id"),
                            name,
                            row.getString("category"),
                            row.getLong("price_centimes"),
                            row.getString("unit"),
                            row.getBoolean("active"),
                            row.getString("region"),
                            row.getBoolean("verified")));
                  });
              return products;
            });
  }
}
