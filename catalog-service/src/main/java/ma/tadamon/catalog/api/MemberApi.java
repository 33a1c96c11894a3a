package ma.tadamon.catalog.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.MemberSignInLinks;
import ma.tadamon.catalog.members.KeycloakMembers;
import ma.tadamon.catalog.members.Member;
import ma.tadamon.catalog.members.NewMember;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Operators give people access to a cooperative from the console: list its members, add one (her
 * temporary password is shown once, to be read to her; she chooses her own at her first sign-in),
 * send one a new sign-in link, reset a member's access, remove one. The accounts themselves live in
 * Keycloak.
 */
public final class MemberApi {

  private final Optional<KeycloakMembers> members;
  private final Optional<MemberSignInLinks> signInLinks;
  private final CooperativeStore cooperatives;
  private final Authentication authentication;

  public MemberApi(
      Optional<KeycloakMembers> members,
      Optional<MemberSignInLinks> signInLinks,
      CooperativeStore cooperatives,
      Authentication authentication) {
    this.members = members;
    this.signInLinks = signInLinks;
    this.cooperatives = cooperatives;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    String path = "/api/catalog/cooperatives/:id/members";
    authentication.protect(router.get(path), Role.OPERATOR).handler(this::list);
    authentication.protect(router.post(path), Role.OPERATOR).handler(this::add);
    authentication.protect(router.delete(path + "/:member"), Role.OPERATOR).handler(this::remove);
    authentication
        .protect(router.post(path + "/:member/reset"), Role.OPERATOR)
        .handler(this::reset);
    authentication
        .protect(router.post(path + "/:member/sign-in-link"), Role.OPERATOR)
        .handler(this::sendSignInLink);
  }

  private void list(RoutingContext ctx) {
    cooperative(ctx)
        .compose(id -> keycloak().of(id))
        .onSuccess(
            found -> JsonResponses.send(ctx, 200, new JsonObject().put("items", json(found))))
        .onFailure(ctx::fail);
  }

  private void add(RoutingContext ctx) {
    NewMember wanted = JsonBodies.read(ctx, NewMember.class, "a member");
    cooperative(ctx)
        .compose(id -> keycloak().add(id, wanted))
        .onSuccess(access -> JsonResponses.send(ctx, 201, json(access)))
        .onFailure(ctx::fail);
  }

  private void reset(RoutingContext ctx) {
    cooperative(ctx)
        .compose(id -> keycloak().reset(id, ctx.pathParam("member")))
        .onSuccess(access -> JsonResponses.send(ctx, 200, json(access)))
        .onFailure(ctx::fail);
  }

  /**
   * A new sign-in link for a member, sent to her (or her cooperative's) e-mail or phone: she
   * chooses her password herself, and nobody reads one to her. Her older links stop working.
   */
  private void sendSignInLink(RoutingContext ctx) {
    cooperative(ctx)
        .compose(
            id ->
                signInLinks
                    .orElseThrow(MemberApi::unconfigured)
                    .oweMember(id, ctx.pathParam("member"), Authentication.caller(ctx).subject()))
        .onSuccess(member -> JsonResponses.send(ctx, 202, json(member)))
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    cooperative(ctx)
        .compose(id -> keycloak().remove(id, ctx.pathParam("member")))
        .onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private Future<UUID> cooperative(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This cooperative");
    return cooperatives
        .find(id)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("This cooperative")).id());
  }

  private KeycloakMembers keycloak() {
    return members.orElseThrow(MemberApi::unconfigured);
  }

  /** Accounts are Keycloak's: without it, nobody can be given or choose access here. */
  static ProblemException unconfigured() {
    return new ProblemException(
        Problem.of(
            503,
            "members-unavailable",
            "Member administration is not configured",
            "Set KEYCLOAK_URL and KEYCLOAK_ACCOUNTS_CLIENT_SECRET for catalog-service."));
  }

  private static JsonObject json(KeycloakMembers.Access access) {
    return json(access.member()).put("temporaryPassword", access.temporaryPassword());
  }

  private static JsonArray json(List<Member> found) {
    JsonArray items = new JsonArray();
    found.forEach(member -> items.add(json(member)));
    return items;
  }

  private static JsonObject json(Member member) {
    return new JsonObject()
        .put("id", member.id())
        .put("username", member.username())
        .put("name", member.name())
        .put("phone", member.phone())
        .put("email", member.email())
        .put("manager", member.manager());
  }
}
