package ma.tadamon.platform.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.config.Settings;

/**
 * A limit on how often one subject (a client's address, a phone number, a product) may do one
 * thing: at most {@code count} per {@code period} for each of its rates, refilled continuously, so
 * "5/10m,20/1d" allows a burst of five, one more every two minutes, and twenty a day. A {@code
 * windowed} limit is a budget instead: refilled whole at the end of each period, so that what is
 * used of it is what was used in the period. No rates means unlimited.
 */
public record RateLimit(String name, List<Rate> rates, boolean windowed) {

  /** At most {@code count} in any {@code period}. */
  public record Rate(long count, Duration period) {

    public Rate {
      if (count < 1 || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("a rate allows at least one per positive period");
      }
    }

    @Override
    public String toString() {
      return count + "/" + period;
    }
  }

  private static final Pattern RATE = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)\\s*([smhd])");

  public RateLimit {
    rates = List.copyOf(rates);
  }

  public RateLimit(String name, List<Rate> rates) {
    this(name, rates, false);
  }

  /** The same rates as a budget, refilled whole at the end of each period. */
  public RateLimit asBudget() {
    return new RateLimit(name, rates, true);
  }

  public boolean unlimited() {
    return rates.isEmpty();
  }

  /**
   * The limit set by {@code setting} (e.g. {@code RATE_LIMIT_CHECKOUT_PER_ADDRESS=30/10m,200/1d},
   * or {@code off}), else {@code defaults}.
   */
  public static RateLimit fromSettings(
      Settings settings, String setting, String name, String defaults) {
    String value = settings.get(setting, defaults);
    try {
      return parse(name, value);
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          setting
              + " must be rates such as '30/10m,200/1d' (s, m, h, d) or 'off', not '"
              + value
              + "'");
    }
  }

  static RateLimit parse(String name, String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.equals("off")) {
      return new RateLimit(name, List.of());
    }
    List<Rate> rates = new ArrayList<>();
    for (String part : text.split(",")) {
      Matcher rate = RATE.matcher(part.trim());
      if (!rate.matches()) {
        throw new IllegalArgumentException(part);
      }
      long amount = Long.parseLong(rate.group(2));
      Duration period =
          switch (rate.group(3)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
      rates.add(new Rate(Long.parseLong(rate.group(1)), period));
    }
    return new RateLimit(name, rates);
  }
}
