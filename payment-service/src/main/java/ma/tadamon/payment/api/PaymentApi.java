package ma.tadamon.payment.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;

/** What operators may read of payments. Checkout, callbacks and refunds arrive with the payment issue. */
public final class PaymentApi {

  private final PaymentStore payments;
  private final Pool pool;
  private final Authentication authentication;

  public PaymentApi(PaymentStore payments, Pool pool, Authentication authentication) {
    this.payments = payments;
    this.pool = pool;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication.protect(router.get("/api/payments/orders/:orderId"), Role.OPERATOR).handler(this::forOrder);
  }

  private void forOrder(RoutingContext ctx) {
    UUID orderId;
    try {
      orderId = UUID.fromString(ctx.pathParam("orderId"));
    } catch (IllegalArgumentException e) {
      ctx.fail(ProblemException.notFound("This order's payment"));
      return;
    }
    payments.forOrder(pool, orderId)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("This order's payment")))
        .onSuccess(payment -> JsonResponses.send(ctx, 200, new JsonObject()
            .put("id", payment.id().toString())
            .put("orderId", payment.orderId().toString())
            .put("method", payment.method())
            .put("status", payment.status().name())
            .put("amountCentimes", payment.amountCentimes())
            .put("currency", "MAD")))
        .onFailure(ctx::fail);
  }
}
