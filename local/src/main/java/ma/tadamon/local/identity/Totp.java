package ma.tadamon.local.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time codes (RFC 6238: HMAC-SHA1, 6 digits, 30 s), as Keycloak's realm policy and
 * any authenticator app compute them. Keycloak keys its HMAC with the UTF-8 bytes of the secret it
 * stores, and shows authenticator apps those bytes in base32: {@link #appKey} is that key.
 */
public final class Totp {

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  /** The code valid at {@code now} for a secret as Keycloak stores it. */
  public static String code(String secret, Instant now) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(now.getEpochSecond() / 30).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ByteBuffer.wrap(hash, offset, 4).getInt() & 0x7fffffff;
      return String.format("%06d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
    }
  }

  /** The key to type into an authenticator app for a secret as Keycloak stores it. */
  public static String appKey(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    StringBuilder key = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        key.append(BASE32.charAt((buffer >> (bits - 5)) & 0x1f));
        bits -= 5;
      }
    }
    if (bits > 0) {
      key.append(BASE32.charAt((buffer << (5 - bits)) & 0x1f));
    }
    return key.toString();
  }
}
