package ma.tadamon.platform.config;

/** A setting is missing or malformed; the message names it. */
public final class ConfigurationException extends RuntimeException {

  public ConfigurationException(String message) {
    super(message);
  }
}
