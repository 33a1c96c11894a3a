package ma.tadamon.catalog.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.catalog.CooperativeRegistry;
import ma.tadamon.catalog.ProductManagement;
import ma.tadamon.catalog.domain.CooperativeProfile;
import ma.tadamon.catalog.domain.CooperativeRegistration;
import ma.tadamon.catalog.domain.SellerIdentity;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Cooperatives on the marketplace: the public list, the operator's registration and verification,
 * and a cooperative's own profile and products.
 */
public final class CooperativeApi {

  private final CooperativeRegistry registry;
  private final CooperativeStore cooperatives;
  private final ProductManagement products;
  private final Authentication authentication;

  public CooperativeApi(
      CooperativeRegistry registry,
      CooperativeStore cooperatives,
      ProductManagement products,
      Authentication authentication) {
    this.registry = registry;
    this.cooperatives = cooperatives;
    this.products = products;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    router.get("/api/catalog/cooperatives").handler(this::list);
    authentication
        .protect(router.post("/api/catalog/cooperatives"), Role.OPERATOR)
        .handler(this::register);
    authentication
        .protect(router.post("/api/catalog/cooperatives/:id/verify"), Role.OPERATOR)
        .handler(this::verify);
    authentication
        .protect(
            router.put("/api/catalog/cooperatives/:id/seller"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::updateSeller);
    authentication
        .protect(router.put("/api/catalog/cooperatives/:id"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::updateProfile);
    authentication
        .protect(
            router.get("/api/catalog/cooperatives/:id/profile"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::profile);
    authentication
        .protect(
            router.get("/api/catalog/cooperatives/:id/products"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::ownProducts);
  }

  /**
   * Verified cooperatives for everyone; {@code verified=false}, the operator's queue of
   * registrations to check.
   */
  private void list(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, Set.of("lang", "verified"));
    String lang = CatalogApi.language(params);
    if (params.bool("verified").orElse(true)) {
      CatalogApi.listVerifiedCooperatives(ctx, cooperatives, lang);
      return;
    }
    authentication
        .optionalCaller(ctx)
        .map(caller -> caller.orElseThrow(() -> new HttpException(401)))
        .map(
            caller ->
                Optional.of(caller)
                    .filter(c -> c.is(Role.OPERATOR))
                    .orElseThrow(
                        () ->
                            ProblemException.forbidden(
                                "Only operators see cooperatives awaiting verification.")))
        .compose(operator -> cooperatives.awaitingVerification())
        .onSuccess(
            waiting -> {
              JsonArray items = new JsonArray();
              waiting.forEach(coop -> items.add(CatalogJson.cooperativeForOwner(coop, lang)));
              JsonResponses.send(ctx, 200, new JsonObject().put("items", items));
            })
        .onFailure(ctx::fail);
  }

  private void register(RoutingContext ctx) {
    CooperativeRegistration registration =
        JsonBodies.read(ctx, CooperativeRegistration.class, "a cooperative");
    registry
        .register(registration)
        .onSuccess(
            registered -> {
              String id = registered.cooperative().id().toString();
              ctx.response().putHeader("Location", "/api/catalog/cooperatives/" + id + "/profile");
              JsonResponses.send(
                  ctx,
                  registered.created() ? 201 : 200,
                  CatalogJson.cooperativeForOwner(registered.cooperative(), language(ctx)));
            })
        .onFailure(ctx::fail);
  }

  /** The register number stays as registered; the ICE, IF and return address are set here. */
  private void updateSeller(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This cooperative");
    SellerIdentity seller = JsonBodies.read(ctx, SellerIdentity.class, "a seller's identity");
    registry
        .updateSeller(id, seller, Authentication.caller(ctx))
        .onSuccess(
            coop ->
                JsonResponses.send(ctx, 200, CatalogJson.cooperativeForOwner(coop, language(ctx))))
        .onFailure(ctx::fail);
  }

  private void verify(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This cooperative");
    registry
        .verify(id, Authentication.caller(ctx))
        .onSuccess(
            coop ->
                JsonResponses.send(ctx, 200, CatalogJson.cooperativeForOwner(coop, language(ctx))))
        .onFailure(ctx::fail);
  }

  private void updateProfile(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This cooperative");
    CooperativeProfile profile =
        JsonBodies.read(ctx, CooperativeProfile.class, "a cooperative profile");
    registry
        .updateProfile(id, profile, Authentication.caller(ctx))
        .onSuccess(
            coop ->
                JsonResponses.send(ctx, 200, CatalogJson.cooperativeForOwner(coop, language(ctx))))
        .onFailure(ctx::fail);
  }

  private void profile(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This cooperative");
    Authentication.caller(ctx).requireOperatorOrCooperative(id);
    cooperatives
        .find(id)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("This cooperative")))
        .onSuccess(
            coop ->
                JsonResponses.send(ctx, 200, CatalogJson.cooperativeForOwner(coop, language(ctx))))
        .onFailure(ctx::fail);
  }

  private void ownProducts(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This cooperative");
    String lang = language(ctx);
    products
        .ofCooperative(id, Authentication.caller(ctx))
        .onSuccess(
            all -> {
              JsonArray items = new JsonArray();
              all.forEach(listing -> items.add(CatalogJson.productForOwner(listing, lang)));
              JsonResponses.send(ctx, 200, new JsonObject().put("items", items));
            })
        .onFailure(ctx::fail);
  }

  private static String language(RoutingContext ctx) {
    return CatalogApi.language(new QueryParameters(ctx, Set.of("lang")));
  }
}
