package ma.tadamon.payment.gateway;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * CMI's "ver3" hash, which signs the hosted page's request and the acquirer's callback alike: every
 * parameter but {@code hash} and {@code encoding}, in natural case-insensitive order of their
 * names; each value trimmed, with {@code \} written {@code \\} and {@code |} written {@code \|};
 * the values joined by {@code |}, then {@code |} and the store key escaped the same way; SHA-512 of
 * that UTF-8 text, base64 of the 64-byte digest. No names in the text, no HMAC.
 */
public final class Ver3Hash {

  /** The request's hash parameter; the callback sends it as {@code HASH}. */
  public static final String FIELD = "hash";

  /** Names compared as people read them: case aside, and "Street2" before "Street12". */
  static final Comparator<String> NATURAL_CASE_INSENSITIVE = Ver3Hash::compareNaturally;

  private final String storeKey;

  public Ver3Hash(String storeKey) {
    if (storeKey.isBlank()) {
      throw new IllegalArgumentException("a store key is required");
    }
    this.storeKey = storeKey;
  }

  public String sign(Map<String, String> parameters) {
    List<String> names = new ArrayList<>();
    for (String name : parameters.keySet()) {
      if (!name.equalsIgnoreCase(FIELD) && !name.equalsIgnoreCase("encoding")) {
        names.add(name);
      }
    }
    names.sort(NATURAL_CASE_INSENSITIVE);
    StringBuilder text = new StringBuilder();
    for (String name : names) {
      String value = parameters.get(name);
      text.append(escape(value == null ? "" : value.trim())).append('|');
    }
    text.append(escape(storeKey));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-512")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-512 is in every Java runtime", e);
    }
  }

  /**
   * Whether the parameters carry their own hash (under {@code HASH} or {@code hash}), compared in
   * constant time; false when there is none.
   */
  public boolean verifies(Map<String, String> parameters) {
    String presented = null;
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (parameter.getKey().equalsIgnoreCase(FIELD)) {
        presented = parameter.getValue();
      }
    }
    if (presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        sign(parameters).getBytes(StandardCharsets.US_ASCII),
        presented.trim().getBytes(StandardCharsets.US_ASCII));
  }

  private static String escape(String value) {
    return value.replace("\\", "\\\\").replace("|", "\\|");
  }

  /** Runs of digits compare as numbers, everything else case-insensitively. */
  private static int compareNaturally(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char x = a.charAt(i);
      char y = b.charAt(j);
      if (Character.isDigit(x) && Character.isDigit(y)) {
        int endA = i;
        while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
          endA++;
        }
        int endB = j;
        while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
          endB++;
        }
        String digitsA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
        String digitsB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
        int byLength = Integer.compare(digitsA.length(), digitsB.length());
        if (byLength != 0) {
          return byLength;
        }
        int byValue = digitsA.compareTo(digitsB);
        if (byValue != 0) {
          return byValue;
        }
        i = endA;
        j = endB;
      } else {
        int byLetter = Character.compare(Character.toLowerCase(x), Character.toLowerCase(y));
        if (byLetter != 0) {
          return byLetter;
        }
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
