package ma.tadamon.local.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.catalog.demo.DemoCatalog.DemoContact;

/**
 * The local platform's people, as Keycloak users: a manager for each demo cooperative (username =
 * the cooperative's slug), one operator with a second factor already set up, and one shopper. They
 * share one password, generated with the platform's data and printed in its banner.
 */
public record DemoAccounts(String password, String operatorTotpSecret) {

  public static final String OPERATOR = "operator";
  public static final String SHOPPER = "shopper";
  private static final String DOMAIN = "@demo.tadamon.test";

  /** The username of a demo cooperative's manager. */
  public static String manager(String cooperativeSlug) {
    return cooperativeSlug;
  }

  /** The users to put in the realm, with their credentials. */
  JsonArray users() {
    JsonArray users = new JsonArray();
    for (DemoContact coop : DemoCatalog.contacts()) {
      users.add(
          user(manager(coop.slug()), coop.name(), coop.email(), "cooperative-manager")
              .put(
                  "attributes",
                  new JsonObject()
                      .put("coop", new JsonArray().add(coop.id().toString()))
                      .put("phoneNumber", new JsonArray().add(coop.phone()))));
    }
    JsonObject operator = user(OPERATOR, "Opératrice Tadamon", OPERATOR + DOMAIN, "operator");
    operator
        .getJsonArray("credentials")
        .add(
            new JsonObject()
                .put("type", "otp")
                .put("userLabel", "demo authenticator")
                .put("secretData", new JsonObject().put("value", operatorTotpSecret).encode())
                .put(
                    "credentialData",
                    new JsonObject()
                        .put("subType", "totp")
                        .put("digits", 6)
                        .put("period", 30)
                        .put("algorithm", "HmacSHA1")
                        .put("counter", 0)
                        .encode()));
    users.add(operator);
    users.add(user(SHOPPER, "Salma", SHOPPER + DOMAIN, "shopper"));
    return users;
  }

  private JsonObject user(String username, String firstName, String email, String role) {
    List<String> roles = new ArrayList<>(List.of("default-roles-tadamon", role));
    return new JsonObject()
        .put("username", username)
        .put("enabled", true)
        .put("firstName", firstName)
        .put("email", email)
        .put("emailVerified", true)
        .put("realmRoles", new JsonArray(roles))
        .put(
            "credentials",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("type", "password")
                        .put("value", password)
                        .put("temporary", false)));
  }
}
