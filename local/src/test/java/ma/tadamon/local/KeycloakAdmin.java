package ma.tadamon.local;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import ma.tadamon.local.identity.LocalKeycloak;

/**
 * What a test does to the local platform's Keycloak through its admin REST API, as an operator
 * would in its admin console: add and remove people, clients and realms.
 */
final class KeycloakAdmin {

  private final LocalKeycloak keycloak;
  private final HttpClient http = HttpClient.newHttpClient();

  KeycloakAdmin(LocalKeycloak keycloak) {
    this.keycloak = keycloak;
  }

  /** Creates a user of the tadamon realm; returns its id. */
  String createUser(String realm, JsonObject user) {
    HttpResponse<String> created =
        send("POST", "/admin/realms/" + realm + "/users", user.encode(), 201);
    String location = created.headers().firstValue("Location").orElseThrow();
    String id = location.substring(location.lastIndexOf('/') + 1);
    JsonArray roles = new JsonArray();
    for (Object name : user.getJsonArray("realmRoles", new JsonArray())) {
      roles.add(
          new JsonObject(
              send("GET", "/admin/realms/" + realm + "/roles/" + name, null, 200).body()));
    }
    if (!roles.isEmpty()) {
      send(
          "POST",
          "/admin/realms/" + realm + "/users/" + id + "/role-mappings/realm",
          roles.encode(),
          204);
    }
    return id;
  }

  void deleteUser(String realm, String id) {
    send("DELETE", "/admin/realms/" + realm + "/users/" + id, null, 204);
  }

  void createRealm(JsonObject realm) {
    send("POST", "/admin/realms", realm.encode(), 201);
  }

  void createClient(String realm, JsonObject client) {
    send("POST", "/admin/realms/" + realm + "/clients", client.encode(), 201);
  }

  /** A client of the realm as Keycloak holds it (its protocol mappers, for a test's own client). */
  JsonObject client(String realm, String clientId) {
    return new JsonArray(
            send("GET", "/admin/realms/" + realm + "/clients?clientId=" + clientId, null, 200)
                .body())
        .getJsonObject(0);
  }

  /** An access token by the password grant of a client that allows it (never a browser's). */
  String passwordGrant(String realm, String clientId, String username, String password) {
    return keycloak.passwordGrant(realm, clientId, username, password, null);
  }

  /** A person with a password of her own and the realm roles given, for a test to create. */
  static JsonObject person(String username, String password, String... roles) {
    return new JsonObject()
        .put("username", username)
        .put("enabled", true)
        .put("firstName", "Test")
        .put("lastName", "Person")
        .put("email", username + "@tests.tadamon.test")
        .put("emailVerified", true)
        .put("realmRoles", new JsonArray(List.of(roles)))
        .put(
            "credentials",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "password")
                        .put("value", password)
                        .put("temporary", false)));
  }

  private HttpResponse<String> send(String method, String path, String body, int expected) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(keycloak.internalUrl() + path))
            .header("Authorization", "Bearer " + keycloak.adminToken())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> answer = exchange(request.build());
    if (answer.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return answer;
  }

  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("Keycloak could not be reached", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
