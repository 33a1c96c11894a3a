package ma.tadamon.notification.marketing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The link at the foot of every e-mail to a shopper that stops Tadamon's news for that address.
 * Signed (HMAC-SHA256 of the address, under a key of its own derived from the service's secret), so
 * nobody unsubscribes an address they only guessed.
 */
public final class UnsubscribeLinks {

  private final byte[] key;
  private final String baseUrl;

  public UnsubscribeLinks(String secret, String baseUrl) {
    this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), "tadamon:unsubscribe-key");
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  public String linkFor(String email) {
    String address = normalized(email);
    return baseUrl
        + "/api/notifications/unsubscribe?email="
        + URLEncoder.encode(address, StandardCharsets.UTF_8)
        + "&token="
        + token(address);
  }

  public boolean valid(String email, String token) {
    if (email == null || token == null) {
      return false;
    }
    return MessageDigest.isEqual(
        token(normalized(email)).getBytes(StandardCharsets.US_ASCII),
        token.getBytes(StandardCharsets.US_ASCII));
  }

  public static String normalized(String email) {
    return email.strip().toLowerCase(Locale.ROOT);
  }

  private String token(String address) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, address));
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }
}
