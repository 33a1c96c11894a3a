package ma.tadamon.payment.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.payment.CardPayments;
import ma.tadamon.payment.gateway.CardGateway;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card's two HTTP moments: the shopper's browser asking where to pay (with the order's tracking
 * token), and the gateway posting its signed result.
 */
public final class CardApi {

  static final String ORDER_TOKEN = "X-Order-Token";

  private final CardPayments cards;

  /** The answers CMI's callback understands. */
  static final String CAPTURE_NOW = "ACTION=POSTAUTH";

  static final String ACKNOWLEDGED = "APPROVED";
  static final String FAILURE = "FAILURE";
  public static final String OUTCOME_HEADER = "X-Callback-Outcome";

  private static final Logger log = LoggerFactory.getLogger(CardApi.class);
  private static final int MAX_NAME = 100;
  private static final int MAX_EMAIL = 200;

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
    CardGateway.Payer payer = payer(ctx);
    cards
        .start(orderId, token.trim(), payer)
        .onSuccess(page -> JsonResponses.send(ctx, 200, PaymentJson.hostedPage(orderId, page)))
        .onFailure(ctx::fail);
  }

  /**
   * The name and e-mail the shopper gave at checkout, which the acquirer's page shows and mails its
   * receipt to: an optional JSON body {@code {"name", "email"}}.
   */
  private static CardGateway.Payer payer(RoutingContext ctx) {
    if (ctx.body().length() <= 0) {
      return CardGateway.Payer.UNKNOWN;
    }
    Payer given = JsonBodies.read(ctx, Payer.class, "the payer's name and e-mail");
    List<FieldError> errors = new ArrayList<>();
    if (given.name() != null && given.name().length() > MAX_NAME) {
      errors.add(new FieldError("name", "at most " + MAX_NAME + " characters"));
    }
    if (given.email() != null
        && (given.email().length() > MAX_EMAIL || !given.email().matches("[^@\\s]+@[^@\\s]+"))) {
      errors.add(new FieldError("email", "an e-mail address"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    return new CardGateway.Payer(
        given.name() == null ? "" : given.name().trim(),
        given.email() == null ? "" : given.email().trim());
  }

  private record Payer(String name, String email) {}

  /**
   * The acquirer's server-to-server callback. It is answered in plain text, as CMI expects: {@code
   * ACTION=POSTAUTH} captures an approval at once (a pre-authorisation becomes a debit), {@code
   * APPROVED} acknowledges a decline (or an approval kept as a hold for capture on delivery), and
   * {@code FAILURE} (with a 4xx or 5xx) says it could not be processed, so the acquirer tries
   * again. What became of it is in the audit trail and, for operators and tests, in the {@code
   * X-Callback-Outcome} header.
   */
  private void callback(RoutingContext ctx) {
    Map<String, String> parameters = new HashMap<>();
    ctx.request()
        .formAttributes()
        .forEach(parameter -> parameters.putIfAbsent(parameter.getKey(), parameter.getValue()));
    cards
        .onCallback(ctx.pathParam("provider"), parameters)
        .onSuccess(
            reply ->
                answer(
                    ctx,
                    200,
                    reply.outcome().name(),
                    reply.captureNow() ? CAPTURE_NOW : ACKNOWLEDGED))
        .onFailure(
            error -> {
              if (error instanceof DomainException refusal) {
                Object outcome = refusal.facts().get("outcome");
                answer(
                    ctx,
                    Problem.from(refusal).status(),
                    outcome == null ? "REFUSED" : outcome.toString(),
                    FAILURE);
              } else {
                log.error("a card callback could not be processed; the acquirer will retry", error);
                answer(ctx, 503, "UNAVAILABLE", FAILURE);
              }
            });
  }

  private static void answer(RoutingContext ctx, int status, String outcome, String text) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader(OUTCOME_HEADER, outcome)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(text);
  }
}
