package ma.tadamon.notification.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import ma.tadamon.notification.store.NotificationStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Who was told what: a cooperative sees its own notifications, an operator any cooperative's or
 * order's.
 */
public final class NotificationApi {

  private final NotificationStore store;
  private final Authentication authentication;

  public NotificationApi(NotificationStore store, Authentication authentication) {
    this.store = store;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(router.get("/api/notifications"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::list);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx);
    String cooperative = ctx.request().getParam("cooperative");
    String order = ctx.request().getParam("order");
    String status = ctx.request().getParam("status");
    Future<List<JsonObject>> found;
    if (cooperative != null) {
      UUID id = parse(cooperative, "cooperative");
      caller.requireOperatorOrCooperative(id);
      found = store.forCooperative(id, 100);
    } else if (order != null && caller.is(Role.OPERATOR)) {
      found = store.forOrder(parse(order, "order"));
    } else if (status != null && caller.is(Role.OPERATOR)) {
      if (!List.of("PENDING", "SENT", "DELIVERED", "FAILED", "DEAD").contains(status)) {
        throw ProblemException.badRequest("status is PENDING, SENT, DELIVERED, FAILED or DEAD");
      }
      found = store.withStatus(status, 200);
    } else {
      ctx.fail(
          ProblemException.badRequest(
              "Ask for ?cooperative=<id> (or, as an operator, ?order=<id> or ?status=DEAD)."));
      return;
    }
    found
        .onSuccess(
            items ->
                JsonResponses.send(ctx, 200, new JsonObject().put("items", new JsonArray(items))))
        .onFailure(ctx::fail);
  }

  private static UUID parse(String value, String name) {
    return QueryParameters.parseId(value)
        .orElseThrow(() -> ProblemException.badRequest("'" + name + "' must be an id"));
  }
}
