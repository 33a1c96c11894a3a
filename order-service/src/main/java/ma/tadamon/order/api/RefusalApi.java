package ma.tadamon.order.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.regex.Pattern;
import ma.tadamon.order.PersonalData;
import ma.tadamon.order.store.RefusalStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;

/**
 * For operators: the numbers whose cash-on-delivery parcels were refused at the door ({@code GET
 * /api/orders/ops/refusals}), with what the round trips cost the cooperatives, and lifting a
 * number's refusals after a conversation with its owner ({@code POST /api/orders/ops/refusals/lift}
 * with {@code {"phone": "+212…"}}).
 */
public final class RefusalApi {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
  private static final int LISTED = 200;

  record Lift(String phone) {}

  private final RefusalStore refusals;
  private final Pool pool;
  private final Authentication authentication;
  private final PersonalData personalData;
  private final long limit;

  public RefusalApi(
      RefusalStore refusals,
      Pool pool,
      Authentication authentication,
      long limit,
      PersonalData personalData) {
    this.refusals = refusals;
    this.pool = pool;
    this.authentication = authentication;
    this.limit = limit;
    this.personalData = personalData;
  }

  public void mount(Router router) {
    authentication
        .protect(router.get("/api/orders/ops/refusals"), Role.OPERATOR)
        .handler(this::list);
    authentication
        .protect(router.post("/api/orders/ops/refusals/lift"), Role.OPERATOR)
        .handler(this::lift);
  }

  private void list(RoutingContext ctx) {
    personalData
        .operatorReads(
            Authentication.caller(ctx).subject(),
            "the numbers of refused parcels",
            "cash on delivery refusals")
        .compose(logged -> refusals.byNumber(pool, LISTED))
        .onSuccess(
            numbers -> {
              JsonArray items = new JsonArray();
              numbers.forEach(
                  number ->
                      items.add(
                          new JsonObject()
                              .put("phone", number.phone())
                              .put("refusals", number.refusals())
                              .put("allRefusals", number.allRefusals())
                              .put("courierCostCentimes", number.courierCostCentimes())
                              .put("lastRefusedAt", number.lastRefusedAt().toString())
                              .put("cashOnDelivery", number.refusals() < limit)));
              JsonResponses.send(ctx, 200, new JsonObject().put("items", items));
            })
        .onFailure(ctx::fail);
  }

  private void lift(RoutingContext ctx) {
    Lift body = JsonBodies.read(ctx, Lift.class, "the number to lift");
    if (body.phone() == null || !E164.matcher(body.phone()).matches()) {
      throw DomainException.invalid("phone", "an international number such as +212612345678");
    }
    // Lifting twice is harmless: the second finds nothing left to lift.
    refusals
        .lift(pool, body.phone(), Authentication.caller(ctx).subject())
        .onSuccess(
            lifted ->
                JsonResponses.send(
                    ctx, 200, new JsonObject().put("phone", body.phone()).put("lifted", lifted)))
        .onFailure(ctx::fail);
  }
}
