package ma.tadamon.notification.domain;

import java.util.Locale;
import java.util.Optional;

/** How a message travels. */
public enum Channel {
  SMS,
  EMAIL,
  WEBHOOK;

  public static Optional<Channel> fromSetting(String value) {
    try {
      return Optional.of(valueOf(value.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
