package ma.tadamon.catalog.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.StandSales;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.StandSale;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.catalog.store.StandSaleStore;
import ma.tadamon.catalog.store.StandSaleStore.Sale;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.IdempotencyKeys;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.QueryParameters;

/**
 * A cooperative's sales at its stand of today's fair, from the portal on a phone: record one (with
 * an Idempotency-Key, so that a connection that drops and sends it again records it once), list the
 * day's fair's sales with their total.
 */
public final class StandSaleApi {

  private final StandSales standSales;
  private final StandSaleStore sales;
  private final ProductStore products;
  private final Authentication authentication;

  public StandSaleApi(
      StandSales standSales,
      StandSaleStore sales,
      ProductStore products,
      Authentication authentication) {
    this.standSales = standSales;
    this.sales = sales;
    this.products = products;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    String path = "/api/catalog/cooperatives/:id/stand-sales";
    authentication
        .protect(router.post(path), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::record);
    authentication.protect(router.get(path), Role.COOPERATIVE, Role.OPERATOR).handler(this::list);
  }

  private void record(RoutingContext ctx) {
    UUID cooperative = QueryParameters.pathId(ctx, "id", "This cooperative");
    String key = IdempotencyKeys.required(ctx, "a sale sent again must be counted once");
    StandSale.Request request = JsonBodies.read(ctx, StandSale.Request.class, "a stand sale");
    standSales
        .record(cooperative, request, key, Authentication.caller(ctx))
        .onSuccess(
            recorded ->
                JsonResponses.send(
                    ctx,
                    recorded.repeated() ? 200 : 201,
                    json(recorded.sale())
                        .put("stockAvailable", recorded.product().product().stockAvailable())
                        .put("fair", fair(recorded.fair(), cooperative))))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    UUID cooperative = QueryParameters.pathId(ctx, "id", "This cooperative");
    Caller caller = Authentication.caller(ctx);
    caller.requireOperatorOrCooperative(cooperative);
    Fair fair = standSales.fairToday(cooperative);
    Future<List<Sale>> listed = sales.of(cooperative, fair.id());
    Future<Map<UUID, Integer>> numbers = products.numbersOf(cooperative);
    Future.all(listed, numbers)
        .map(done -> listed.result())
        .onSuccess(
            found -> {
              JsonArray items = new JsonArray();
              long amount = 0;
              int quantity = 0;
              for (Sale sale : found) {
                items.add(json(sale));
                amount += sale.amountCentimes();
                quantity += sale.quantity();
              }
              JsonResponses.send(
                  ctx,
                  200,
                  new JsonObject()
                      .put("fair", fair(fair, cooperative))
                      // What to type in "VENTE <number> <quantity>" from a basic phone.
                      .put("numbers", numbersJson(numbers.result()))
                      .put("items", items)
                      .put("quantity", quantity)
                      .put("amountCentimes", amount));
            })
        .onFailure(ctx::fail);
  }

  private static JsonObject numbersJson(Map<UUID, Integer> numbers) {
    JsonObject json = new JsonObject();
    numbers.forEach((product, number) -> json.put(product.toString(), number));
    return json;
  }

  private static JsonObject fair(Fair fair, UUID cooperative) {
    return new JsonObject()
        .put("slug", fair.slug())
        .put("name", new JsonObject(Map.copyOf(fair.name())))
        .put("stand", fair.exhibitor(cooperative).map(Fair.Exhibitor::stand).orElse(null));
  }

  private static JsonObject json(Sale sale) {
    return new JsonObject()
        .put("id", sale.id().toString())
        .put("product", sale.product().toString())
        .put("quantity", sale.quantity())
        .put("amountCentimes", sale.amountCentimes())
        .put("via", sale.via())
        .put("soldAt", sale.soldAt().toString());
  }
}
