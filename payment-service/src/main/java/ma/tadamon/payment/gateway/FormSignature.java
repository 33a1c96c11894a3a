package ma.tadamon.payment.gateway;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway protocol's signature (docs/payments.md): every field but {@code hash}, in
 * case-insensitive alphabetical order of their names, written {@code name=value} with {@code \} and
 * {@code |} in values escaped by a backslash, joined by {@code |}; HMAC-SHA256 of that text under
 * the merchant's secret, base64-encoded.
 */
public final class FormSignature {

  public static final String FIELD = "hash";

  private final SecretKeySpec key;

  public FormSignature(String secret) {
    if (secret.length() < 32) {
      throw new IllegalArgumentException("a gateway secret has at least 32 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String sign(Map<String, String> fields) {
    String text =
        fields.entrySet().stream()
            .filter(field -> !field.getKey().equalsIgnoreCase(FIELD))
            .sorted(
                Map.Entry.comparingByKey(
                    String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder())))
            .map(field -> field.getKey() + "=" + escape(field.getValue()))
            .collect(Collectors.joining("|"));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }

  /**
   * Constant-time comparison of the fields' {@code hash} with their signature; false when it is
   * missing.
   */
  public boolean verifies(Map<String, String> fields) {
    String presented = fields.get(FIELD);
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(fields).getBytes(StandardCharsets.US_ASCII),
        presented.getBytes(StandardCharsets.US_ASCII));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("|", "\\|");
  }
}
