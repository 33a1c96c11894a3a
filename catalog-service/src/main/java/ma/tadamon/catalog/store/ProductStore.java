package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.events.Region;

/** Products in the catalog schema: what shoppers browse and search, and what cooperatives edit. */
public final class ProductStore {

  private static final String INSERT =
      """
      INSERT INTO products (id, cooperative_id, name, description, category, price_centimes, unit, labels,
                            image_urls, active, stock_on_hand, created_at, photos)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
      ON CONFLICT (id) DO NOTHING
      """;
  private static final String UPDATE =
      """
      UPDATE products SET name = $2, description = $3, category = $4, price_centimes = $5, unit = $6, labels = $7,
                          image_urls = $8, active = $9, stock_on_hand = $10, photos = $11,
                          updated_at = now()
      WHERE id = $1
      """;
  private static final String LISTING_COLUMNS =
      """
      p.id, p.cooperative_id, p.name, p.description, p.category, p.price_centimes, p.unit, p.labels,
      p.image_urls, p.photos, p.active, p.stock_on_hand, p.stock_reserved, p.created_at,
      c.region, c.women_led, c.name AS cooperative_name, c.verified AS cooperative_verified
      """;
  private static final String BY_ID =
      "SELECT "
          + LISTING_COLUMNS
          + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE p.id = $1";
  private static final String BY_ID_FOR_UPDATE = BY_ID + " FOR UPDATE OF p";
  // Rows are locked in id order: two transactions touching the same products never deadlock.
  private static final String LOCK_ALL =
      "SELECT "
          + LISTING_COLUMNS
          + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE p.id = ANY($1)"
          + " ORDER BY p.id FOR UPDATE OF p";
  // The products orders hold or bought (of one cooperative, when $3 names it), locked as above.
  private static final String LOCK_RESERVED_BY =
      "SELECT "
          + LISTING_COLUMNS
          + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id"
          + " WHERE p.id IN (SELECT r.product_id FROM stock_reservations r"
          + " WHERE r.order_id = ANY($1) AND r.status = ANY($2))"
          + " AND ($3::uuid IS NULL OR p.cooperative_id = $3)"
          + " ORDER BY p.id FOR UPDATE OF p";
  private static final String OF_COOPERATIVE =
      "SELECT "
          + LISTING_COLUMNS
          + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE p.cooperative_id = $1"
          + " ORDER BY p.active DESC, p.created_at DESC, p.id DESC";

  private static final String ON_SALE =
      "SELECT "
          + LISTING_COLUMNS
          + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE p.active AND c.verified";
  private static final String BY_IDS =
      "SELECT "
          + LISTING_COLUMNS
          + " FROM products p JOIN cooperatives c ON c.id = p.cooperative_id WHERE p.id = ANY($1)";
  // The products whose names or descriptions hold the words ($1) in any language, by each
  // language's
  // text search configuration (stemming, stop words). A match in a name weighs more than one in a
  // description (weights A and B).
  private static final String MATCHING_WORDS =
      """
      WITH search AS (
        SELECT websearch_to_tsquery('arabic', $1) AS ar, websearch_to_tsquery('french', $1) AS fr,
               websearch_to_tsquery('english', $1) AS en)
      SELECT p.id,
             ts_rank(p.search_ar, s.ar)::float8 + ts_rank(p.search_fr, s.fr)::float8
               + ts_rank(p.search_en, s.en)::float8 AS relevance
      FROM products p CROSS JOIN search s
      WHERE p.active AND (p.search_ar @@ s.ar OR p.search_fr @@ s.fr OR p.search_en @@ s.en)
      """;
  // When no word matches, a short query is probably misspelt: the products whose folded names are
  // similar enough, by trigrams. 0.4 is what lets "safron" and "zafran" find safran (pg_trgm's
  // operator
  // default, 0.6, does not); at that threshold the trigram index does not help, so this costs a
  // scan
  // and runs only when the words found nothing.
  private static final String MATCHING_TYPOS =
      """
      SELECT p.id, word_similarity(search_folded($1), p.search_names)::float8 AS relevance
      FROM products p
      WHERE p.active AND word_similarity(search_folded($1), p.search_names) >= 0.4
      """;

  private final Pool pool;

  private static final String SHOWS_PHOTO =
      "SELECT EXISTS (SELECT 1 FROM products WHERE photos @> jsonb_build_array("
          + "jsonb_build_object('id', $1::text)))";

  public ProductStore(Pool pool) {
    this.pool = pool;
  }

  public Future<Boolean> insert(SqlClient client, Product product) {
    return client
        .preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    product.id(),
                    product.cooperativeId(),
                    new JsonObject(Map.copyOf(product.name())),
                    new JsonObject(Map.copyOf(product.description())),
                    product.category().slug(),
                    product.priceCentimes(),
                    product.unit(),
                    product.labels().toArray(new String[0]),
                    product.imageUrls().toArray(new String[0]),
                    product.active(),
                    product.stockOnHand(),
                    product.createdAt().atOffset(ZoneOffset.UTC),
                    PhotoColumn.write(product.photos()))))
        .map(result -> result.rowCount() == 1);
  }

  /**
   * Writes a product's details and stock on hand; what is reserved only the stock reservations
   * change.
   */
  public Future<Void> update(SqlClient client, Product product) {
    return client
        .preparedQuery(UPDATE)
        .execute(
            Tuple.from(
                Arrays.asList(
                    product.id(),
                    new JsonObject(Map.copyOf(product.name())),
                    new JsonObject(Map.copyOf(product.description())),
                    product.category().slug(),
                    product.priceCentimes(),
                    product.unit(),
                    product.labels().toArray(new String[0]),
                    product.imageUrls().toArray(new String[0]),
                    product.active(),
                    product.stockOnHand(),
                    PhotoColumn.write(product.photos()))))
        .mapEmpty();
  }

  /** Whether any product shows the photo {@code photoId}. */
  public Future<Boolean> showsPhoto(String photoId) {
    return pool.preparedQuery(SHOWS_PHOTO)
        .execute(Tuple.of(photoId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Every product shoppers can see: active, of a verified cooperative. */
  public Future<List<ProductListing>> onSale() {
    return pool.query(ON_SALE).execute().map(ProductStore::listings);
  }

  /** The current state of these products, by id; ids that no longer exist are absent. */
  public Future<Map<UUID, ProductListing>> current(Collection<UUID> ids) {
    return pool.preparedQuery(BY_IDS)
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .map(
            rows -> {
              Map<UUID, ProductListing> found = new LinkedHashMap<>();
              rows.forEach(row -> found.put(row.getUUID("id"), toListing(row, null)));
              return found;
            });
  }

  /**
   * The relevance of every active product matching the words; if none does and the query is short
   * enough to be a misspelt name, of those with a similar name. The caller filters, sorts and
   * pages.
   */
  public Future<Map<UUID, Double>> matching(String words, boolean typoTolerant) {
    return relevance(MATCHING_WORDS, words)
        .compose(
            found ->
                found.isEmpty() && typoTolerant
                    ? relevance(MATCHING_TYPOS, words)
                    : Future.succeededFuture(found));
  }

  private Future<Map<UUID, Double>> relevance(String sql, String words) {
    return pool.preparedQuery(sql)
        .execute(Tuple.of(words))
        .map(
            rows -> {
              Map<UUID, Double> relevance = new HashMap<>();
              rows.forEach(row -> relevance.put(row.getUUID("id"), row.getDouble("relevance")));
              return relevance;
            });
  }

  private static List<ProductListing> listings(RowSet<Row> rows) {
    List<ProductListing> listings = new ArrayList<>();
    rows.forEach(row -> listings.add(toListing(row, null)));
    return listings;
  }

  public Future<Optional<ProductListing>> find(UUID id) {
    return find(pool, id, BY_ID);
  }

  /**
   * The product with its row locked until the transaction ends: for changes that depend on its
   * current state.
   */
  /** The cooperative's product with this number (V11), the one an SMS names. */
  public Future<Optional<UUID>> byNumber(SqlClient client, UUID cooperative, int number) {
    return client
        .preparedQuery("SELECT id FROM products WHERE cooperative_id = $1 AND number = $2")
        .execute(Tuple.of(cooperative, number))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getUUID(0)));
  }

  /** Each of the cooperative's products' numbers, by product. */
  public Future<Map<UUID, Integer>> numbersOf(UUID cooperative) {
    return pool.preparedQuery("SELECT id, number FROM products WHERE cooperative_id = $1")
        .execute(Tuple.of(cooperative))
        .map(
            rows -> {
              Map<UUID, Integer> numbers = new HashMap<>();
              rows.forEach(row -> numbers.put(row.getUUID("id"), row.getInteger("number")));
              return numbers;
            });
  }

  public Future<Optional<ProductListing>> lock(SqlClient tx, UUID id) {
    return find(tx, id, BY_ID_FOR_UPDATE);
  }

  private static Future<Optional<ProductListing>> find(SqlClient client, UUID id, String sql) {
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(toListing(rows.iterator().next(), null)));
  }

  /** The products, locked until the transaction ends, by id; unknown ids are absent. */
  public Future<Map<UUID, ProductListing>> lockAll(SqlClient tx, Collection<UUID> ids) {
    return tx.preparedQuery(LOCK_ALL)
        .execute(Tuple.of(ids.toArray(new UUID[0])))
        .map(ProductStore::lockedById);
  }

  /**
   * The products of the orders' reservations in {@code states} (of {@code cooperativeId}'s parts
   * only, when given), locked as {@link #lockAll} locks them. Needs no answer from another
   * statement first: sent with the one that locks those reservations, both cost one round trip.
   */
  public Future<Map<UUID, ProductListing>> lockReservedBy(
      SqlClient tx,
      Collection<UUID> orderIds,
      Collection<String> states,
      Optional<UUID> cooperativeId) {
    return tx.preparedQuery(LOCK_RESERVED_BY)
        .execute(
            Tuple.of(
                orderIds.toArray(UUID[]::new),
                states.toArray(new String[0]),
                cooperativeId.orElse(null)))
        .map(ProductStore::lockedById);
  }

  private static Map<UUID, ProductListing> lockedById(RowSet<Row> rows) {
    Map<UUID, ProductListing> locked = new LinkedHashMap<>();
    rows.forEach(row -> locked.put(row.getUUID("id"), toListing(row, null)));
    return locked;
  }

  /** Every product of a cooperative, on sale or not, for its own management. */
  public Future<List<ProductListing>> ofCooperative(UUID cooperativeId) {
    return pool.preparedQuery(OF_COOPERATIVE)
        .execute(Tuple.of(cooperativeId))
        .map(ProductStore::listings);
  }

  private static ProductListing toListing(Row row, String sortKey) {
    Product product =
        new Product(
            row.getUUID("id"),
            row.getUUID("cooperative_id"),
            Texts.of(row.getJsonObject("name")),
            Texts.of(row.getJsonObject("description")),
            Category.fromSlug(row.getString("category")).orElse(Category.OTHER),
            row.getLong("price_centimes"),
            row.getString("unit"),
            List.of(row.getArrayOfStrings("labels")),
            List.of(row.getArrayOfStrings("image_urls")),
            PhotoColumn.read(row.getJsonArray("photos")),
            row.getBoolean("active"),
            row.getInteger("stock_on_hand"),
            row.getInteger("stock_reserved"),
            row.getOffsetDateTime("created_at").toInstant());
    return new ProductListing(
        product,
        Region.fromSlug(row.getString("region")).orElseThrow(),
        row.getBoolean("women_led"),
        Texts.of(row.getJsonObject("cooperative_name")),
        row.getBoolean("cooperative_verified"),
        sortKey);
  }
}
