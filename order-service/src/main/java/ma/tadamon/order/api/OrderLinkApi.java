package ma.tadamon.order.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Optional;
import ma.tadamon.order.domain.AccessTokens;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.order.store.OrderQueries.OrderByCode;

/**
 * The order's short link from the shopper's confirmation SMS ({@code /s/{code}-{key}}): it sends
 * the browser on to the order's page in the order's language, carrying the tracking token in the
 * address's fragment, which the page keeps and removes. A link that opens no order goes to the page
 * that says so. The key is 72 bits of an HMAC: nobody finds one by trying, so no rate limit.
 */
public final class OrderLinkApi {

  private static final int KEY_LENGTH = 12;
  private static final List<String> PAGE_LANGUAGES = List.of("ar", "fr", "en");

  private final OrderQueries queries;
  private final Pool pool;
  private final AccessTokens tokens;

  public OrderLinkApi(OrderQueries queries, Pool pool, AccessTokens tokens) {
    this.queries = queries;
    this.pool = pool;
    this.tokens = tokens;
  }

  public void mount(Router router) {
    router.get("/s/:link").handler(this::open);
  }

  private void open(RoutingContext ctx) {
    String link = ctx.pathParam("link");
    if (link.length() < KEY_LENGTH + 2 || link.charAt(link.length() - KEY_LENGTH - 1) != '-') {
      redirect(ctx, "/#/order/not-found");
      return;
    }
    String code = link.substring(0, link.length() - KEY_LENGTH - 1);
    String key = link.substring(link.length() - KEY_LENGTH);
    queries
        .byCode(pool, code)
        .onSuccess(
            found -> {
              Optional<OrderByCode> order =
                  found.filter(candidate -> tokens.opens(key, candidate.id()));
              redirect(
                  ctx,
                  order
                      .map(
                          opened ->
                              "/"
                                  + pageLanguage(opened.language())
                                  + "/#/order/"
                                  + opened.id()
                                  + "?token="
                                  + tokens.tokenFor(opened.id()))
                      .orElse("/#/order/not-found"));
            })
        .onFailure(ctx::fail);
  }

  private static void redirect(RoutingContext ctx, String location) {
    ctx.response()
        .setStatusCode(302)
        .putHeader("Location", location)
        .putHeader("Cache-Control", "no-store")
        .putHeader("Referrer-Policy", "no-referrer")
        .end();
  }

  private static String pageLanguage(String language) {
    return PAGE_LANGUAGES.contains(language) ? language : "fr";
  }
}
