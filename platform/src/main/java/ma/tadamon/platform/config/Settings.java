package ma.tadamon.platform.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A service's configuration: environment variables with defaults, twelve-factor style. Overrides
 * (used when several services share one JVM, as in the local platform and the tests) win over the
 * environment.
 */
public final class Settings {

  private final Map<String, String> values;

  private Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  public static Settings of(Map<String, String> values) {
    return new Settings(values);
  }

  /** These settings with some values replaced or added. */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(values);
    merged.putAll(overrides);
    return new Settings(merged);
  }

  public String get(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  public Optional<String> optional(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  public String required(String name) {
    return optional(name).orElseThrow(() -> new ConfigurationException(name + " must be set"));
  }

  public int getInt(String name, int defaultValue) {
    return optional(name).map(value -> parseInt(name, value)).orElse(defaultValue);
  }

  public long getLong(String name, long defaultValue) {
    return optional(name).map(value -> parseLong(name, value)).orElse(defaultValue);
  }

  public boolean getBoolean(String name, boolean defaultValue) {
    return optional(name).map(Boolean::parseBoolean).orElse(defaultValue);
  }

  /** The raw values, for handing down to a child process or a nested service. */
  public Map<String, String> asMap() {
    return values;
  }

  private static int parseInt(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name + " must be a whole number, not '" + value + "'");
    }
  }

  private static long parseLong(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new ConfigurationException(name + " must be a whole number, not '" + value + "'");
    }
  }
}
