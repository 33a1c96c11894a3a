package ma.tadamon.platform.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The digest of a shopper's order tracking token as the services exchange it (SHA-256, base64url
 * without padding): order-service announces it, payment-service checks presented tokens against it,
 * and neither the token nor the secret that makes it leaves order-service.
 */
public final class TokenDigest {

  private TokenDigest() {}

  public static String of(String token) {
    try {
      byte[] sha =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is in every Java runtime", e);
    }
  }

  /** Whether {@code token} is the one {@code digest} was made from; constant-time. */
  public static boolean matches(String token, String digest) {
    if (token == null || digest == null) {
      return false;
    }
    return MessageDigest.isEqual(
        of(token.trim()).getBytes(StandardCharsets.US_ASCII),
        digest.getBytes(StandardCharsets.US_ASCII));
  }
}
