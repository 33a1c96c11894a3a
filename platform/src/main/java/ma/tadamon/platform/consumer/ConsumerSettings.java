package ma.tadamon.platform.consumer;

import ma.tadamon.platform.config.Settings;

/** Retry policy of a consumer before an event goes to the dead-letter topic. */
public record ConsumerSettings(int maxAttempts, long firstBackoffMillis, long maxBackoffMillis) {

  public static ConsumerSettings from(Settings settings) {
    return new ConsumerSettings(
        settings.getInt("CONSUMER_MAX_ATTEMPTS", 5),
        settings.getLong("CONSUMER_FIRST_BACKOFF_MS", 200),
        settings.getLong("CONSUMER_MAX_BACKOFF_MS", 5_000));
  }

  long backoffBefore(int attempt) {
    long backoff = firstBackoffMillis << Math.min(attempt - 2, 20);
    return Math.min(backoff, maxBackoffMillis);
  }
}
