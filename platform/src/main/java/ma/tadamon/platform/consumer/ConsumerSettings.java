package ma.tadamon.platform.consumer;

import ma.tadamon.platform.config.Settings;

/**
 * How a consumer applies what it polls: up to {@code batchSize} records of a partition in one
 * transaction, and the retry policy of a record applied alone before it goes to the dead-letter
 * topic.
 */
public record ConsumerSettings(
    int maxAttempts, long firstBackoffMillis, long maxBackoffMillis, int batchSize) {

  public ConsumerSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("CONSUMER_BATCH_SIZE must be at least 1");
    }
  }

  public static ConsumerSettings from(Settings settings) {
    return new ConsumerSettings(
        settings.getInt("CONSUMER_MAX_ATTEMPTS", 5),
        settings.getLong("CONSUMER_FIRST_BACKOFF_MS", 200),
        settings.getLong("CONSUMER_MAX_BACKOFF_MS", 5_000),
        settings.getInt("CONSUMER_BATCH_SIZE", 50));
  }

  long backoffBefore(int attempt) {
    long backoff = firstBackoffMillis << Math.min(attempt - 2, 20);
    return Math.min(backoff, maxBackoffMillis);
  }
}
