package ma.tadamon.notification.phone;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.config.Settings;

/**
 * The numbers Tadamon sends SMS to: Moroccan mobiles (+212 6…, +212 7…) by default, and the
 * prefixes an operator adds (SMS_ALLOWED_PREFIXES, e.g. "+33" for shoppers in France). Premium-rate
 * and landline numbers, where "SMS pumping" makes money for whoever triggers the sending, are never
 * in the default.
 */
public final class SmsDestinations {

  private static final Pattern MOROCCAN_MOBILE = Pattern.compile("\\+212[67][0-9]{8}");
  private static final Pattern PREFIX = Pattern.compile("\\+[1-9][0-9]{0,6}");
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");

  private final List<String> prefixes;

  /** {@code prefixes}: the destinations allowed besides Moroccan mobiles. */
  public SmsDestinations(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
  }

  public static SmsDestinations from(Settings settings) {
    List<String> extra =
        settings
            .optional("SMS_ALLOWED_PREFIXES")
            .map(value -> Arrays.stream(value.split(",")).map(String::trim).toList())
            .orElse(List.of());
    for (String prefix : extra) {
      if (!PREFIX.matcher(prefix).matches()) {
        throw new ConfigurationException(
            "SMS_ALLOWED_PREFIXES must be prefixes such as '+33,+34', not '" + prefix + "'");
      }
    }
    return new SmsDestinations(extra);
  }

  public boolean allows(String phone) {
    if (phone == null) {
      return false;
    }
    return MOROCCAN_MOBILE.matcher(phone).matches()
        || E164.matcher(phone).matches() && prefixes.stream().anyMatch(phone::startsWith);
  }
}
