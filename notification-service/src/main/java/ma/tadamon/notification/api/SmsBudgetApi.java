package ma.tadamon.notification.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import ma.tadamon.notification.phone.ShopperSmsAllowance;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;

/**
 * For the operators' console: how much of this hour's budget of SMS to shoppers is spent, and an
 * alert from 80 % ({@code GET /api/notifications/ops/sms-budget}).
 */
public final class SmsBudgetApi {

  private final ShopperSmsAllowance allowance;
  private final Authentication authentication;

  public SmsBudgetApi(ShopperSmsAllowance allowance, Authentication authentication) {
    this.allowance = allowance;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(router.get("/api/notifications/ops/sms-budget"), Role.OPERATOR)
        .handler(this::budget);
  }

  private void budget(RoutingContext ctx) {
    allowance
        .budget()
        .onSuccess(
            budget ->
                JsonResponses.send(
                    ctx,
                    200,
                    new JsonObject()
                        .put("perHour", budget.perHour())
                        .put("usedThisHour", budget.used())
                        .put("alert", budget.alert())))
        .onFailure(ctx::fail);
  }
}
