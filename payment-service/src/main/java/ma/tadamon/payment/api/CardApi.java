package ma.tadamon.payment.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.payment.CardPayments;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * The card's two HTTP moments: the shopper's browser asking where to pay (with the order's tracking
 * token), and the gateway posting its signed result.
 */
public final class CardApi {

  static final String ORDER_TOKEN = "X-Order-Token";

  private final CardPayments cards;

  public CardApi(CardPayments cards) {
    this.cards = cards;
  }

  public void mount(Router router) {
    router.post("/api/payments/:orderId/checkout").handler(this::checkout);
    router.post("/api/payments/callback/:provider").handler(this::callback);
  }

  private void checkout(RoutingContext ctx) {
    String token = ctx.request().getHeader(ORDER_TOKEN);
    if (token == null || token.isBlank()) {
      ctx.fail(
          new ProblemException(
              Problem.of(
                  401,
                  "order-token-required",
                  "The order's token is required",
                  "Send the order's access token (from checkout) in the "
                      + ORDER_TOKEN
                      + " header.")));
      return;
    }
    UUID orderId = QueryParameters.pathId(ctx, "orderId", "This order's payment");
    cards
        .start(orderId, token.trim())
        .onSuccess(page -> JsonResponses.send(ctx, 200, PaymentJson.hostedPage(orderId, page)))
        .onFailure(ctx::fail);
  }

  private void callback(RoutingContext ctx) {
    Map<String, String> parameters = new HashMap<>();
    ctx.request()
        .formAttributes()
        .forEach(parameter -> parameters.putIfAbsent(parameter.getKey(), parameter.getValue()));
    cards
        .onCallback(ctx.pathParam("provider"), parameters)
        .onSuccess(
            reply ->
                JsonResponses.send(
                    ctx,
                    200,
                    new JsonObject()
                        .put("acknowledged", true)
                        .put("outcome", reply.outcome().name())
                        .put("detail", reply.detail())))
        .onFailure(ctx::fail);
  }
}
