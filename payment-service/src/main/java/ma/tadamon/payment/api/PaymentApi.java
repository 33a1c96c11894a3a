package ma.tadamon.payment.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.Refund;
import ma.tadamon.payment.gateway.CallbackOutcome;
import ma.tadamon.payment.store.CallbackAuditStore;
import ma.tadamon.payment.store.LedgerStore;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.payment.store.RefundStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Reading payments: a shopper follows an order's payment with its tracking token; operators see the
 * parts, refunds, the ledger's trial balance, failed refunds and the gateway callbacks' audit
 * trail.
 */
public final class PaymentApi {

  private static final int MAX_LISTED = 200;

  private final PaymentStore payments;
  private final RefundStore refunds;
  private final LedgerStore ledger;
  private final CallbackAuditStore callbacks;
  private final Pool pool;
  private final Authentication authentication;

  public PaymentApi(
      PaymentStore payments,
      RefundStore refunds,
      LedgerStore ledger,
      CallbackAuditStore callbacks,
      Pool pool,
      Authentication authentication) {
    this.payments = payments;
    this.refunds = refunds;
    this.ledger = ledger;
    this.callbacks = callbacks;
    this.pool = pool;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    router.get("/api/payments/orders/:orderId").handler(this::forOrder);
    authentication
        .protect(router.get("/api/payments/ledger/balances"), Role.OPERATOR)
        .handler(this::balances);
    authentication
        .protect(router.get("/api/payments/callbacks"), Role.OPERATOR)
        .handler(this::callbacks);
    authentication
        .protect(router.get("/api/payments/refunds"), Role.OPERATOR)
        .handler(this::refundsByStatus);
    authentication
        .protect(router.get("/api/payments/:paymentId"), Role.OPERATOR)
        .handler(this::byId);
  }

  /** The operator sees everything; the shopper, with the order's token, its state. */
  private void forOrder(RoutingContext ctx) {
    UUID orderId = QueryParameters.pathId(ctx, "orderId", "This order's payment");
    String token = ctx.request().getHeader(CardApi.ORDER_TOKEN);
    authentication
        .optionalCaller(ctx)
        .compose(
            caller ->
                payments
                    .forOrder(pool, orderId)
                    .compose(
                        found -> {
                          Payment payment =
                              found.orElseThrow(
                                  () -> ProblemException.notFound("This order's payment"));
                          if (caller.filter(who -> who.is(Role.OPERATOR)).isPresent()) {
                            return refunds
                                .ofPayment(pool, payment.id())
                                .map(list -> PaymentJson.payment(payment, list));
                          }
                          if (payment.isTrackedBy(token)) {
                            return Future.succeededFuture(PaymentJson.forShopper(payment));
                          }
                          throw ProblemException.notFound("This order's payment");
                        }))
        .onSuccess(json -> JsonResponses.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void byId(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "paymentId", "This payment");
    payments
        .byId(pool, id)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("This payment")))
        .compose(
            payment -> refunds.ofPayment(pool, id).map(list -> PaymentJson.payment(payment, list)))
        .onSuccess(json -> JsonResponses.send(ctx, 200, json))
        .onFailure(ctx::fail);
  }

  private void balances(RoutingContext ctx) {
    ledger
        .balances(pool)
        .onSuccess(balances -> JsonResponses.send(ctx, 200, PaymentJson.balances(balances)))
        .onFailure(ctx::fail);
  }

  private void callbacks(RoutingContext ctx) {
    CallbackOutcome outcome =
        Optional.ofNullable(ctx.request().getParam("outcome"))
            .map(
                value -> {
                  try {
                    return CallbackOutcome.valueOf(value);
                  } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest(
                        "outcome is one of " + Arrays.toString(CallbackOutcome.values()));
                  }
                })
            .orElse(null);
    callbacks
        .recent(pool, outcome, MAX_LISTED)
        .onSuccess(entries -> JsonResponses.send(ctx, 200, new JsonObject().put("items", entries)))
        .onFailure(ctx::fail);
  }

  private void refundsByStatus(RoutingContext ctx) {
    Refund.RefundStatus status =
        QueryParameters.oneOf(ctx, "status", Refund.RefundStatus.class, Refund.RefundStatus.FAILED);
    refunds
        .withStatus(pool, status, MAX_LISTED)
        .onSuccess(list -> JsonResponses.sendItems(ctx, list, PaymentJson::refund))
        .onFailure(ctx::fail);
  }
}
