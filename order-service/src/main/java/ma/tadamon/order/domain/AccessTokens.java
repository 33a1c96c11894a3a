package ma.tadamon.order.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ma.tadamon.platform.auth.TokenDigest;

/**
 * Unguessable tracking tokens for guest orders: an HMAC of the order id under a server secret.
 * Nothing is stored, the same order always gets the same token (a retried checkout returns it
 * again), and a token cannot be forged without the secret.
 */
public final class AccessTokens {

  private final SecretKeySpec key;

  public AccessTokens(String secret) {
    if (secret.length() < 32) {
      throw new IllegalArgumentException(
          "the access token secret must have at least 32 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String tokenFor(UUID orderId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(orderId.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }

  /**
   * The SHA-256 of the order's token, announced to other services (payment-service checks a
   * shopper's token against it): it proves a presented token without revealing it or the secret.
   */
  public String digestFor(UUID orderId) {
    return TokenDigest.of(tokenFor(orderId));
  }

  /** Constant-time, so response timing reveals nothing about a guessed token. */
  public boolean grants(String token, UUID orderId) {
    if (token == null) {
      return false;
    }
    return MessageDigest.isEqual(
        tokenFor(orderId).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
  }
}
