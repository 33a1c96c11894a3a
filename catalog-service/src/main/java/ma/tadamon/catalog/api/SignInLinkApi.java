package ma.tadamon.catalog.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Optional;
import ma.tadamon.catalog.MemberSignInLinks;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;

/**
 * The page behind a member's sign-in link: what the link is for, then the password she chose. No
 * sign-in is asked (the link is the proof); the code travels in the body, never in an address that
 * logs would keep. A code is 128 random bits, which nobody finds by trying, so no rate limit.
 */
public final class SignInLinkApi {

  /** The code of a link, as the page read it from its address. */
  public record LinkCode(String code) {}

  /** The password she chose for the account the link names. */
  public record ChosenPassword(String code, String password) {}

  private final Optional<MemberSignInLinks> links;

  public SignInLinkApi(Optional<MemberSignInLinks> links) {
    this.links = links;
  }

  public void mount(Router router) {
    router.post("/api/catalog/sign-in-links/open").handler(this::open);
    router.post("/api/catalog/sign-in-links/use").handler(this::use);
  }

  private void open(RoutingContext ctx) {
    LinkCode link = JsonBodies.read(ctx, LinkCode.class, "a sign-in link");
    links()
        .open(link.code())
        .onSuccess(
            opened ->
                send(
                    ctx,
                    new JsonObject()
                        .put("cooperative", opened.cooperative().toString())
                        .put(
                            "cooperativeName", new JsonObject(Map.copyOf(opened.cooperativeName())))
                        .put("username", opened.username())
                        .put("expiresAt", opened.expiresAt().toString())))
        .onFailure(ctx::fail);
  }

  private void use(RoutingContext ctx) {
    ChosenPassword chosen = JsonBodies.read(ctx, ChosenPassword.class, "a chosen password");
    links()
        .use(chosen.code(), chosen.password())
        .onSuccess(username -> send(ctx, new JsonObject().put("username", username)))
        .onFailure(ctx::fail);
  }

  private static void send(RoutingContext ctx, JsonObject body) {
    ctx.response().putHeader("Cache-Control", "no-store");
    JsonResponses.send(ctx, 200, body);
  }

  private MemberSignInLinks links() {
    return links.orElseThrow(MemberApi::unconfigured);
  }
}
