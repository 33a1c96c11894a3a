package ma.tadamon.local;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.infra.InfrastructureException;
import ma.tadamon.local.identity.LocalKeycloak;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The services behind a real Keycloak with the Tadamon realm, as ./tadamon run starts them: the
 * roles and cooperative the realm's mappers put in tokens decide who sees what, and every token not
 * issued by the realm, changed, unsigned or expired is refused.
 */
class SignInTest {

  private static final UUID TIFAOUINE = DemoCatalog.cooperativeId("tifaouine-argan");
  private static final UUID SIROUA = DemoCatalog.cooperativeId("siroua-saffron");
  private static final UUID ARGAN_OIL =
      DemoCatalog.productId("tifaouine-argan", "culinary-argan-250");

  private static LocalPlatform platform;
  private static LocalKeycloak keycloak;
  private static KeycloakAdmin admin;
  private static Vertx vertx;
  private static WebClient http;
  private static PlatformDatabase database;

  @BeforeAll
  static void start() {
    Map<String, String> environment = new HashMap<>(TestPlatform.settings().asMap());
    platform =
        LocalPlatform.start(
            new LocalPlatform.Options(
                null, FreePorts.next(), environment, LocalPlatform.SignIn.KEYCLOAK));
    keycloak = platform.keycloak().orElseThrow();
    admin = new KeycloakAdmin(keycloak);
    vertx = Vertx.vertx();
    http = PlatformHttp.client(vertx, platform);
    database = PlatformDatabase.open(vertx, platform);
  }

  @AfterAll
  static void stop() {
    if (database != null) {
      await(database.close(), 10);
    }
    if (vertx != null) {
      vertx.close();
    }
    if (platform != null) {
      platform.close();
    }
  }

  @Test
  void a_cooperative_manager_sees_its_own_orders_and_no_other_cooperatives() {
    String manager = platform.token(Role.COOPERATIVE);
    JsonObject claims = claims(manager);
    assertThat(claims.getString("coop")).isEqualTo(TIFAOUINE.toString());
    assertThat(claims.getJsonArray("roles")).contains("cooperative", "cooperative-manager");
    assertThat(claims.getString("iss")).isEqualTo(keycloak.issuer());

    assertThat(get("/api/cooperatives/" + TIFAOUINE + "/orders", manager).statusCode())
        .isEqualTo(200);
    assertThat(get("/api/cooperatives/" + SIROUA + "/orders", manager).statusCode()).isEqualTo(403);
    assertThat(get("/api/orders", manager).statusCode()).as("operators only").isEqualTo(403);
    assertThat(get("/api/orders", platform.token(Role.OPERATOR)).statusCode()).isEqualTo(200);
  }

  @Test
  void a_signed_in_shopper_finds_its_orders_and_addresses_and_nobody_elses() {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> count("SELECT count(*) FROM orders.catalog_products") >= 67);
    String shopper = platform.token(Role.SHOPPER);
    String signedIn = place(shopper, "Agadir");
    String guest = place(null, "Tiznit");

    JsonObject mine = get("/api/orders/mine", shopper).bodyAsJsonObject();
    assertThat(mine.getJsonArray("items"))
        .extracting(order -> ((JsonObject) order).getString("id"))
        .contains(signedIn)
        .doesNotContain(guest);
    assertThat(
            mine.getJsonArray("addresses")
                .getJsonObject(0)
                .getJsonObject("shippingAddress")
                .getString("city"))
        .isEqualTo("Agadir");
    assertThat(get("/api/orders/" + signedIn, shopper).statusCode())
        .as("its own order, without the tracking token")
        .isEqualTo(200);

    // What notification-service keeps about her, for her data export: her order's messages and
    // phone confirmation, nothing of the guest's.
    JsonObject kept =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> get("/api/notifications/mine/export", shopper).bodyAsJsonObject(),
                export -> !export.getJsonArray("messages").isEmpty());
    assertThat(kept.getString("subject")).isEqualTo(claims(shopper).getString("sub"));
    assertThat(kept.getJsonArray("messages"))
        .extracting(message -> ((JsonObject) message).getString("orderId"))
        .containsOnly(signedIn);
    assertThat(kept.encode()).doesNotContain(guest).doesNotContain("Tiznit");
    assertThat(get("/api/notifications/mine/export", null).statusCode()).isEqualTo(401);

    // Someone who just created an account has no orders, and cannot open another's.
    String newcomer = "newcomer-" + UUID.randomUUID().toString().substring(0, 8);
    admin.createUser(LocalKeycloak.REALM, person(newcomer, List.of()));
    String theirs = admin.passwordGrant(LocalKeycloak.REALM, testClient(), newcomer, PASSWORD);
    assertThat(claims(theirs).getJsonArray("roles"))
        .as("every account can buy")
        .contains("shopper");
    assertThat(get("/api/orders/mine", theirs).bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(get("/api/orders/" + signedIn, theirs).statusCode())
        .as("not even whether it exists")
        .isEqualTo(404);
    assertThat(get("/api/orders/mine", null).statusCode()).isEqualTo(401);
  }

  @Test
  void an_operator_adds_resets_and_removes_a_cooperatives_member_from_the_console_api() {
    String operator = platform.token(Role.OPERATOR);
    String members = "/api/catalog/cooperatives/" + TIFAOUINE + "/members";
    String username = "fadma-" + UUID.randomUUID().toString().substring(0, 8);

    HttpResponse<Buffer> added =
        await(
            http.post(members)
                .bearerTokenAuthentication(operator)
                .sendJsonObject(
                    new JsonObject()
                        .put("username", username)
                        .put("name", "Fadma Ait Lahcen")
                        .put("phone", "+212661000555")
                        .put("manager", false)),
            10);
    assertThat(added.statusCode()).as(added.bodyAsString()).isEqualTo(201);
    JsonObject member = added.bodyAsJsonObject();
    String id = member.getString("id");
    assertThat(member.getString("temporaryPassword"))
        .matches("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");
    assertThat(member.getBoolean("manager")).isFalse();
    assertThat(get(members, operator).bodyAsJsonObject().getJsonArray("items"))
        .extracting(item -> ((JsonObject) item).getString("username"))
        .contains(username, "tifaouine-argan");
    // The temporary password only opens Keycloak's page where she chooses her own.
    assertThat(tokenRefusal(username, member.getString("temporaryPassword")))
        .contains("not fully set up");

    // Another cooperative's page does not reach her; bad input and strangers are refused.
    String elsewhere = "/api/catalog/cooperatives/" + SIROUA + "/members/" + id;
    assertThat(
            await(http.delete(elsewhere).bearerTokenAuthentication(operator).send(), 10)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            await(
                    http.post(members)
                        .bearerTokenAuthentication(operator)
                        .sendJsonObject(new JsonObject().put("username", "A B").put("name", "")),
                    10)
                .statusCode())
        .isEqualTo(422);
    assertThat(get(members, platform.token(Role.COOPERATIVE)).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> again =
        await(
            http.post(members)
                .bearerTokenAuthentication(operator)
                .sendJsonObject(new JsonObject().put("username", username).put("name", "Fadma")),
            10);
    assertThat(again.statusCode()).isEqualTo(409);

    HttpResponse<Buffer> reset =
        await(
            http.post(members + "/" + id + "/reset").bearerTokenAuthentication(operator).send(),
            10);
    assertThat(reset.statusCode()).isEqualTo(200);
    assertThat(reset.bodyAsJsonObject().getString("temporaryPassword"))
        .isNotEqualTo(member.getString("temporaryPassword"));

    assertThat(
            await(http.delete(members + "/" + id).bearerTokenAuthentication(operator).send(), 10)
                .statusCode())
        .isEqualTo(204);
    assertThat(get(members, operator).bodyAsJsonObject().getJsonArray("items"))
        .extracting(item -> ((JsonObject) item).getString("username"))
        .doesNotContain(username);
  }

  @Test
  void verifying_a_cooperative_sends_its_manager_a_link_to_choose_her_password_by_sms() {
    String operator = platform.token(Role.OPERATOR);
    String phone = "+21266" + randomDigits(7);
    UUID cooperative = registerAndVerify(operator, phone, null);

    String code = SignInLinks.bySms(platform, phone, 1);
    JsonObject opened = post("/api/catalog/sign-in-links/open", new JsonObject().put("code", code));
    String username = opened.getString("username");
    assertThat(username).as("her phone as she dials it").isEqualTo("0" + phone.substring(4));
    assertThat(opened.getString("cooperative")).isEqualTo(cooperative.toString());
    assertThat(opened.getJsonObject("cooperativeName").getString("fr"))
        .isEqualTo("Coopérative Imilchil des tapis");

    JsonObject tooShort = new JsonObject().put("code", code).put("password", "short");
    assertThat(postStatus("/api/catalog/sign-in-links/use", tooShort)).isEqualTo(422);
    JsonObject sameAsName = new JsonObject().put("code", code).put("password", username);
    assertThat(postStatus("/api/catalog/sign-in-links/use", sameAsName))
        .as("Keycloak's policy: not the username")
        .isEqualTo(422);
    String chosen = "tapis-d-imilchil-2026";
    JsonObject use = new JsonObject().put("code", code).put("password", chosen);
    assertThat(post("/api/catalog/sign-in-links/use", use).getString("username"))
        .isEqualTo(username);
    assertThat(postStatus("/api/catalog/sign-in-links/use", use))
        .as("sent again by a phone that lost the answer")
        .isEqualTo(200);

    String token = admin.passwordGrant(LocalKeycloak.REALM, testClient(), username, chosen);
    assertThat(claims(token).getString("coop")).isEqualTo(cooperative.toString());
    assertThat(claims(token).getJsonArray("roles")).contains("cooperative-manager");
    assertThat(get("/api/cooperatives/" + cooperative + "/orders", token).statusCode())
        .isEqualTo(200);

    // Verifying again owes nothing; a new link from the console replaces the old one.
    assertThat(verify(operator, cooperative)).isEqualTo(200);
    String members = "/api/catalog/cooperatives/" + cooperative + "/members";
    String memberId =
        get(members, operator)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .getJsonObject(0)
            .getString("id");
    HttpResponse<Buffer> sent =
        await(
            http.post(members + "/" + memberId + "/sign-in-link")
                .bearerTokenAuthentication(operator)
                .send(),
            10);
    assertThat(sent.statusCode()).as(sent.bodyAsString()).isEqualTo(202);
    String newer = SignInLinks.bySms(platform, phone, 2);
    assertThat(postStatus("/api/catalog/sign-in-links/open", new JsonObject().put("code", code)))
        .as("the older link stops working")
        .isEqualTo(404);
    assertThat(postStatus("/api/catalog/sign-in-links/open", new JsonObject().put("code", newer)))
        .isEqualTo(200);
    assertThat(
            postStatus(
                "/api/catalog/sign-in-links/open",
                new JsonObject().put("code", "AAAAAAAAAAAAAAAAAAAAAA")))
        .isEqualTo(404);
    assertThat(
            await(
                    http.post("/api/catalog/sign-in-links/open")
                        .putHeader("Content-Type", "application/json")
                        .sendBuffer(Buffer.buffer("{\"code\":")),
                    10)
                .statusCode())
        .as("not JSON")
        .isEqualTo(400);
    assertThat(
            await(
                    http.post(members + "/" + memberId + "/sign-in-link")
                        .bearerTokenAuthentication(platform.token(Role.COOPERATIVE))
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void a_cooperative_with_an_e_mail_address_gets_its_managers_link_by_e_mail() {
    String operator = platform.token(Role.OPERATOR);
    String email = "imilchil-" + randomDigits(6) + "@example.org";
    registerAndVerify(operator, "+21267" + randomDigits(7), email);

    JsonObject mail =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    await(
                            http.getAbs(platform.mailPageUrl().orElseThrow() + "api/messages")
                                .send(),
                            10)
                        .bodyAsJsonObject()
                        .getJsonArray("items")
                        .stream()
                        .map(JsonObject.class::cast)
                        .filter(message -> message.getString("to").contains(email))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    assertThat(mail.getString("subject")).isEqualTo("Tadamon : votre accès au portail");
    assertThat(mail.getString("text")).contains(platform.url() + "/fr/#/welcome/");
    String code = SignInLinks.code(mail.getString("text")).orElseThrow();
    assertThat(
            post("/api/catalog/sign-in-links/open", new JsonObject().put("code", code))
                .getString("username"))
        .isNotNull();
  }

  @Test
  void tokens_from_elsewhere_altered_or_unsigned_are_refused() {
    String genuine = platform.token(Role.OPERATOR);
    assertThat(get("/api/orders", genuine).statusCode()).isEqualTo(200);

    // The same claims, the cooperative changed: the signature no longer matches.
    String[] parts = genuine.split("\\.");
    JsonObject edited = claims(genuine).put("coop", SIROUA.toString());
    String forged = parts[0] + "." + encode(edited.encode()) + "." + parts[2];
    assertThat(get("/api/orders", forged).statusCode()).isEqualTo(401);

    // No signature at all.
    String unsigned = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
    assertThat(get("/api/orders", unsigned).statusCode()).isEqualTo(401);

    // A genuine token of another realm of the same Keycloak, with the same claims.
    String realm = "elsewhere-" + UUID.randomUUID().toString().substring(0, 8);
    admin.createRealm(
        new JsonObject()
            .put("realm", realm)
            .put("enabled", true)
            .put(
                "roles",
                new JsonObject()
                    .put("realm", new JsonArray().add(new JsonObject().put("name", "operator")))));
    admin.createClient(realm, shortLivedClient("elsewhere-cli", 300));
    String outsider = "outsider";
    admin.createUser(realm, person(outsider, List.of("operator")));
    String foreign = admin.passwordGrant(realm, "elsewhere-cli", outsider, PASSWORD);
    assertThat(claims(foreign).getJsonArray("roles")).contains("operator");
    assertThat(claims(foreign).getValue("aud").toString()).contains(LocalKeycloak.AUDIENCE);
    assertThat(get("/api/orders", foreign).statusCode()).isEqualTo(401);
  }

  @Test
  void a_removed_member_keeps_access_only_until_its_token_expires() {
    String packer = "packer-" + UUID.randomUUID().toString().substring(0, 8);
    String id =
        admin.createUser(
            LocalKeycloak.REALM,
            person(packer, List.of("cooperative"))
                .put(
                    "attributes",
                    new JsonObject().put("coop", new JsonArray().add(TIFAOUINE.toString()))));
    String token = admin.passwordGrant(LocalKeycloak.REALM, testClient(), packer, PASSWORD);
    String orders = "/api/cooperatives/" + TIFAOUINE + "/orders";
    assertThat(get(orders, token).statusCode()).isEqualTo(200);
    // A member who is not the manager works orders, but neither sets stock nor reads the money.
    HttpResponse<Buffer> stock =
        await(
            http.put("/api/catalog/products/" + ARGAN_OIL + "/stock")
                .bearerTokenAuthentication(token)
                .sendJsonObject(new JsonObject().put("onHand", 1)),
            10);
    assertThat(stock.statusCode()).isEqualTo(403);
    assertThat(get("/api/payments/cooperatives/" + TIFAOUINE + "/earnings", token).statusCode())
        .isEqualTo(403);

    admin.deleteUser(LocalKeycloak.REALM, id);
    // Services verify tokens without asking Keycloak: access ends with the (short) token's life.
    long expiresAt = claims(token).getLong("exp");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> get(orders, token).statusCode() == 401);
    assertThat(System.currentTimeMillis() / 1000).isGreaterThanOrEqualTo(expiresAt);
  }

  @Test
  void with_keycloak_out_of_reach_services_keep_verifying_with_the_keys_they_hold()
      throws Exception {
    String manager = platform.token(Role.COOPERATIVE);
    ProcessHandle server = ProcessHandle.of(keycloak.pid()).orElseThrow();
    signal("STOP", server);
    try {
      assertThat(get("/api/cooperatives/" + TIFAOUINE + "/orders", manager).statusCode())
          .isEqualTo(200);
    } finally {
      signal("CONT", server);
    }
  }

  @Test
  void keycloak_killed_is_started_again_with_its_accounts() throws Exception {
    String member = "survivor-" + UUID.randomUUID().toString().substring(0, 8);
    admin.createUser(LocalKeycloak.REALM, person(member, List.of()));
    long killed = keycloak.pid();
    signal("KILL", ProcessHandle.of(killed).orElseThrow());

    await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                keycloak.pid() != killed
                    && get("/auth/realms/tadamon/.well-known/openid-configuration", null)
                            .statusCode()
                        == 200);
    // Its data was kept: the account made before signs in, and its token is honoured.
    String token = admin.passwordGrant(LocalKeycloak.REALM, testClient(), member, PASSWORD);
    assertThat(get("/api/orders/mine", token).statusCode()).isEqualTo(200);
  }

  private static final String PASSWORD = "a-test-password-1";
  private static String testClientId;

  /** A client of this test's own, tokens living 5 seconds: expiry is what a test waits for. */
  private static synchronized String testClient() {
    if (testClientId == null) {
      testClientId = "test-short-lived";
      JsonObject client = shortLivedClient(testClientId, 5);
      client.put(
          "protocolMappers",
          admin.client(LocalKeycloak.REALM, "tadamon-web").getJsonArray("protocolMappers").stream()
              .map(mapper -> ((JsonObject) mapper).copy())
              .peek(mapper -> mapper.remove("id"))
              .collect(JsonArray::new, JsonArray::add, JsonArray::addAll));
      admin.createClient(LocalKeycloak.REALM, client);
    }
    return testClientId;
  }

  /** Keycloak's reason for refusing a password grant (there is no token to return). */
  private static String tokenRefusal(String username, String password) {
    try {
      admin.passwordGrant(LocalKeycloak.REALM, testClient(), username, password);
      return "granted";
    } catch (InfrastructureException refused) {
      return refused.getMessage();
    }
  }

  private static JsonObject shortLivedClient(String clientId, int lifespanSeconds) {
    return new JsonObject()
        .put("clientId", clientId)
        .put("publicClient", true)
        .put("standardFlowEnabled", false)
        .put("directAccessGrantsEnabled", true)
        .put(
            "attributes",
            new JsonObject().put("access.token.lifespan", String.valueOf(lifespanSeconds)))
        .put(
            "protocolMappers",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("name", "roles")
                        .put("protocol", "openid-connect")
                        .put("protocolMapper", "oidc-usermodel-realm-role-mapper")
                        .put(
                            "config",
                            new JsonObject()
                                .put("claim.name", "roles")
                                .put("multivalued", "true")
                                .put("access.token.claim", "true")))
                .add(
                    new JsonObject()
                        .put("name", "audience")
                        .put("protocol", "openid-connect")
                        .put("protocolMapper", "oidc-audience-mapper")
                        .put(
                            "config",
                            new JsonObject()
                                .put("included.custom.audience", LocalKeycloak.AUDIENCE)
                                .put("access.token.claim", "true"))));
  }

  private static JsonObject person(String username, List<String> roles) {
    return KeycloakAdmin.person(username, PASSWORD, roles.toArray(String[]::new));
  }

  private static String place(String token, String city) {
    JsonObject body =
        new JsonObject()
            .put(
                "lines",
                new JsonArray()
                    .add(
                        new JsonObject().put("productId", ARGAN_OIL.toString()).put("quantity", 1)))
            .put(
                "contact",
                new JsonObject().put("name", "Salma Idrissi").put("phone", "+212661234567"))
            .put(
                "shippingAddress",
                new JsonObject()
                    .put("line1", "12 rue Tarik")
                    .put("city", city)
                    .put("region", "souss-massa"))
            .put("paymentMethod", "CASH_ON_DELIVERY")
            .put("language", "fr");
    var request =
        http.post("/api/orders").putHeader("Idempotency-Key", "sign-in-" + UUID.randomUUID());
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    HttpResponse<Buffer> placed = await(request.sendJsonObject(body), 10);
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    return placed.bodyAsJsonObject().getString("id");
  }

  /** A new cooperative registered and verified by an operator, with a seller's return address. */
  private static UUID registerAndVerify(String operator, String phone, String email) {
    JsonObject registration =
        new JsonObject()
            .put(
                "name",
                new JsonObject()
                    .put("fr", "Coopérative Imilchil des tapis")
                    .put("ar", "تعاونية إملشيل للزرابي"))
            .put("story", new JsonObject().put("fr", "Des tisserandes du Haut Atlas."))
            .put("region", "draa-tafilalet")
            .put("city", new JsonObject().put("fr", "Imilchil"))
            .put("phone", phone)
            .put("email", email)
            .put("registrationNumber", "ODCO-DT-" + randomDigits(8))
            .put("foundedYear", 2014)
            .put("members", 31)
            .put("womenLed", true)
            .put("preferredLanguage", "fr")
            .put(
                "notificationChannels",
                email == null
                    ? new JsonArray().add("sms")
                    : new JsonArray().add("sms").add("email"))
            .put("seller", new JsonObject().put("returnAddress", "Coopérative Imilchil, Imilchil"));
    HttpResponse<Buffer> registered =
        await(
            http.post("/api/catalog/cooperatives")
                .bearerTokenAuthentication(operator)
                .sendJsonObject(registration),
            10);
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    UUID id = UUID.fromString(registered.bodyAsJsonObject().getString("id"));
    assertThat(verify(operator, id)).isEqualTo(200);
    return id;
  }

  private static int verify(String operator, UUID cooperative) {
    return await(
            http.post("/api/catalog/cooperatives/" + cooperative + "/verify")
                .bearerTokenAuthentication(operator)
                .send(),
            10)
        .statusCode();
  }

  private static String randomDigits(int count) {
    StringBuilder digits = new StringBuilder();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < count; i++) {
      digits.append(random.nextInt(10));
    }
    return digits.toString();
  }

  private static JsonObject post(String path, JsonObject body) {
    HttpResponse<Buffer> answer = await(http.post(path).sendJsonObject(body), 10);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    return answer.bodyAsJsonObject();
  }

  private static int postStatus(String path, JsonObject body) {
    return await(http.post(path).sendJsonObject(body), 10).statusCode();
  }

  private static HttpResponse<Buffer> get(String path, String token) {
    var request = http.get(path);
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.send(), 10);
  }

  private static JsonObject claims(String token) {
    return new JsonObject(
        new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static String encode(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  /** What order-service wrote: the count a query without parameters gives. */
  private static long count(String sql) {
    return PlatformDatabase.count(database.orders(), sql);
  }

  private static void signal(String signal, ProcessHandle process) throws Exception {
    new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }
}
