package ma.tadamon.order.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import ma.tadamon.order.PersonalData;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.QueryParameters;

/**
 * A signed-in shopper's data rights over HTTP: take it all away as JSON, have it erased; and the
 * operators' audit of who opened which order's contact.
 */
public final class PersonalDataApi {

  private static final int MAX_LOG = 500;

  private final PersonalData personalData;
  private final Authentication authentication;
  private final Clock clock;

  public PersonalDataApi(PersonalData personalData, Authentication authentication, Clock clock) {
    this.personalData = personalData;
    this.authentication = authentication;
    this.clock = clock;
  }

  public void mount(Router router) {
    authentication
        .protect(router.get("/api/orders/mine/export"), Role.SHOPPER)
        .handler(this::export);
    authentication
        .protect(router.post("/api/orders/mine/erasure"), Role.SHOPPER)
        .handler(this::erase);
    authentication
        .protect(router.get("/api/orders/ops/personal-data-access"), Role.OPERATOR)
        .handler(this::accessLog);
  }

  private void export(RoutingContext ctx) {
    String subject = Authentication.caller(ctx).subject();
    personalData
        .export(subject)
        .onSuccess(
            export -> {
              JsonArray orders = new JsonArray();
              export
                  .orders()
                  .forEach(
                      data ->
                          orders.add(
                              OrderJson.full(data.order())
                                  .put("contact", contact(data.order()))
                                  .put("shippingAddress", address(data.order()))
                                  .put(
                                      "withdrawals",
                                      new JsonArray(
                                          data.withdrawals().stream()
                                              .map(w -> OrderJson.withdrawal(w, clock.instant()))
                                              .toList()))
                                  .put(
                                      "invoices",
                                      InvoiceApi.json(data.invoices()).getJsonArray("items"))));
              ctx.response()
                  .putHeader("Content-Disposition", "attachment; filename=\"tadamon-my-data.json\"")
                  .putHeader("Cache-Control", "no-store");
              JsonResponses.send(
                  ctx,
                  200,
                  new JsonObject()
                      .put("subject", subject)
                      .put("exportedAt", clock.instant().toString())
                      .put("orders", orders)
                      .put("verifiedPhones", export.verifiedPhones()));
            })
        .onFailure(ctx::fail);
  }

  private void erase(RoutingContext ctx) {
    personalData
        .erase(Authentication.caller(ctx).subject())
        .onSuccess(result -> JsonResponses.send(ctx, 202, result))
        .onFailure(ctx::fail);
  }

  private void accessLog(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, Set.of("operator", "limit"));
    personalData
        .accessLog(
            params.parsed("operator", "an operator's subject", Optional::of).orElse(null),
            params.intBetween("limit", 1, MAX_LOG, 100))
        .onSuccess(entries -> JsonResponses.send(ctx, 200, new JsonObject().put("items", entries)))
        .onFailure(ctx::fail);
  }

  private static JsonObject contact(OrderView order) {
    return new JsonObject()
        .put("name", order.contact().name())
        .put("phone", order.contact().phone())
        .put("email", order.contact().email());
  }

  private static JsonObject address(OrderView order) {
    return new JsonObject()
        .put("line1", order.shippingAddress().line1())
        .put("city", order.shippingAddress().city())
        .put("postalCode", order.shippingAddress().postalCode())
        .put("region", order.shippingAddress().region());
  }
}
