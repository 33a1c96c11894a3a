package ma.tadamon.notification.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import ma.tadamon.notification.store.ShopperDataStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;

/**
 * A signed-in shopper's data as this service keeps it, as JSON: the web app puts it beside
 * order-service's export in the one file "download my data" gives (docs/compliance.md).
 */
public final class ShopperDataApi {

  private final ShopperDataStore store;
  private final Authentication authentication;
  private final Clock clock;

  public ShopperDataApi(ShopperDataStore store, Authentication authentication, Clock clock) {
    this.store = store;
    this.authentication = authentication;
    this.clock = clock;
  }

  public void mount(Router router) {
    authentication
        .protect(router.get("/api/notifications/mine/export"), Role.SHOPPER)
        .handler(this::export);
  }

  private void export(RoutingContext ctx) {
    String subject = Authentication.caller(ctx).subject();
    store
        .export(subject)
        .onSuccess(
            export -> {
              ctx.response().putHeader("Cache-Control", "no-store");
              JsonResponses.send(
                  ctx,
                  200,
                  export.put("subject", subject).put("exportedAt", clock.instant().toString()));
            })
        .onFailure(ctx::fail);
  }
}
