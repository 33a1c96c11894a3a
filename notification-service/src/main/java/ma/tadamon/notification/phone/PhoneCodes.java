package ma.tadamon.notification.phone;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time codes that prove a phone: six random digits, kept only as an HMAC keyed by a secret of
 * this service and bound to the order, so that the table alone (a backup, a copy) tells nothing: a
 * million guesses need the key.
 */
public final class PhoneCodes {

  private static final Pattern SIX_DIGITS = Pattern.compile("\\d{6}");
  private static final Pattern A_CODE_IN_TEXT = Pattern.compile("(?<!\\d)\\d{6}(?!\\d)");
  private static final String MASK = "······";

  private final SecureRandom random = new SecureRandom();
  private final byte[] secret;

  public PhoneCodes(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("the phone code secret needs at least 32 characters");
    }
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** A new code: six digits, every one as likely. */
  public String newCode() {
    return String.format("%06d", random.nextInt(1_000_000));
  }

  public String hash(UUID orderId, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((orderId + ":" + code).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }

  /** Whether {@code typed} is the code {@code hash} was made from; constant-time. */
  public boolean matches(UUID orderId, String typed, String hash) {
    return MessageDigest.isEqual(
        hash(orderId, typed.trim()).getBytes(StandardCharsets.US_ASCII),
        hash.getBytes(StandardCharsets.US_ASCII));
  }

  public static boolean looksLikeACode(String text) {
    return text != null && SIX_DIGITS.matcher(text.trim()).matches();
  }

  /**
   * {@code text} with its code masked, what a code's SMS keeps once the code is spent: every
   * six-digit number but the order's own code.
   */
  public static String masked(String text, String orderCode) {
    return A_CODE_IN_TEXT
        .matcher(text)
        .replaceAll(found -> found.group().equals(orderCode) ? found.group() : MASK);
  }
}
