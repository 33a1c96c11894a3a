package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductQuery;
import ma.tadamon.events.Region;

/** Products in the catalog schema, and what shoppers browse. */
public final class ProductStore {

  private static final String INSERT = """
      INSERT INTO products (id, cooperative_id, name, description, category, price_centimes, unit, labels,
                            image_urls, active, stock_on_hand)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      ON CONFLICT (id) DO NOTHING
      """;
  private static final String LISTING_COLUMNS = """
      p.id, p.cooperative_id, p.name, p.description, p.category, p.price_centimes, p.unit, p.labels,
      p.image_urls, p.active, p.stock_on_hand, p.stock_reserved, p.created_at,
      c.region, c.women_led, c.name AS cooperative_name, c.verified AS cooperative_verified
      FROM products p JOIN cooperatives c ON c.id = p.cooperative_id
      """;
  // One prepared statement for every combination of filters: a NULL parameter means "any".
  private static final String BROWSE = "SELECT " + LISTING_COLUMNS + """
      WHERE c.verified AND p.active
        AND ($1::text IS NULL OR c.region = $1)
        AND ($2::text IS NULL OR p.category = $2)
        AND ($3::boolean IS NULL OR c.women_led = $3)
        AND ($4::uuid IS NULL OR p.cooperative_id = $4)
        AND ($5::bigint IS NULL OR p.price_centimes >= $5)
        AND ($6::bigint IS NULL OR p.price_centimes <= $6)
        AND ($7::timestamptz IS NULL OR (p.created_at, p.id) < ($7, $8))
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT $9
      """;
  private static final String BY_ID = "SELECT " + LISTING_COLUMNS + " WHERE p.id = $1";

  private final Pool pool;

  public ProductStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Boolean> insert(SqlClient client, Product product) {
    return client.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(
            product.id(), product.cooperativeId(), new JsonObject(Map.copyOf(product.name())),
            new JsonObject(Map.copyOf(product.description())), product.category().slug(), product.priceCentimes(),
            product.unit(), product.labels().toArray(new String[0]), product.imageUrls().toArray(new String[0]),
            product.active(), product.stockOnHand())))
        .map(result -> result.rowCount() == 1);
  }

  /** One page more than asked is fetched by the caller's limit + 1 to know whether a next page exists. */
  public Future<List<ProductListing>> browse(ProductQuery query) {
    Tuple params = Tuple.from(Arrays.asList(
        query.region().map(Region::slug).orElse(null),
        query.category().map(Category::slug).orElse(null),
        query.womenLed().orElse(null),
        query.cooperativeId().orElse(null),
        query.minPriceCentimes().orElse(null),
        query.maxPriceCentimes().orElse(null),
        query.after().map(after -> after.createdAt().atOffset(ZoneOffset.UTC)).orElse(null),
        query.after().map(ProductQuery.Position::id).orElse(null),
        query.limit()));
    return pool.preparedQuery(BROWSE).execute(params).map(rows -> {
      List<ProductListing> page = new ArrayList<>();
      rows.forEach(row -> page.add(toListing(row)));
      return page;
    });
  }

  public Future<Optional<ProductListing>> find(UUID id) {
    return pool.preparedQuery(BY_ID).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toListing(rows.iterator().next())));
  }

  private static ProductListing toListing(Row row) {
    Product product = new Product(
        row.getUUID("id"),
        row.getUUID("cooperative_id"),
        Texts.of(row.getJsonObject("name")),
        Texts.of(row.getJsonObject("description")),
        Category.fromSlug(row.getString("category")).orElse(Category.OTHER),
        row.getLong("price_centimes"),
        row.getString("unit"),
        List.of(row.getArrayOfStrings("labels")),
        List.of(row.getArrayOfStrings("image_urls")),
        row.getBoolean("active"),
        row.getInteger("stock_on_hand"),
        row.getInteger("stock_reserved"),
        row.getOffsetDateTime("created_at").toInstant());
    return new ProductListing(product, Region.fromSlug(row.getString("region")).orElseThrow(),
        row.getBoolean("women_led"), Texts.of(row.getJsonObject("cooperative_name")),
        row.getBoolean("cooperative_verified"));
  }
}
