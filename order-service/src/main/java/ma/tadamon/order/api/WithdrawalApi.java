package ma.tadamon.order.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.order.Withdrawals;
import ma.tadamon.order.domain.AccessTokens;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.IdempotencyKeys;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.QueryParameters;

/**
 * The right of withdrawal over HTTP: the shopper withdraws from a delivered part, the cooperative
 * (or an operator) says the goods are back, operators follow the refunds the law times.
 */
public final class WithdrawalApi {

  private static final int MAX_LISTED = 200;

  private final Withdrawals withdrawals;
  private final OrderAccess access;
  private final Authentication authentication;
  private final Clock clock;

  public WithdrawalApi(
      Withdrawals withdrawals,
      OrderQueries orders,
      Pool pool,
      AccessTokens tokens,
      Authentication authentication,
      Clock clock) {
    this.withdrawals = withdrawals;
    this.access = new OrderAccess(orders, pool, tokens, authentication);
    this.authentication = authentication;
    this.clock = clock;
  }

  public void mount(Router router) {
    authentication
        .protect(router.get("/api/orders/ops/withdrawals"), Role.OPERATOR)
        .handler(this::open);
    authentication
        .protect(
            router.get("/api/cooperatives/:coopId/withdrawals"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::openOfCooperative);
    router.post("/api/orders/:id/withdrawals").handler(this::withdraw);
    authentication
        .protect(
            router.post("/api/orders/:id/withdrawals/:coopId/received"),
            Role.COOPERATIVE,
            Role.OPERATOR)
        .handler(this::goodsReceived);
  }

  private void withdraw(RoutingContext ctx) {
    UUID orderId = QueryParameters.pathId(ctx, "id", "This order");
    String key = IdempotencyKeys.required(ctx, "the same for every retry of this withdrawal");
    Withdrawals.Request request = JsonBodies.read(ctx, Withdrawals.Request.class, "a withdrawal");
    access
        .shopperOrOperator(ctx, orderId)
        .compose(asker -> withdrawals.request(orderId, request, key))
        .onSuccess(
            result -> {
              if (!result.created()) {
                ctx.response().putHeader("Idempotent-Replayed", "true");
              }
              JsonResponses.send(
                  ctx,
                  result.created() ? 201 : 200,
                  OrderJson.withdrawal(result.withdrawal(), clock.instant()));
            })
        .onFailure(ctx::fail);
  }

  private void goodsReceived(RoutingContext ctx) {
    UUID orderId = QueryParameters.pathId(ctx, "id", "This order");
    UUID cooperative = QueryParameters.pathId(ctx, "coopId", "This cooperative's part");
    Caller caller = Authentication.caller(ctx);
    caller.requireOperatorOrCooperative(cooperative);
    withdrawals
        .goodsReceived(orderId, cooperative, caller.subject())
        .onSuccess(
            withdrawal ->
                JsonResponses.send(ctx, 200, OrderJson.withdrawal(withdrawal, clock.instant())))
        .onFailure(ctx::fail);
  }

  /**
   * Withdrawals not refunded yet, those past the law's 15 days first; {@code overdue=true} only
   * those.
   */
  private void open(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, Set.of("overdue", "cooperative", "limit"));
    list(ctx, params, params.uuid("cooperative"));
  }

  private void openOfCooperative(RoutingContext ctx) {
    UUID cooperative = QueryParameters.pathId(ctx, "coopId", "This cooperative");
    Authentication.caller(ctx).requireOperatorOrCooperative(cooperative);
    list(ctx, new QueryParameters(ctx, Set.of("overdue", "limit")), Optional.of(cooperative));
  }

  private void list(RoutingContext ctx, QueryParameters params, Optional<UUID> cooperative) {
    boolean overdue =
        params
            .parsed(
                "overdue",
                "true or false",
                value ->
                    value.equals("true") || value.equals("false")
                        ? Optional.of(value.equals("true"))
                        : Optional.empty())
            .orElse(false);
    withdrawals
        .open(overdue, cooperative, params.intBetween("limit", 1, MAX_LISTED, 50))
        .onSuccess(
            found -> JsonResponses.send(ctx, 200, OrderJson.withdrawals(found, clock.instant())))
        .onFailure(ctx::fail);
  }
}
