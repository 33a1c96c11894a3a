package ma.tadamon.order.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import ma.tadamon.order.Fulfilment;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.FulfilmentAction;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * A cooperative's side of its orders: the list of its parts, and accept, decline, ship, deliver.
 */
public final class FulfilmentApi {

  private static final int MAX_PARTS = 200;
  private static final Pattern ORDER_CODE = Pattern.compile("[0-9]{1,12}");
  private static final Set<String> LIST_PARAMETERS = Set.of("status", "from", "to", "limit");

  private final Fulfilment fulfilment;
  private final OrderQueries orders;
  private final Pool pool;
  private final Authentication authentication;

  public FulfilmentApi(
      Fulfilment fulfilment, OrderQueries orders, Pool pool, Authentication authentication) {
    this.fulfilment = fulfilment;
    this.orders = orders;
    this.pool = pool;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(router.get("/api/cooperatives/:coopId/orders"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::partsOfCooperative);
    authentication
        .protect(router.get("/api/cooperatives/:coopId/sources"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::salesBySource);
    authentication
        .protect(
            router.post("/api/cooperatives/:coopId/pickups/:code/hand-over"),
            Role.COOPERATIVE,
            Role.OPERATOR)
        .handler(this::handOver);
    authentication
        .protect(
            router.post("/api/orders/:id/cooperatives/:coopId/:action"),
            Role.COOPERATIVE,
            Role.OPERATOR)
        .handler(this::act);
  }

  private void partsOfCooperative(RoutingContext ctx) {
    UUID cooperative = QueryParameters.pathId(ctx, "coopId", "This cooperative");
    Authentication.caller(ctx).requireOperatorOrCooperative(cooperative);
    QueryParameters params = new QueryParameters(ctx, LIST_PARAMETERS);
    orders
        .partsOf(
            pool,
            cooperative,
            params.enumValue("status", CooperativeOrderStatus.class),
            params.instant("from"),
            params.instant("to"),
            params.intBetween("limit", 1, MAX_PARTS, 50))
        .onSuccess(parts -> JsonResponses.send(ctx, 200, OrderJson.cooperativeParts(parts)))
        .onFailure(ctx::fail);
  }

  /** What the cooperative sold through each campaign tag (its posters at a fair, a post). */
  private void salesBySource(RoutingContext ctx) {
    UUID cooperative = QueryParameters.pathId(ctx, "coopId", "This cooperative");
    Authentication.caller(ctx).requireOperatorOrCooperative(cooperative);
    QueryParameters params = new QueryParameters(ctx, Set.of("from", "to", "limit"));
    orders
        .salesBySource(
            pool,
            cooperative,
            params.instant("from"),
            params.instant("to"),
            params.intBetween("limit", 1, MAX_PARTS, 50))
        .onSuccess(sales -> JsonResponses.send(ctx, 200, OrderJson.salesBySource(sales)))
        .onFailure(ctx::fail);
  }

  /**
   * At the fair stand: the shopper shows the order's code, the cooperative hands the goods over.
   */
  private void handOver(RoutingContext ctx) {
    UUID cooperative = QueryParameters.pathId(ctx, "coopId", "This cooperative");
    Caller caller = Authentication.caller(ctx);
    caller.requireOperatorOrCooperative(cooperative);
    String code = ctx.pathParam("code").trim();
    if (!ORDER_CODE.matcher(code).matches()) {
      throw ProblemException.notFound("An order to collect at your stand with this code");
    }
    fulfilment
        .handOver(cooperative, code, caller.subject())
        .onSuccess(
            order -> JsonResponses.send(ctx, 200, OrderJson.forCooperative(order, cooperative)))
        .onFailure(ctx::fail);
  }

  private void act(RoutingContext ctx) {
    UUID order = QueryParameters.pathId(ctx, "id", "This order");
    UUID cooperative =
        QueryParameters.pathId(ctx, "coopId", "This cooperative's part of the order");
    FulfilmentAction action =
        FulfilmentAction.fromSlug(ctx.pathParam("action"))
            .orElseThrow(
                () -> ProblemException.notFound("The action '" + ctx.pathParam("action") + "'"));
    Caller caller = Authentication.caller(ctx);
    caller.requireOperatorOrCooperative(cooperative);
    FulfilmentAction.Details details =
        ctx.body().length() <= 0
            ? FulfilmentAction.Details.NONE
            : JsonBodies.read(ctx, FulfilmentAction.Details.class, "the action's details");
    fulfilment
        .act(order, cooperative, action, details, caller.subject())
        .onSuccess(
            updated -> JsonResponses.send(ctx, 200, OrderJson.forCooperative(updated, cooperative)))
        .onFailure(ctx::fail);
  }
}
