package ma.tadamon.order.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.events.Region;
import ma.tadamon.order.Checkout;
import ma.tadamon.order.Fulfilment;
import ma.tadamon.order.Withdrawals;
import ma.tadamon.order.domain.AccessTokens;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.order.domain.OrderStatus;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.Withdrawal;
import ma.tadamon.order.store.CampaignFigures;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.domain.CampaignTags;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.http.ClientAddress;
import ma.tadamon.platform.http.IdempotencyKeys;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/** Checkout and order tracking over HTTP. */
public final class OrderApi {

  static final String ORDER_TOKEN = "X-Order-Token";

  /** ALTCHA's answer to the challenge of a refused checkout, sent with the checkout again. */
  static final String PROOF_OF_WORK = "Altcha";

  private static final int MAX_SEARCH_RESULTS = 200;
  private static final int MY_ORDERS = 100;
  private static final int MY_ADDRESSES = 5;
  private static final Set<String> SEARCH_PARAMETERS =
      Set.of("status", "cooperative", "region", "from", "to", "limit");

  private final Checkout checkout;
  private final Fulfilment fulfilment;
  private final OrderQueries orders;
  private final Pool pool;
  private final AccessTokens tokens;
  private final Authentication authentication;
  private final CheckoutLimits limits;
  private final Withdrawals withdrawals;
  private final OrderAccess access;
  private final Clock clock;

  public OrderApi(
      Checkout checkout,
      Fulfilment fulfilment,
      OrderQueries orders,
      Pool pool,
      AccessTokens tokens,
      Authentication authentication,
      CheckoutLimits limits,
      Withdrawals withdrawals,
      Clock clock) {
    this.checkout = checkout;
    this.fulfilment = fulfilment;
    this.orders = orders;
    this.pool = pool;
    this.tokens = tokens;
    this.authentication = authentication;
    this.limits = limits;
    this.withdrawals = withdrawals;
    this.access = new OrderAccess(orders, pool, tokens, authentication);
    this.clock = clock;
  }

  public void mount(Router router) {
    router.post("/api/orders").handler(this::placeOrder);
    authentication.protect(router.get("/api/orders/mine"), Role.SHOPPER).handler(this::myOrders);
    authentication
        .protect(router.get("/api/orders/ops/sources"), Role.OPERATOR)
        .handler(this::salesBySource);
    authentication
        .protect(router.get("/api/orders/ops/sources/:tag"), Role.OPERATOR)
        .handler(this::campaignFigures);
    router.get("/api/orders/public/figures/:tag").handler(this::publicFigures);
    router.get("/api/orders/:id").handler(this::showOrder);
    router.post("/api/orders/:id/cancel").handler(this::cancelOrder);
    authentication.protect(router.get("/api/orders"), Role.OPERATOR).handler(this::searchOrders);
  }

  /**
   * The operator's view: orders by status, cooperative, shipping region and date, with their
   * totals.
   */
  private void searchOrders(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, SEARCH_PARAMETERS);
    OrderQueries.OrderSearch search =
        new OrderQueries.OrderSearch(
            params.enumValue("status", OrderStatus.class),
            params.uuid("cooperative"),
            params.parsed(
                "region",
                "one of Morocco's 12 regions",
                value -> Region.fromSlug(value).map(Region::slug)),
            params.instant("from"),
            params.instant("to"),
            Optional.empty(),
            params.intBetween("limit", 1, MAX_SEARCH_RESULTS, 50));
    orders
        .search(pool, search)
        .onSuccess(result -> JsonResponses.send(ctx, 200, OrderJson.searchResult(result)))
        .onFailure(ctx::fail);
  }

  /** Orders and sales by the campaign tag of the link they came from, e.g. a fair's posters. */
  private void salesBySource(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, Set.of("from", "to", "limit"));
    orders
        .salesBySource(
            pool,
            params.instant("from"),
            params.instant("to"),
            params.intBetween("limit", 1, MAX_SEARCH_RESULTS, 50))
        .onSuccess(sales -> JsonResponses.send(ctx, 200, OrderJson.salesBySource(sales)))
        .onFailure(ctx::fail);
  }

  /**
   * What one tag brought, as a fair's organisers report it: by day, by region, the women-led share,
   * each cooperative's sales and buyers, and with {@code endedAt} what came after the fair ended.
   * {@code format=csv}: one line per cooperative, for the awards' spreadsheet.
   */
  /**
   * A fair's figures as its page shows them once it ended, and as the press reports them: what it
   * sold, online and at the stands, and how many orders. Only fairs' tags: the other campaigns'
   * figures are the operators' business.
   */
  private void publicFigures(RoutingContext ctx) {
    String tag = ctx.pathParam("tag");
    if (!CampaignTags.valid(tag) || !tag.startsWith("fair-")) {
      throw ProblemException.notFound("The fair '" + tag + "'");
    }
    new CampaignFigures()
        .of(pool, tag, Optional.empty())
        .onSuccess(
            figures -> {
              ctx.response().putHeader("Cache-Control", "public, max-age=300");
              JsonResponses.send(ctx, 200, OrderJson.publicFigures(figures));
            })
        .onFailure(ctx::fail);
  }

  private void campaignFigures(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, Set.of("endedAt", "format"));
    String tag = ctx.pathParam("tag");
    if (!CampaignTags.valid(tag)) {
      throw ProblemException.notFound("The tag '" + tag + "'");
    }
    boolean csv =
        params
            .parsed(
                "format",
                "json or csv",
                value ->
                    value.equals("csv") || value.equals("json")
                        ? Optional.of(value.equals("csv"))
                        : Optional.empty())
            .orElse(false);
    new CampaignFigures()
        .of(pool, tag, params.instant("endedAt"))
        .onSuccess(
            figures -> {
              if (csv) {
                ctx.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + tag + ".csv\"")
                    .putHeader("Cache-Control", "no-store")
                    .end(OrderJson.campaignCsv(figures));
              } else {
                JsonResponses.send(ctx, 200, OrderJson.campaignFigures(figures));
              }
            })
        .onFailure(ctx::fail);
  }

  /**
   * A signed-in shopper's orders, newest first, and the addresses they were delivered to (for the
   * next checkout to offer). Guests' orders, followed with their tracking token, are not here.
   */
  private void myOrders(RoutingContext ctx) {
    String subject = Authentication.caller(ctx).subject();
    Future<OrderQueries.SearchResult> mine =
        orders.search(pool, OrderQueries.OrderSearch.ofShopper(subject, MY_ORDERS));
    Future<List<OrderQueries.SavedAddress>> addresses =
        orders.addressesOf(pool, subject, MY_ADDRESSES);
    Future.all(mine, addresses)
        .onSuccess(
            done ->
                JsonResponses.send(
                    ctx,
                    200,
                    OrderJson.searchResult(mine.result())
                        .put("addresses", OrderJson.addresses(addresses.result()))))
        .onFailure(ctx::fail);
  }

  private void placeOrder(RoutingContext ctx) {
    String key = IdempotencyKeys.required(ctx, "the same for every retry of this checkout");
    CheckoutRequest request = JsonBodies.read(ctx, CheckoutRequest.class, "an order");
    // A request that is wrong in itself is told so without using up anyone's limits.
    DomainException.requireValid(request.problems());
    limits
        .admit(ClientAddress.of(ctx), request, ctx.request().getHeader(PROOF_OF_WORK))
        .compose(admitted -> authentication.optionalCaller(ctx))
        .compose(caller -> checkout.place(request, key, caller))
        .onSuccess(
            placed -> {
              ctx.response().putHeader("Location", "/api/orders/" + placed.order().id());
              if (!placed.created()) {
                ctx.response().putHeader("Idempotent-Replayed", "true");
              }
              JsonResponses.send(
                  ctx, 201, OrderJson.placed(placed.order(), tokens.tokenFor(placed.order().id())));
            })
        .onFailure(ctx::fail);
  }

  private void showOrder(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This order");
    String token = ctx.request().getHeader(ORDER_TOKEN);
    callerUnlessToken(ctx, token)
        .compose(
            who ->
                Future.all(orders.load(pool, id), withdrawals.ofOrder(id))
                    .map(
                        loaded -> {
                          Optional<OrderView> found = loaded.resultAt(0);
                          List<Withdrawal> withdrawn = loaded.resultAt(1);
                          OrderView order =
                              found.orElseThrow(() -> ProblemException.notFound("This order"));
                          return visibleTo(
                              order,
                              token,
                              who,
                              new OrderJson.WithdrawalTerms(
                                  withdrawn, withdrawals.policy(), clock.instant()));
                        }))
        .onSuccess(body -> JsonResponses.send(ctx, 200, body))
        .onFailure(ctx::fail);
  }

  /**
   * The shopper (with the order's token or its own JWT) or an operator cancels, until something
   * ships.
   */
  private void cancelOrder(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This order");
    access
        .shopperOrOperator(ctx, id)
        .map(
            asker ->
                asker == OrderAccess.Asker.SHOPPER
                    ? "cancelled by the shopper"
                    : "cancelled by an operator")
        .compose(cause -> fulfilment.cancel(id, cause))
        .onSuccess(order -> JsonResponses.send(ctx, 200, OrderJson.full(order)))
        .onFailure(ctx::fail);
  }

  /**
   * An order's access token speaks for itself; without one, the bearer token (if any) says who
   * asks.
   */
  private Future<Optional<Caller>> callerUnlessToken(RoutingContext ctx, String orderToken) {
    return orderToken != null
        ? Future.succeededFuture(Optional.empty())
        : authentication.optionalCaller(ctx);
  }

  /**
   * Who may see what: the token holder and operators everything, the shopper its own, a cooperative
   * its part.
   */
  private JsonObject visibleTo(
      OrderView order, String token, Optional<Caller> caller, OrderJson.WithdrawalTerms terms) {
    if (token != null) {
      if (tokens.grants(token, order.id())) {
        return OrderJson.full(order, terms);
      }
      throw ProblemException.notFound("This order");
    }
    Caller who =
        caller.orElseThrow(
            () ->
                new ProblemException(
                    Problem.of(
                        401,
                        "unauthorized",
                        "Authentication required",
                        "Send the order's " + ORDER_TOKEN + " or a bearer token.")));
    if (who.is(Role.OPERATOR)
        || who.is(Role.SHOPPER) && who.subject().equals(order.shopperSubject())) {
      return OrderJson.full(order, terms);
    }
    if (who.is(Role.COOPERATIVE)
        && who.cooperativeId().isPresent()
        && order.cooperativeOrders().stream()
            .anyMatch(part -> part.cooperativeId().equals(who.cooperativeId().get()))) {
      return OrderJson.forCooperative(order, who.cooperativeId().get(), terms);
    }
    // Not "forbidden": whether an order exists is itself not for strangers to learn.
    throw ProblemException.notFound("This order");
  }
}
