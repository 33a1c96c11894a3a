package ma.tadamon.sandbox;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The acquirer's side of CMI's "ver3" hash, written from docs/payments.md rather than shared with
 * payment-service, the way an acquirer's own implementation would be: a misreading of the protocol
 * on either side fails the tests instead of agreeing with itself. Parameter names are put in
 * natural, case-insensitive order by splitting them into runs of letters and of digits.
 */
final class SandboxSigner {

  private static final Pattern RUNS = Pattern.compile("\\d+|\\D+");

  private final String storeKey;

  SandboxSigner(String storeKey) {
    this.storeKey = storeKey;
  }

  /** The hash of every parameter but hash/HASH and encoding. */
  String sign(Map<String, String> parameters) {
    List<String> names = new ArrayList<>();
    parameters
        .keySet()
        .forEach(
            name -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!lower.equals("hash") && !lower.equals("encoding")) {
                names.add(name);
              }
            });
    names.sort(SandboxSigner::natural);
    List<String> values = new ArrayList<>();
    for (String name : names) {
      values.add(escaped(parameters.get(name).strip()));
    }
    values.add(escaped(storeKey));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-512")
              .digest(String.join("|", values).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-512 is in every Java runtime", e);
    }
  }

  /** Whether the merchant's request carries the hash of its own parameters. */
  boolean isSigned(Map<String, String> parameters) {
    String hash = parameters.get("hash");
    return hash != null
        && MessageDigest.isEqual(
            hash.getBytes(StandardCharsets.UTF_8),
            sign(parameters).getBytes(StandardCharsets.UTF_8));
  }

  private static String escaped(String value) {
    StringBuilder out = new StringBuilder();
    for (char c : value.toCharArray()) {
      if (c == '\\' || c == '|') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  private static int natural(String a, String b) {
    List<String> left = runs(a);
    List<String> right = runs(b);
    for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
      String x = left.get(i);
      String y = right.get(i);
      int order =
          Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))
              ? new BigInteger(x).compareTo(new BigInteger(y))
              : x.compareToIgnoreCase(y);
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(left.size(), right.size());
  }

  private static List<String> runs(String name) {
    List<String> runs = new ArrayList<>();
    Matcher matcher = RUNS.matcher(name);
    while (matcher.find()) {
      runs.add(matcher.group());
    }
    return runs;
  }
}
