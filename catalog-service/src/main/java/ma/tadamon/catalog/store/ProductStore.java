package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductPage;
import ma.tadamon.catalog.domain.ProductQuery;
import ma.tadamon.catalog.domain.ProductQuery.Sort;
import ma.tadamon.events.Region;

/** Products in the catalog schema: what shoppers browse and search, and what cooperatives edit. */
public final class ProductStore {

  private static final String INSERT = """
      INSERT INTO products (id, cooperative_id, name, description, category, price_centimes, unit, labels,
                            image_urls, active, stock_on_hand, created_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
      ON CONFLICT (id) DO NOTHING
      """;
  private static final String UPDATE = """
      UPDATE products SET name = $2, description = $3, category = $4, price_centimes = $5, unit = $6, labels = $7,
                          image_urls = $8, active = $9, stock_on_hand = $10, updated_at = now()
      WHERE id = $1
      """;
  private static final String LISTING_COLUMNS = """
      p.id, p.cooperative_id, p.name, p.description, p.category, p.price_centimes, p.unit, p.labels,
      p.image_urls, p.active, p.stock_on_hand, p.stock_reserved, p.created_at,
      c.region, c.women_led, c.name AS cooperative_name, c.verified AS cooperative_verified
      """;
  private static final String BY_ID = "SELECT " + LISTING_COLUMNS
      + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE p.id = $1";
  private static final String BY_ID_FOR_UPDATE = BY_ID + " FOR UPDATE OF p";
  // Rows are locked in id order: two transactions touching the same products never deadlock.
  private static final String LOCK_ALL = "SELECT " + LISTING_COLUMNS
      + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE p.id = ANY($1)"
      + " ORDER BY p.id FOR UPDATE OF p";
  private static final String OF_COOPERATIVE = "SELECT " + LISTING_COLUMNS
      + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE p.cooperative_id = $1"
      + " ORDER BY p.active DESC, p.created_at DESC, p.id DESC";

  // The words searched ($1), read by each language's text search configuration, and folded for trigram
  // matching of typos when the query is short ($2). A word similarity of 0.4 lets "safron" and "zafran"
  // find safran: the operator <% would use the trigram index but is fixed at pg_trgm's 0.6 unless a
  // setting is changed per session.
  private static final String SEARCH = """
      WITH search AS (
        SELECT $1::text AS words, $2::boolean AS typo_tolerant,
               websearch_to_tsquery('arabic', coalesce($1, '')) AS ar,
               websearch_to_tsquery('french', coalesce($1, '')) AS fr,
               websearch_to_tsquery('english', coalesce($1, '')) AS en,
               search_folded(coalesce($1, '')) AS folded)
      """;
  // Every filter is one prepared statement: a NULL parameter means "any".
  private static final String MATCHING = """
      FROM products p JOIN cooperatives c ON c.id = p.cooperative_id CROSS JOIN search s
      WHERE c.verified AND p.active
        AND (s.words IS NULL OR p.search_ar @@ s.ar OR p.search_fr @@ s.fr OR p.search_en @@ s.en
             OR (s.typo_tolerant AND word_similarity(s.folded, p.search_names) >= 0.4))
        AND ($3::text IS NULL OR c.region = $3)
        AND ($4::text IS NULL OR p.category = $4)
        AND ($5::boolean IS NULL OR c.women_led = $5)
        AND ($6::uuid IS NULL OR p.cooperative_id = $6)
        AND ($7::bigint IS NULL OR p.price_centimes >= $7)
        AND ($8::bigint IS NULL OR p.price_centimes <= $8)
        AND ($9::boolean IS NULL OR (p.stock_on_hand > p.stock_reserved) = $9)
      """;
  // Matches in a product's name weigh more than in its description (weights A and B); a typo match
  // ranks below any exact word.
  private static final String RELEVANCE = """
      CASE WHEN s.words IS NULL THEN 0::float8 ELSE
        ts_rank(p.search_ar, s.ar)::float8 + ts_rank(p.search_fr, s.fr)::float8 + ts_rank(p.search_en, s.en)::float8
        + CASE WHEN s.typo_tolerant THEN word_similarity(s.folded, p.search_names)::float8 / 10 ELSE 0 END
      END AS relevance
      """;
  private static final Map<Sort, String> BROWSE = new EnumMap<>(Map.of(
      Sort.NEWEST, browse("created_at", "timestamptz", "<", "created_at DESC, id DESC"),
      Sort.PRICE_ASC, browse("price_centimes", "bigint", ">", "price_centimes ASC, id ASC"),
      Sort.PRICE_DESC, browse("price_centimes", "bigint", "<", "price_centimes DESC, id DESC"),
      Sort.RELEVANCE, browse("relevance", "float8", "<", "relevance DESC, id DESC")));
  private static final String REGION_FACET = SEARCH + "SELECT c.region AS value, count(*) AS products " + MATCHING
      + " GROUP BY c.region";
  private static final String CATEGORY_FACET = SEARCH + "SELECT p.category AS value, count(*) AS products " + MATCHING
      + " GROUP BY p.category";

  /**
   * A page in one order: the sort key is returned as text (PostgreSQL's own exact rendering) for the
   * next cursor, and read back with the same type in the keyset condition ($10 key, $11 id).
   */
  private static String browse(String key, String type, String comparison, String order) {
    return SEARCH + "SELECT * FROM (SELECT " + LISTING_COLUMNS + ", " + RELEVANCE + MATCHING + ") page"
        + " WHERE ($10::text IS NULL OR (page." + key + ", page.id) " + comparison + " ($10::" + type + ", $11::uuid))"
        + " ORDER BY " + order + " LIMIT $12";
  }

  private static String sortKeyColumn(Sort sort) {
    return switch (sort) {
      case NEWEST -> "created_at";
      case PRICE_ASC, PRICE_DESC -> "price_centimes";
      case RELEVANCE -> "relevance";
    };
  }

  private final Pool pool;

  public ProductStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Boolean> insert(SqlClient client, Product product) {
    return client.preparedQuery(INSERT).execute(Tuple.from(Arrays.asList(
            product.id(), product.cooperativeId(), new JsonObject(Map.copyOf(product.name())),
            new JsonObject(Map.copyOf(product.description())), product.category().slug(), product.priceCentimes(),
            product.unit(), product.labels().toArray(new String[0]), product.imageUrls().toArray(new String[0]),
            product.active(), product.stockOnHand(), product.createdAt().atOffset(java.time.ZoneOffset.UTC))))
        .map(result -> result.rowCount() == 1);
  }

  /** Writes a product's details and stock on hand; what is reserved only the stock reservations change. */
  public Future<Void> update(SqlClient client, Product product) {
    return client.preparedQuery(UPDATE).execute(Tuple.from(Arrays.asList(
            product.id(), new JsonObject(Map.copyOf(product.name())), new JsonObject(Map.copyOf(product.description())),
            product.category().slug(), product.priceCentimes(), product.unit(), product.labels().toArray(new String[0]),
            product.imageUrls().toArray(new String[0]), product.active(), product.stockOnHand())))
        .mapEmpty();
  }

  /** A page of {@code query.limit()} products at most, and one more if there is more. */
  public Future<ProductPage> browse(ProductQuery query) {
    Tuple params = searchParameters(query, query.filters())
        .addValue(query.after().map(ProductQuery.Position::sortKey).orElse(null))
        .addValue(query.after().map(ProductQuery.Position::id).orElse(null))
        .addValue(query.limit() + 1);
    String sortKey = sortKeyColumn(query.sort());
    Future<List<ProductListing>> page = pool.preparedQuery(BROWSE.get(query.sort())).execute(params).map(rows -> {
      List<ProductListing> listings = new ArrayList<>();
      rows.forEach(row -> listings.add(toListing(row, row.getValue(sortKey).toString())));
      return listings;
    });
    Future<Optional<ProductPage.Facets>> facets = query.after().isPresent()
        ? Future.succeededFuture(Optional.empty())
        : facets(query).map(Optional::of);
    return Future.all(page, facets).map(done -> {
      List<ProductListing> listings = page.result();
      boolean hasMore = listings.size() > query.limit();
      return new ProductPage(hasMore ? listings.subList(0, query.limit()) : listings, hasMore, facets.result());
    });
  }

  private Future<ProductPage.Facets> facets(ProductQuery query) {
    Future<Map<String, Long>> regions = counts(REGION_FACET, searchParameters(query, query.filters().withoutRegion()));
    Future<Map<String, Long>> categories = counts(CATEGORY_FACET,
        searchParameters(query, query.filters().withoutCategory()));
    return Future.all(regions, categories).map(done -> {
      Map<Region, Long> byRegion = new LinkedHashMap<>();
      regions.result().forEach((slug, count) -> Region.fromSlug(slug).ifPresent(region -> byRegion.put(region, count)));
      Map<Category, Long> byCategory = new LinkedHashMap<>();
      categories.result().forEach((slug, count) ->
          Category.fromSlug(slug).ifPresent(category -> byCategory.put(category, count)));
      return new ProductPage.Facets(byRegion, byCategory);
    });
  }

  private Future<Map<String, Long>> counts(String sql, Tuple params) {
    return pool.preparedQuery(sql).execute(params).map(rows -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      rows.forEach(row -> counts.put(row.getString("value"), row.getLong("products")));
      return counts;
    });
  }

  private static Tuple searchParameters(ProductQuery query, ProductQuery.Filters filters) {
    return Tuple.from(Arrays.asList(
        query.words().orElse(null),
        query.typoTolerant(),
        filters.region().map(Region::slug).orElse(null),
        filters.category().map(Category::slug).orElse(null),
        filters.womenLed().orElse(null),
        filters.cooperativeId().orElse(null),
        filters.minPriceCentimes().orElse(null),
        filters.maxPriceCentimes().orElse(null),
        filters.inStock().orElse(null)));
  }

  public Future<Optional<ProductListing>> find(UUID id) {
    return find(pool, id, BY_ID);
  }

  /** The product with its row locked until the transaction ends: for changes that depend on its current state. */
  public Future<Optional<ProductListing>> lock(SqlClient tx, UUID id) {
    return find(tx, id, BY_ID_FOR_UPDATE);
  }

  private static Future<Optional<ProductListing>> find(SqlClient client, UUID id, String sql) {
    return client.preparedQuery(sql).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toListing(rows.iterator().next(), null)));
  }

  /** The products, locked until the transaction ends, by id; unknown ids are absent. */
  public Future<Map<UUID, ProductListing>> lockAll(SqlClient tx, java.util.Collection<UUID> ids) {
    return tx.preparedQuery(LOCK_ALL).execute(Tuple.of(ids.toArray(new UUID[0]))).map(rows -> {
      Map<UUID, ProductListing> locked = new LinkedHashMap<>();
      rows.forEach(row -> locked.put(row.getUUID("id"), toListing(row, null)));
      return locked;
    });
  }

  /** Every product of a cooperative, on sale or not, for its own management. */
  public Future<List<ProductListing>> ofCooperative(UUID cooperativeId) {
    return pool.preparedQuery(OF_COOPERATIVE).execute(Tuple.of(cooperativeId)).map(rows -> {
      List<ProductListing> listings = new ArrayList<>();
      rows.forEach(row -> listings.add(toListing(row, null)));
      return listings;
    });
  }

  private static ProductListing toListing(Row row, String sortKey) {
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
        row.getBoolean("cooperative_verified"), sortKey);
  }
}
