package ma.tadamon.payment.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import ma.tadamon.payment.OperatorRefunds;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.IdempotencyKeys;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.QueryParameters;

/**
 * An operator refunds a payment, in full or one cooperative's part of it, once per Idempotency-Key.
 */
public final class RefundApi {

  private final OperatorRefunds refunds;
  private final Authentication authentication;

  public RefundApi(OperatorRefunds refunds, Authentication authentication) {
    this.refunds = refunds;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(router.post("/api/payments/:paymentId/refunds"), Role.OPERATOR)
        .handler(this::refund);
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
