package ma.tadamon.notification.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import ma.tadamon.notification.PhoneConfirmations;
import ma.tadamon.notification.phone.PhoneConfirmation;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.http.ClientAddress;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.QueryParameters;
import ma.tadamon.platform.ratelimit.RateLimit;
import ma.tadamon.platform.ratelimit.RateLimiter;
import ma.tadamon.platform.ratelimit.RateLimiter.Take;

/**
 * The order page's form for the code of a cash-on-delivery order: {@code POST
 * /api/notifications/phone-confirmations/{orderId}} with {@code {"code": "123456"}}. The order's
 * id, which only its shopper holds, and the code are the proof; a wrong code counts, the fifth
 * locks the order's wait.
 */
public final class PhoneConfirmationApi {

  record TypedCode(String code) {}

  private final PhoneConfirmations confirmations;
  private final RateLimiter limiter;
  private final RateLimit perAddress;

  public PhoneConfirmationApi(
      PhoneConfirmations confirmations, RateLimiter limiter, Settings settings) {
    this.confirmations = confirmations;
    this.limiter = limiter;
    this.perAddress =
        RateLimit.fromSettings(
            settings, "RATE_LIMIT_PHONE_CODE_PER_ADDRESS", "phone-code-address", "30/10m");
  }

  public void mount(Router router) {
    router.post("/api/notifications/phone-confirmations/:orderId").handler(this::typed);
  }

  private void typed(RoutingContext ctx) {
    UUID orderId = QueryParameters.pathId(ctx, "orderId", "This order's phone confirmation");
    TypedCode body = JsonBodies.read(ctx, TypedCode.class, "the code");
    limiter
        .require(List.of(Take.one(perAddress, ClientAddress.of(ctx))))
        .compose(admitted -> confirmations.typed(orderId, body.code()))
        .map(PhoneConfirmationApi::answer)
        .onSuccess(answer -> JsonResponses.send(ctx, 200, answer))
        .onFailure(ctx::fail);
  }

  /** A confirmation is the answer; every other outcome is a refusal the page explains. */
  private static JsonObject answer(PhoneConfirmation.Attempt attempt) {
    return switch (attempt.outcome()) {
      case CONFIRMED, ALREADY_CONFIRMED -> new JsonObject().put("status", "CONFIRMED");
      case WRONG_CODE ->
          throw DomainException.refused(
                  "wrong-code",
                  "This is not the code",
                  "Check the SMS and type its six digits; "
                      + attempt.attemptsLeft()
                      + " tries left.")
              .with("attemptsLeft", attempt.attemptsLeft());
      case LOCKED ->
          throw DomainException.conflict(
              "phone-confirmation-locked",
              "Too many wrong codes",
              "This order can no longer be confirmed; place it again or pay by card.");
      case EXPIRED ->
          throw DomainException.conflict(
              "phone-confirmation-expired",
              "Too late",
              "The time to confirm this order has passed; its products are back on sale.");
    };
  }
}
