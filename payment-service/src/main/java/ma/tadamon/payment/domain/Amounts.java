package ma.tadamon.payment.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Centimes and the decimal dirham amounts gateways write ("265.00"), converted without floating
 * point.
 */
public final class Amounts {

  private static final Pattern DECIMAL = Pattern.compile("(0|[1-9][0-9]{0,12})\\.([0-9]{2})");

  private Amounts() {}

  public static String decimal(long centimes) {
    if (centimes < 0) {
      throw new IllegalArgumentException("a gateway amount is never negative: " + centimes);
    }
    return (centimes / 100) + "." + String.format("%02d", centimes % 100);
  }

  /**
   * The centimes a gateway's "265.00" stands for; empty for anything else ("265", "265.5", "-1.00",
   * "1e3").
   */
  public static Optional<Long> centimes(String decimal) {
    if (decimal == null) {
      return Optional.empty();
    }
    var match = DECIMAL.matcher(decimal);
    if (!match.matches()) {
      return Optional.empty();
    }
    return Optional.of(Long.parseLong(match.group(1)) * 100 + Long.parseLong(match.group(2)));
  }
}
