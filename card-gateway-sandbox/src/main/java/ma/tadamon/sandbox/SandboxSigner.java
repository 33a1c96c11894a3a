package ma.tadamon.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The gateway's side of the protocol's signature, written from docs/payments.md rather than shared
 * with payment-service, the way an acquirer's own implementation would be: a misreading of the
 * protocol on either side fails the tests instead of agreeing with itself.
 */
final class SandboxSigner {

  private static final Comparator<String> FIELD_ORDER =
      String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

  private final byte[] secret;

  SandboxSigner(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  String sign(Map<String, String> fields) {
    List<String> names = new ArrayList<>(fields.keySet());
    names.removeIf("hash"::equalsIgnoreCase);
    names.sort(FIELD_ORDER);
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      if (text.length() > 0) {
        text.append('|');
      }
      text.append(name).append('=');
      for (char c : fields.get(name).toCharArray()) {
        if (c == '\\' || c == '|') {
          text.append('\\');
        }
        text.append(c);
      }
    }
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return Base64.getEncoder()
          .encodeToString(hmac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }

  boolean isSigned(Map<String, String> fields) {
    String hash = fields.get("hash");
    return hash != null
        && MessageDigest.isEqual(
            hash.getBytes(StandardCharsets.UTF_8), sign(fields).getBytes(StandardCharsets.UTF_8));
  }
}
