package ma.tadamon.payment.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.UUID;
import ma.tadamon.payment.OperatorRefunds;
import ma.tadamon.payment.Refunds;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.http.IdempotencyKeys;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * An operator refunds a payment, in full or one cooperative's part of it, once per Idempotency-Key.
 */
public final class RefundApi {

  private static final int MAX_REFERENCE = 100;

  private final OperatorRefunds refunds;
  private final Refunds made;
  private final Pool pool;
  private final Authentication authentication;

  public RefundApi(
      OperatorRefunds refunds, Refunds made, Pool pool, Authentication authentication) {
    this.refunds = refunds;
    this.made = made;
    this.pool = pool;
    this.authentication = authentication;
  }

  /** The reference of a refund made outside: the acquirer's back office, a bank transfer. */
  record BackOfficeReference(String reference) {}

  public void mount(Router router) {
    authentication
        .protect(router.post("/api/payments/:paymentId/refunds"), Role.OPERATOR)
        .handler(this::refund);
    authentication
        .protect(router.post("/api/payments/refunds/:refundId/done-at-acquirer"), Role.OPERATOR)
        .handler(this::doneAtAcquirer);
    authentication
        .protect(router.post("/api/payments/refunds/:refundId/paid-by-transfer"), Role.OPERATOR)
        .handler(this::paidByTransfer);
    authentication
        .protect(router.post("/api/payments/refunds/:refundId/send-again"), Role.OPERATOR)
        .handler(this::sendAgain);
  }

  /**
   * An operator found in the acquirer's back office that a refund whose answer was lost was not
   * made there.
   */
  private void sendAgain(RoutingContext ctx) {
    UUID refundId = QueryParameters.pathId(ctx, "refundId", "This refund");
    made.sendAgain(pool, refundId, Authentication.caller(ctx).subject())
        .onSuccess(refund -> JsonResponses.send(ctx, 200, PaymentJson.refund(refund)))
        .onFailure(ctx::fail);
  }

  /** An operator paid by bank transfer what a shopper's withdrawal of cash is owed. */
  private void paidByTransfer(RoutingContext ctx) {
    UUID refundId = QueryParameters.pathId(ctx, "refundId", "This refund");
    made.paidByTransfer(pool, refundId, reference(ctx, "the bank transfer's reference"))
        .onSuccess(refund -> JsonResponses.send(ctx, 200, PaymentJson.refund(refund)))
        .onFailure(ctx::fail);
  }

  static String reference(RoutingContext ctx, String what) {
    BackOfficeReference body = JsonBodies.read(ctx, BackOfficeReference.class, what);
    if (body.reference() == null
        || body.reference().isBlank()
        || body.reference().length() > MAX_REFERENCE) {
      throw ProblemException.invalid(
          List.of(new FieldError("reference", what + ", 1 to " + MAX_REFERENCE + " characters")));
    }
    return body.reference().strip();
  }

  /** An operator made a card refund in the acquirer's back office and records its reference. */
  private void doneAtAcquirer(RoutingContext ctx) {
    UUID refundId = QueryParameters.pathId(ctx, "refundId", "This refund");
    made.doneAtAcquirer(pool, refundId, reference(ctx, "the acquirer's reference for this refund"))
        .onSuccess(refund -> JsonResponses.send(ctx, 200, PaymentJson.refund(refund)))
        .onFailure(ctx::fail);
  }

  private void refund(RoutingContext ctx) {
    String key = IdempotencyKeys.required(ctx, "a retried refund must not refund twice");
    UUID paymentId = QueryParameters.pathId(ctx, "paymentId", "This payment");
    OperatorRefunds.Request request =
        JsonBodies.read(ctx, OperatorRefunds.Request.class, "a refund");
    refunds
        .refund(paymentId, request, key, Authentication.caller(ctx).subject())
        .onSuccess(
            result ->
                JsonResponses.send(
                    ctx,
                    result.created() ? 201 : 200,
                    new JsonObject()
                        .put("paymentId", paymentId.toString())
                        .put(
                            "refunds",
                            new JsonArray(
                                result.refunds().stream().map(PaymentJson::refund).toList()))))
        .onFailure(ctx::fail);
  }
}
