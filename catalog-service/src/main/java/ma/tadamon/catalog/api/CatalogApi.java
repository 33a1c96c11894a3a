package ma.tadamon.catalog.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductQuery;
import ma.tadamon.events.Region;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;

/** Public reads of the catalog: no token needed, cacheable by browsers and CDNs. */
public final class CatalogApi {

  private static final int PAGE_SIZE = 24;
  private static final int CACHE_SECONDS = 30;

  private final ProductStore products;
  private final CooperativeStore cooperatives;

  public CatalogApi(ProductStore products, CooperativeStore cooperatives) {
    this.products = products;
    this.cooperatives = cooperatives;
  }

  public void mount(Router router) {
    router.get("/api/catalog/products").handler(this::browseProducts);
    router.get("/api/catalog/products/:id").handler(this::product);
    router.get("/api/catalog/cooperatives").handler(this::listCooperatives);
    router.get("/api/catalog/cooperatives/:id").handler(this::cooperative);
  }

  private void browseProducts(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx);
    int limit = params.intBetween("limit", 1, 100, PAGE_SIZE);
    ProductQuery query = new ProductQuery(
        params.parsed("region", "one of Morocco's 12 regions", Region::fromSlug),
        params.parsed("category", "a known category", Category::fromSlug),
        params.bool("womenLed"),
        params.uuid("cooperative"),
        params.nonNegativeLong("minPrice"),
        params.nonNegativeLong("maxPrice"),
        params.text("cursor").map(CatalogApi::decodeCursor),
        limit + 1);
    String lang = language(params);
    products.browse(query)
        .onSuccess(page -> {
          List<ProductListing> shown = page.size() > limit ? page.subList(0, limit) : page;
          JsonArray items = new JsonArray();
          shown.forEach(listing -> items.add(CatalogJson.productSummary(listing, lang)));
          String next = page.size() > limit ? encodeCursor(shown.get(shown.size() - 1)) : null;
          JsonResponses.sendCacheable(ctx, new JsonObject().put("items", items).put("nextCursor", next),
              CACHE_SECONDS);
        })
        .onFailure(ctx::fail);
  }

  private void product(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx);
    UUID id = params.pathId("id", "This product");
    String lang = language(params);
    products.find(id)
        .map(found -> found.filter(listing -> listing.cooperativeVerified())
            .orElseThrow(() -> ProblemException.notFound("This product")))
        .onSuccess(listing -> JsonResponses.sendCacheable(ctx, CatalogJson.productDetail(listing, lang), CACHE_SECONDS))
        .onFailure(ctx::fail);
  }

  private void listCooperatives(RoutingContext ctx) {
    String lang = language(new QueryParameters(ctx));
    cooperatives.verified()
        .onSuccess(all -> {
          JsonArray items = new JsonArray();
          all.forEach(coop -> items.add(CatalogJson.cooperative(coop, lang)));
          JsonResponses.sendCacheable(ctx, new JsonObject().put("items", items), CACHE_SECONDS);
        })
        .onFailure(ctx::fail);
  }

  private void cooperative(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx);
    UUID id = params.pathId("id", "This cooperative");
    String lang = language(params);
    cooperatives.find(id)
        .map(found -> found.filter(coop -> coop.verified())
            .orElseThrow(() -> ProblemException.notFound("This cooperative")))
        .onSuccess(coop -> JsonResponses.sendCacheable(ctx, CatalogJson.cooperative(coop, lang), CACHE_SECONDS))
        .onFailure(ctx::fail);
  }

  private static String language(QueryParameters params) {
    return params.parsed("lang", "one of ar, fr, en, zgh",
        lang -> CatalogJson.LANGUAGES.contains(lang) ? Optional.of(lang) : Optional.empty()).orElse("fr");
  }

  /** A cursor is opaque to clients: the last item's creation time (µs) and id, base64url-encoded. */
  private static String encodeCursor(ProductListing last) {
    Instant created = last.product().createdAt();
    String raw = ChronoUnit.MICROS.between(Instant.EPOCH, created) + ":" + last.product().id();
    return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static ProductQuery.Position decodeCursor(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = raw.indexOf(':');
      long micros = Long.parseLong(raw.substring(0, colon));
      return new ProductQuery.Position(Instant.EPOCH.plus(micros, ChronoUnit.MICROS),
          UUID.fromString(raw.substring(colon + 1)));
    } catch (RuntimeException e) {
      throw ProblemException.badRequest("'cursor' is not one this API gave out");
    }
  }
}
