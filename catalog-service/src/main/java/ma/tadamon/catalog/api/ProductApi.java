package ma.tadamon.catalog.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.catalog.ProductManagement;
import ma.tadamon.catalog.domain.ProductDraft;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * A cooperative's products: create, edit, withdraw, set the stock. Its own only; operators may act
 * for it.
 */
public final class ProductApi {

  /** The body of a stock change: how many are on the shelf now. */
  record StockLevel(Integer onHand) {}

  private final ProductManagement products;
  private final Authentication authentication;

  public ProductApi(ProductManagement products, Authentication authentication) {
    this.products = products;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(router.post("/api/catalog/products"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::create);
    authentication
        .protect(router.put("/api/catalog/products/:id"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::update);
    authentication
        .protect(router.delete("/api/catalog/products/:id"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::withdraw);
    authentication
        .protect(router.put("/api/catalog/products/:id/stock"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::setStock);
  }

  private void create(RoutingContext ctx) {
    ProductDraft draft = JsonBodies.read(ctx, ProductDraft.class, "a product");
    products
        .create(draft, Authentication.caller(ctx))
        .onSuccess(
            created -> {
              ctx.response()
                  .putHeader(
                      "Location", "/api/catalog/products/" + created.product().product().id());
              JsonResponses.send(
                  ctx,
                  created.created() ? 201 : 200,
                  CatalogJson.productForOwner(created.product(), language(ctx)));
            })
        .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    UUID id = productId(ctx);
    ProductDraft draft = JsonBodies.read(ctx, ProductDraft.class, "a product");
    products
        .update(id, draft, Authentication.caller(ctx))
        .onSuccess(
            listing ->
                JsonResponses.send(ctx, 200, CatalogJson.productForOwner(listing, language(ctx))))
        .onFailure(ctx::fail);
  }

  private void withdraw(RoutingContext ctx) {
    products
        .withdraw(productId(ctx), Authentication.caller(ctx))
        .onSuccess(
            listing ->
                JsonResponses.send(ctx, 200, CatalogJson.productForOwner(listing, language(ctx))))
        .onFailure(ctx::fail);
  }

  private void setStock(RoutingContext ctx) {
    UUID id = productId(ctx);
    StockLevel level =
        JsonBodies.read(ctx, StockLevel.class, "a stock level such as {\"onHand\": 12}");
    if (level.onHand() == null || level.onHand() < 0 || level.onHand() > ProductDraft.MAX_STOCK) {
      throw ProblemException.invalid(
          List.of(
              new FieldError(
                  "onHand", "must be a whole number from 0 to " + ProductDraft.MAX_STOCK)));
    }
    products
        .setStock(id, level.onHand(), Authentication.caller(ctx))
        .onSuccess(
            listing ->
                JsonResponses.send(ctx, 200, CatalogJson.productForOwner(listing, language(ctx))))
        .onFailure(ctx::fail);
  }

  private static UUID productId(RoutingContext ctx) {
    return QueryParameters.pathId(ctx, "id", "This product");
  }

  private static String language(RoutingContext ctx) {
    return CatalogApi.language(new QueryParameters(ctx, Set.of("lang")));
  }
}
