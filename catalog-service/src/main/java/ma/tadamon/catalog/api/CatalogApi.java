package ma.tadamon.catalog.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.catalog.browse.BrowseIndex;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.Languages;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductQuery;
import ma.tadamon.catalog.domain.ProductQuery.Sort;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.events.Region;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Public reads of the catalog: browse and search, product and cooperative pages. No token needed,
 * cacheable.
 */
public final class CatalogApi {

  static final String DEFAULT_LANGUAGE = "fr";
  private static final int PAGE_SIZE = 24;
  private static final int CACHE_SECONDS = 30;

  /** Longer queries are not searches a shopper types; they only cost the database. */
  static final int MAX_QUERY_LENGTH = 200;

  private static final Set<String> BROWSE_PARAMETERS =
      Set.of(
          "q",
          "region",
          "category",
          "womenLed",
          "cooperative",
          "minPrice",
          "maxPrice",
          "inStock",
          "sort",
          "lang",
          "cursor",
          "limit");

  private final ProductStore products;
  private final CooperativeStore cooperatives;
  private final BrowseIndex browseIndex;

  public CatalogApi(ProductStore products, CooperativeStore cooperatives, BrowseIndex browseIndex) {
    this.products = products;
    this.cooperatives = cooperatives;
    this.browseIndex = browseIndex;
  }

  public void mount(Router router) {
    router.get("/api/catalog/products").handler(this::browseProducts);
    router.get("/api/catalog/products/:id").handler(this::product);
    router.get("/api/catalog/cooperatives/:id").handler(this::cooperative);
  }

  private void browseProducts(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, BROWSE_PARAMETERS);
    ProductQuery query = query(params);
    String lang = language(params);
    // Browsing is served from memory; a search asks PostgreSQL's text search which products match,
    // then
    // filters, counts, sorts and pages in memory too.
    Future<Optional<Map<UUID, Double>>> relevance =
        query
            .words()
            .map(words -> products.matching(words, query.typoTolerant()).map(Optional::of))
            .orElse(Future.succeededFuture(Optional.empty()));
    relevance
        .map(scores -> browseIndex.browse(query, scores))
        .onSuccess(
            page -> {
              JsonArray items = new JsonArray();
              page.items().forEach(listing -> items.add(CatalogJson.productSummary(listing, lang)));
              ProductListing last =
                  page.items().isEmpty() ? null : page.items().get(page.items().size() - 1);
              JsonObject body =
                  new JsonObject()
                      .put("items", items)
                      .put("nextCursor", page.hasMore() ? Cursors.after(last, query) : null)
                      .put("sort", query.sort().slug());
              page.facets().ifPresent(facets -> body.put("facets", CatalogJson.facets(facets)));
              JsonResponses.sendCacheable(ctx, body, CACHE_SECONDS);
            })
        .onFailure(ctx::fail);
  }

  private static ProductQuery query(QueryParameters params) {
    Optional<String> words = params.text("q").map(CatalogApi::searchWords);
    ProductQuery.Filters filters =
        new ProductQuery.Filters(
            params.parsed("region", "one of Morocco's 12 regions", Region::fromSlug),
            params.parsed("category", "a known category", Category::fromSlug),
            params.bool("womenLed"),
            params.uuid("cooperative"),
            params.nonNegativeLong("minPrice"),
            params.nonNegativeLong("maxPrice"),
            params.bool("inStock"));
    if (filters.minPriceCentimes().isPresent()
        && filters.maxPriceCentimes().isPresent()
        && filters.minPriceCentimes().get() > filters.maxPriceCentimes().get()) {
      throw ProblemException.badRequest("'minPrice' must not be above 'maxPrice'.");
    }
    Sort sort =
        params
            .parsed("sort", "relevance, newest, price_asc or price_desc", Sort::fromSlug)
            .orElse(words.isPresent() ? Sort.RELEVANCE : Sort.NEWEST);
    if (sort == Sort.RELEVANCE && words.isEmpty()) {
      throw ProblemException.badRequest("'sort=relevance' needs a search: add 'q'.");
    }
    int limit = params.intBetween("limit", 1, 100, PAGE_SIZE);
    ProductQuery first = new ProductQuery(words, filters, sort, Optional.empty(), limit);
    return params
        .text("cursor")
        .map(
            cursor ->
                new ProductQuery(
                    words, filters, sort, Optional.of(Cursors.read(cursor, first)), limit))
        .orElse(first);
  }

  private static String searchWords(String q) {
    if (q.length() > MAX_QUERY_LENGTH) {
      throw ProblemException.badRequest("'q' must be at most " + MAX_QUERY_LENGTH + " characters.");
    }
    return q;
  }

  private void product(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, Set.of("lang"));
    UUID id = QueryParameters.pathId(ctx, "id", "This product");
    String lang = language(params);
    products
        .find(id)
        .map(
            found ->
                found
                    .filter(listing -> listing.cooperativeVerified())
                    .orElseThrow(() -> ProblemException.notFound("This product")))
        .onSuccess(
            listing ->
                JsonResponses.sendCacheable(
                    ctx, CatalogJson.productDetail(listing, lang), CACHE_SECONDS))
        .onFailure(ctx::fail);
  }

  private void cooperative(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, Set.of("lang"));
    UUID id = QueryParameters.pathId(ctx, "id", "This cooperative");
    String lang = language(params);
    cooperatives
        .find(id)
        .map(
            found ->
                found
                    .filter(coop -> coop.verified())
                    .orElseThrow(() -> ProblemException.notFound("This cooperative")))
        .onSuccess(
            coop ->
                JsonResponses.sendCacheable(
                    ctx, CatalogJson.cooperative(coop, lang), CACHE_SECONDS))
        .onFailure(ctx::fail);
  }

  static void listVerifiedCooperatives(
      RoutingContext ctx, CooperativeStore cooperatives, String lang) {
    cooperatives
        .verified()
        .onSuccess(
            all -> {
              JsonArray items = new JsonArray();
              all.forEach(coop -> items.add(CatalogJson.cooperative(coop, lang)));
              JsonResponses.sendCacheable(ctx, new JsonObject().put("items", items), CACHE_SECONDS);
            })
        .onFailure(ctx::fail);
  }

  static String language(QueryParameters params) {
    return params
        .parsed(
            "lang",
            "one of ar, fr, en, zgh",
            lang -> Languages.SUPPORTED.contains(lang) ? Optional.of(lang) : Optional.empty())
        .orElse(DEFAULT_LANGUAGE);
  }
}
