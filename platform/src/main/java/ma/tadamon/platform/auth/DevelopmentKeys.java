package ma.tadamon.platform.auth;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.nio.charset.StandardCharsets;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * An ES256 key pair for development and tests, and the tokens it signs. Production tokens come from
 * an identity provider; the services only ever see the public half.
 */
public final class DevelopmentKeys {

  private final String privateKeyPem;
  private final String publicKeyPem;

  private DevelopmentKeys(String privateKeyPem, String publicKeyPem) {
    this.privateKeyPem = privateKeyPem;
    this.publicKeyPem = publicKeyPem;
  }

  public static DevelopmentKeys generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      return new DevelopmentKeys(
          pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("every Java 17 runtime has EC P-256", e);
    }
  }

  public static DevelopmentKeys of(String privateKeyPem, String publicKeyPem) {
    return new DevelopmentKeys(privateKeyPem, publicKeyPem);
  }

  public String privateKeyPem() {
    return privateKeyPem;
  }

  public String publicKeyPem() {
    return publicKeyPem;
  }

  /**
   * A signed token for {@code subject} with {@code role}, and for a cooperative its {@code coop}
   * claim. A cooperative's token speaks for its manager, as the realm's {@code cooperative-manager}
   * role does (it includes {@code cooperative}).
   */
  public String token(Vertx vertx, String subject, Role role, UUID cooperative, int validMinutes) {
    JWTAuth signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(privateKeyPem)));
    List<String> roles =
        role == Role.COOPERATIVE
            ? List.of(role.claim(), Role.COOPERATIVE_MANAGER.claim())
            : List.of(role.claim());
    JsonObject claims = new JsonObject().put("roles", new JsonArray(roles));
    if (cooperative != null) {
      claims.put("coop", cooperative.toString());
    }
    return signer.generateToken(
        claims,
        new JWTOptions()
            .setAlgorithm("ES256")
            .setIssuer("tadamon")
            .setSubject(subject)
            .setExpiresInMinutes(validMinutes));
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
