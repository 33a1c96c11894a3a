package ma.tadamon.notification.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import ma.tadamon.notification.Marketing;
import ma.tadamon.notification.marketing.MarketingConsent;
import ma.tadamon.notification.marketing.UnsubscribeLinks;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.Html;
import ma.tadamon.platform.http.IdempotencyKeys;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;

/**
 * Tadamon's news over HTTP: the consent text the checkout shows, the unsubscribe link of every
 * e-mail (a page, then a button: mail scanners follow links, they do not press buttons), and the
 * operators' announcements to those who agreed.
 */
public final class MarketingApi {

  private final Marketing marketing;
  private final UnsubscribeLinks links;
  private final Authentication authentication;

  public MarketingApi(Marketing marketing, UnsubscribeLinks links, Authentication authentication) {
    this.marketing = marketing;
    this.links = links;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    router.get("/api/notifications/marketing/consent").handler(this::consentText);
    router.get("/api/notifications/unsubscribe").handler(this::unsubscribePage);
    router.post("/api/notifications/unsubscribe").handler(this::unsubscribe);
    authentication
        .protect(router.post("/api/notifications/ops/announcements"), Role.OPERATOR)
        .handler(this::announce);
  }

  private void consentText(RoutingContext ctx) {
    JsonResponses.send(
        ctx,
        200,
        new JsonObject()
            .put("version", MarketingConsent.CURRENT)
            .put(
                "text",
                new JsonObject(Map.copyOf(MarketingConsent.texts(MarketingConsent.CURRENT)))));
  }

  private void unsubscribePage(RoutingContext ctx) {
    String email = signedAddress(ctx);
    page(
        ctx,
        "<form method=\"post\" action=\"/api/notifications/unsubscribe?email="
            + Html.escape(URLEncoder.encode(email, StandardCharsets.UTF_8))
            + "&amp;token="
            + Html.escape(ctx.request().getParam("token"))
            + "\"><p>"
            + Html.escape(email)
            + "</p><p dir=\"rtl\" lang=\"ar\">هل تريدون التوقف عن تلقي أخبار تضامن؟</p>"
            + "<p>Ne plus recevoir les nouvelles de Tadamon ? · Stop receiving Tadamon's news?</p>"
            + "<button type=\"submit\">توقف · Arrêter · Stop</button></form>");
  }

  /** One click (RFC 8058's List-Unsubscribe-Post posts here too). */
  private void unsubscribe(RoutingContext ctx) {
    String email = signedAddress(ctx);
    marketing
        .unsubscribe(email)
        .onSuccess(
            done ->
                page(
                    ctx,
                    "<p dir=\"rtl\" lang=\"ar\">لن تتوصلوا بأخبار تضامن بعد الآن.</p>"
                        + "<p>Vous ne recevrez plus les nouvelles de Tadamon.</p>"
                        + "<p>You will no longer receive Tadamon's news.</p>"))
        .onFailure(ctx::fail);
  }

  private String signedAddress(RoutingContext ctx) {
    String email = ctx.request().getParam("email");
    if (!links.valid(email, ctx.request().getParam("token"))) {
      throw ProblemException.notFound("This unsubscribe link");
    }
    return email;
  }

  private static void page(RoutingContext ctx, String body) {
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .putHeader("Cache-Control", "no-store")
        .end(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width\"><title>Tadamon</title></head>"
                + "<body style=\"font-family:sans-serif;max-width:32rem;margin:2rem auto\">"
                + body
                + "</body></html>");
  }

  private void announce(RoutingContext ctx) {
    String key = IdempotencyKeys.required(ctx, "the same for every retry of this announcement");
    Marketing.Announcement request =
        JsonBodies.read(ctx, Marketing.Announcement.class, "an announcement");
    marketing
        .announce(request, key, Authentication.caller(ctx).subject())
        .onSuccess(
            announced ->
                JsonResponses.send(
                    ctx,
                    announced.created() ? 201 : 200,
                    new JsonObject()
                        .put("id", announced.id().toString())
                        .put("recipients", announced.recipients())))
        .onFailure(ctx::fail);
  }
}
