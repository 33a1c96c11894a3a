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

  private static final int LINK_KEY_LENGTH = 12;

  private final SecretKeySpec key;

  public AccessTokens(String secret) {
    if (secret.length() < 32) {
      throw new IllegalArgumentException(
          "the access token secret must have at least 32 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String tokenFor(UUID orderId) {
    return mac(orderId.toString());
  }

  /**
   * The key of the order's short link ({@code /s/{code}-{key}}), short enough for an SMS: 12
   * characters, 72 bits of an HMAC under the same secret but another message, so it reveals nothing
   * of the token it leads to, and 2^72 tries are beyond anyone's reach over HTTP.
   */
  public String linkKeyFor(UUID orderId) {
    return mac("short-link:" + orderId).substring(0, LINK_KEY_LENGTH);
  }

  /** The path of the order's short link, which opens its page as the token does. */
  public String linkFor(UUID orderId, String code) {
    return "/s/" + code + "-" + linkKeyFor(orderId);
  }

  /** Constant-time, like {@link #grants}. */
  public boolean opens(String linkKey, UUID orderId) {
    return linkKey != null
        && MessageDigest.isEqual(
            linkKeyFor(orderId).getBytes(StandardCharsets.UTF_8),
            linkKey.getBytes(StandardCharsets.UTF_8));
  }

  private String mac(String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
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

  /** The token's digest and the short link, as the saga announces them. */
  public ShopperAccess accessFor(UUID orderId, String code) {
    return new ShopperAccess(digestFor(orderId), linkFor(orderId, code));
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
