package ma.tadamon.catalog.members;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.domain.DomainException;

/**
 * A cooperative's members, kept where people sign in: Keycloak's admin REST API, as the realm's
 * {@code tadamon-accounts} client (client credentials; its service account may manage users and
 * nothing else). A member is a Keycloak user whose {@code coop} attribute names the cooperative,
 * with the realm role {@code cooperative} or {@code cooperative-manager}. Every call checks that
 * attribute: an operator acting on one cooperative's page never touches another's people.
 */
public final class KeycloakMembers {

  private static final String MANAGER = "cooperative-manager";
  private static final String MEMBER = "cooperative";

  private final WebClient http;
  private final String base;
  private final String realm;
  private final String clientId;
  private final String clientSecret;
  private final AtomicReference<ServiceToken> token = new AtomicReference<>();

  private record ServiceToken(String value, long expiresAtMillis) {}

  /** A member just created or reset, and the password to read her once. */
  public record Access(Member member, String temporaryPassword) {}

  private KeycloakMembers(Vertx vertx, String base, String realm, String id, String secret) {
    this.http = WebClient.create(vertx);
    this.base = base;
    this.realm = realm;
    this.clientId = id;
    this.clientSecret = secret;
  }

  /** Configured by {@code KEYCLOAK_URL} and the accounts client's secret; none without them. */
  public static Optional<KeycloakMembers> from(Vertx vertx, Settings settings) {
    Optional<String> url = settings.optional("KEYCLOAK_URL");
    Optional<String> secret = settings.optional("KEYCLOAK_ACCOUNTS_CLIENT_SECRET");
    if (url.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new KeycloakMembers(
            vertx,
            url.get().replaceAll("/+$", ""),
            settings.get("KEYCLOAK_REALM", "tadamon"),
            settings.get("KEYCLOAK_ACCOUNTS_CLIENT_ID", "tadamon-accounts"),
            secret.get()));
  }

  public Future<List<Member>> of(UUID cooperative) {
    return admin(HttpMethod.GET, "/users")
        .compose(
            request ->
                request
                    .addQueryParam("q", "coop:" + cooperative)
                    .addQueryParam("briefRepresentation", "false")
                    .addQueryParam("max", "200")
                    .send())
        .map(response -> expect(response, 200).bodyAsJsonArray())
        .compose(
            users -> {
              List<Future<Member>> members = new ArrayList<>();
              for (Object user : users) {
                members.add(member((JsonObject) user));
              }
              return Future.all(members).map(done -> done.<Member>list());
            });
  }

  public Future<Access> add(UUID cooperative, NewMember wanted) {
    DomainException.requireValid(wanted.problems());
    String password = TemporaryPasswords.next();
    JsonObject attributes =
        new JsonObject().put("coop", new JsonArray().add(cooperative.toString()));
    if (wanted.phone() != null) {
      attributes.put("phoneNumber", new JsonArray().add(wanted.phone()));
    }
    JsonObject user =
        new JsonObject()
            .put("username", wanted.username())
            .put("enabled", true)
            .put("firstName", wanted.name())
            .put("attributes", attributes)
            .put("requiredActions", new JsonArray().add("UPDATE_PASSWORD"))
            .put(
                "credentials",
                new JsonArray()
                    .add(
                        new JsonObject()
                            .put("type", "password")
                            .put("value", password)
                            .put("temporary", true)));
    if (wanted.email() != null) {
      user.put("email", wanted.email()).put("emailVerified", false);
    }
    return admin(HttpMethod.POST, "/users")
        .compose(request -> request.sendJsonObject(user))
        .map(
            response -> {
              if (response.statusCode() == 409) {
                throw DomainException.conflict(
                    "member-exists",
                    "This username or e-mail is taken",
                    "Choose another username; a member already signs in with this one.");
              }
              String location = expect(response, 201).getHeader("Location");
              return location.substring(location.lastIndexOf('/') + 1);
            })
        .compose(
            id ->
                grant(id, wanted.manager() ? MANAGER : MEMBER)
                    .compose(granted -> find(cooperative, id))
                    .compose(this::member)
                    .map(member -> new Access(member, password)));
  }

  /**
   * The account of a verified cooperative's manager, created on first call and found again on the
   * next (a retry after a lost answer): named after the cooperative's phone as it is dialled in
   * Morocco ("0661009988", easy to remember), or after its address on the site when that name is
   * another person's. It has no password until she chooses one through her sign-in link.
   */
  public Future<Member> ensureManager(ManagerAccount wanted) {
    return ensureManager(wanted, wanted.usernames());
  }

  private Future<Member> ensureManager(ManagerAccount wanted, List<String> usernames) {
    if (usernames.isEmpty()) {
      return Future.failedFuture(
          new IllegalStateException("no username left for cooperative " + wanted.cooperative()));
    }
    String username = usernames.get(0);
    List<String> others = usernames.subList(1, usernames.size());
    return admin(HttpMethod.GET, "/users")
        .compose(
            request ->
                request
                    .addQueryParam("username", username)
                    .addQueryParam("exact", "true")
                    .addQueryParam("briefRepresentation", "false")
                    .send())
        .map(response -> expect(response, 200).bodyAsJsonArray())
        .compose(
            found -> {
              if (found.isEmpty()) {
                return createManager(wanted, username, others);
              }
              JsonObject user = found.getJsonObject(0);
              return belongsTo(user, wanted.cooperative())
                  ? grant(user.getString("id"), MANAGER).compose(granted -> member(user))
                  : ensureManager(wanted, others);
            });
  }

  private Future<Member> createManager(
      ManagerAccount wanted, String username, List<String> others) {
    JsonObject attributes =
        new JsonObject()
            .put("coop", new JsonArray().add(wanted.cooperative().toString()))
            .put("phoneNumber", new JsonArray().add(wanted.phone()));
    JsonObject user =
        new JsonObject()
            .put("username", username)
            .put("enabled", true)
            .put("firstName", wanted.displayName())
            .put("attributes", attributes);
    if (wanted.email() != null) {
      user.put("email", wanted.email()).put("emailVerified", false);
    }
    return admin(HttpMethod.POST, "/users")
        .compose(request -> request.sendJsonObject(user))
        .compose(
            response -> {
              if (response.statusCode() == 409) {
                // The username, or the e-mail, is someone else's: the next name, without e-mail
                // once no name is left to try with it.
                return others.isEmpty() && wanted.email() != null
                    ? ensureManager(wanted.withoutEmail(), wanted.withoutEmail().usernames())
                    : ensureManager(wanted, others);
              }
              String location = expect(response, 201).getHeader("Location");
              String id = location.substring(location.lastIndexOf('/') + 1);
              return grant(id, MANAGER)
                  .compose(granted -> find(wanted.cooperative(), id))
                  .compose(this::member);
            });
  }

  /** The member, if she belongs to this cooperative; "not found" otherwise. */
  public Future<Member> member(UUID cooperative, String id) {
    return find(cooperative, id).compose(this::member);
  }

  /**
   * Sets the password she chose through her sign-in link, as Keycloak's password policy allows it,
   * and clears a temporary one's demand to choose another.
   */
  public Future<Void> choosePassword(UUID cooperative, String id, String password) {
    return find(cooperative, id)
        .compose(
            user ->
                setPassword(id, password, false)
                    .compose(
                        response -> {
                          if (response.statusCode() == 400) {
                            // Keycloak names the policy's rule: length, not the username…
                            throw DomainException.invalid(
                                "password", policyBroken(response.bodyAsJsonObject()));
                          }
                          expect(response, 204);
                          JsonArray pending = user.getJsonArray("requiredActions", new JsonArray());
                          if (!pending.contains("UPDATE_PASSWORD")) {
                            return Future.succeededFuture();
                          }
                          pending.remove("UPDATE_PASSWORD");
                          return admin(HttpMethod.PUT, "/users/" + id)
                              .compose(request -> request.sendJsonObject(user))
                              .map(updated -> expect(updated, 204))
                              .mapEmpty();
                        }));
  }

  private static String policyBroken(JsonObject answer) {
    String rule = answer == null ? "" : answer.getString("error", "");
    if (rule.contains("MinLength") || rule.contains("MaxLength")) {
      return "10 to 128 characters";
    }
    if (rule.contains("NotUsername") || rule.contains("NotEmail")) {
      return "not your username or e-mail address";
    }
    return "a password this site accepts: 10 to 128 characters, not your username";
  }

  /** Removes a member; she keeps access only until her current token expires (minutes). */
  public Future<Void> remove(UUID cooperative, String id) {
    return find(cooperative, id)
        .compose(user -> admin(HttpMethod.DELETE, "/users/" + id))
        .compose(HttpRequest::send)
        .map(
            response -> {
              if (response.statusCode() != 404) {
                expect(response, 204);
              }
              return null;
            });
  }

  /** A new temporary password, to be replaced at the next sign-in; her sessions end now. */
  public Future<Access> reset(UUID cooperative, String id) {
    String password = TemporaryPasswords.next();
    return find(cooperative, id)
        .compose(
            user ->
                setPassword(id, password, true)
                    .map(response -> expect(response, 204))
                    .compose(done -> admin(HttpMethod.POST, "/users/" + id + "/logout"))
                    .compose(HttpRequest::send)
                    .map(response -> expect(response, 204))
                    .compose(done -> member(user))
                    .map(member -> new Access(member, password)));
  }

  /** Keycloak's answer to setting the user's password; a temporary one must be replaced at once. */
  private Future<HttpResponse<Buffer>> setPassword(String id, String password, boolean temporary) {
    return admin(HttpMethod.PUT, "/users/" + id + "/reset-password")
        .compose(
            request ->
                request.sendJsonObject(
                    new JsonObject()
                        .put("type", "password")
                        .put("value", password)
                        .put("temporary", temporary)));
  }

  /** The user, if it exists and belongs to this cooperative; "not found" otherwise. */
  private Future<JsonObject> find(UUID cooperative, String id) {
    if (!id.matches("[0-9a-fA-F-]{36}")) {
      return Future.failedFuture(DomainException.notFound("This member"));
    }
    return admin(HttpMethod.GET, "/users/" + id)
        .compose(HttpRequest::send)
        .map(
            response -> {
              if (response.statusCode() == 404) {
                throw DomainException.notFound("This member");
              }
              JsonObject user = expect(response, 200).bodyAsJsonObject();
              if (!belongsTo(user, cooperative)) {
                throw DomainException.notFound("This member");
              }
              return user;
            });
  }

  private static boolean belongsTo(JsonObject user, UUID cooperative) {
    return user.getJsonObject("attributes", new JsonObject())
        .getJsonArray("coop", new JsonArray())
        .contains(cooperative.toString());
  }

  private Future<Member> member(JsonObject user) {
    String id = user.getString("id");
    return admin(HttpMethod.GET, "/users/" + id + "/role-mappings/realm")
        .compose(HttpRequest::send)
        .map(
            response -> {
              boolean manager =
                  expect(response, 200).bodyAsJsonArray().stream()
                      .map(JsonObject.class::cast)
                      .anyMatch(role -> MANAGER.equals(role.getString("name")));
              JsonObject attributes = user.getJsonObject("attributes", new JsonObject());
              return new Member(
                  id,
                  user.getString("username"),
                  user.getString("firstName"),
                  first(attributes.getJsonArray("phoneNumber")),
                  user.getString("email"),
                  manager);
            });
  }

  private Future<Void> grant(String id, String role) {
    return admin(HttpMethod.GET, "/roles/" + role)
        .compose(HttpRequest::send)
        .map(response -> expect(response, 200).bodyAsJsonObject())
        .compose(
            representation ->
                admin(HttpMethod.POST, "/users/" + id + "/role-mappings/realm")
                    .compose(request -> request.sendJson(new JsonArray().add(representation))))
        .map(response -> expect(response, 204))
        .mapEmpty();
  }

  private Future<HttpRequest<Buffer>> admin(HttpMethod method, String path) {
    return serviceToken()
        .map(
            bearer ->
                http.requestAbs(method, base + "/admin/realms/" + realm + path)
                    .bearerTokenAuthentication(bearer));
  }

  /** The service account's token, fetched again shortly before it expires. */
  private Future<String> serviceToken() {
    ServiceToken held = token.get();
    if (held != null && held.expiresAtMillis() > System.currentTimeMillis()) {
      return Future.succeededFuture(held.value());
    }
    MultiMap form =
        MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "client_credentials")
            .add("client_id", clientId)
            .add("client_secret", clientSecret);
    return http.postAbs(base + "/realms/" + realm + "/protocol/openid-connect/token")
        .sendForm(form)
        .map(
            response -> {
              JsonObject answer = expect(response, 200).bodyAsJsonObject();
              long lifetime = answer.getLong("expires_in", 60L) - 30;
              ServiceToken fresh =
                  new ServiceToken(
                      answer.getString("access_token"),
                      System.currentTimeMillis() + Math.max(lifetime, 5) * 1000);
              token.set(fresh);
              return fresh.value();
            });
  }

  private static HttpResponse<Buffer> expect(HttpResponse<Buffer> response, int status) {
    if (response.statusCode() != status) {
      // Keycloak's answer names no person: safe to keep in the log.
      throw new IllegalStateException(
          "Keycloak answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response;
  }

  private static String first(JsonArray values) {
    return values == null || values.isEmpty() ? null : values.getString(0);
  }
}
