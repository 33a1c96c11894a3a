package ma.tadamon.platform.auth;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import ma.tadamon.platform.config.Settings;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An identity provider's key set as a service follows it: a new signing key is picked up at the
 * first token that names it, and a key the provider no longer publishes is no longer trusted.
 */
class KeySetTest {

  private Vertx vertx;
  private WebClient http;
  private final AtomicReference<JsonArray> published = new AtomicReference<>();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    await(vertx.close(), 10);
  }

  @Test
  void a_rotated_key_is_followed_without_a_restart_and_the_old_one_dropped() throws Exception {
    DevelopmentKeys first = DevelopmentKeys.generate();
    DevelopmentKeys second = DevelopmentKeys.generate();
    published.set(new JsonArray().add(jwk(first, "key-1")));
    int jwks = serveKeySet();
    int service =
        ProtectedEndpoint.serve(
            vertx,
            Settings.of(
                Map.of(
                    "JWT_JWKS_URL",
                    "http://localhost:" + jwks + "/certs",
                    "JWT_JWKS_REFRESH_SECONDS",
                    "3600")));
    String before = token(first, "key-1");
    Awaitility.await().until(() -> status(service, before) == 200);

    // The provider rotates: it now publishes only the second key.
    published.set(new JsonArray().add(jwk(second, "key-2")));
    assertThat(status(service, token(second, "key-2"))).isEqualTo(200);
    assertThat(status(service, before)).as("no longer published, no longer trusted").isEqualTo(401);
  }

  private int serveKeySet() {
    Router router = Router.router(vertx);
    router.get("/certs").handler(ctx -> ctx.json(new JsonObject().put("keys", published.get())));
    return await(vertx.createHttpServer().requestHandler(router).listen(0), 10).actualPort();
  }

  private String token(DevelopmentKeys keys, String keyId) {
    JWTAuth signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions()
                        .setAlgorithm("ES256")
                        .setId(keyId)
                        .setBuffer(keys.privateKeyPem())));
    return signer.generateToken(
        new JsonObject().put("roles", new JsonArray(List.of("operator"))),
        new JWTOptions().setAlgorithm("ES256").setIssuer("tadamon").setExpiresInMinutes(5));
  }

  private int status(int port, String token) {
    return ProtectedEndpoint.status(http, port, token);
  }

  /** The public key as its JWK, as an identity provider publishes it. */
  private static JsonObject jwk(DevelopmentKeys keys, String keyId) throws Exception {
    String pem = keys.publicKeyPem().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    ECPublicKey key =
        (ECPublicKey)
            KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
    return new JsonObject()
        .put("kty", "EC")
        .put("crv", "P-256")
        .put("use", "sig")
        .put("alg", "ES256")
        .put("kid", keyId)
        .put("x", coordinate(key.getW().getAffineX()))
        .put("y", coordinate(key.getW().getAffineY()));
  }

  private static String coordinate(BigInteger value) {
    byte[] bytes = value.toByteArray();
    byte[] fixed = new byte[32];
    int from = Math.max(0, bytes.length - 32);
    System.arraycopy(bytes, from, fixed, 32 - (bytes.length - from), bytes.length - from);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }
}
