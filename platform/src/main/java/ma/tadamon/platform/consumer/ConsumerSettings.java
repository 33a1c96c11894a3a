package ma.tadamon.platform.consumer;

import java.time.Duration;
import ma.tadamon.platform.config.Settings;

/**
 * How a consumer applies what it polls: up to {@code batchSize} records of a partition in one
 * transaction, the retry policy of a record applied alone before it goes to the dead-letter topic,
 * how often at most it tells Kafka how far it has applied ({@code commitInterval}; zero: after
 * every batch), and how long it keeps the marks of the events it has applied ({@code
 * processedRetention}): longer than Kafka keeps the topics it reads, or an event read again after
 * its mark was purged would be applied twice.
 */
public record ConsumerSettings(
    int maxAttempts,
    long firstBackoffMillis,
    long maxBackoffMillis,
    int batchSize,
    Duration commitInterval,
    Duration processedRetention) {

  public ConsumerSettings {
    if (batchSize < 1) {
      throw new IllegalArgumentException("CONSUMER_BATCH_SIZE must be at least 1");
    }
    if (commitInterval.isNegative()) {
      throw new IllegalArgumentException("CONSUMER_COMMIT_INTERVAL_MS must not be negative");
    }
    if (processedRetention.compareTo(Duration.ofDays(1)) < 0) {
      throw new IllegalArgumentException("CONSUMER_PROCESSED_RETENTION_DAYS must be at least 1");
    }
  }

  public static ConsumerSettings from(Settings settings) {
    return new ConsumerSettings(
        settings.getInt("CONSUMER_MAX_ATTEMPTS", 5),
        settings.getLong("CONSUMER_FIRST_BACKOFF_MS", 200),
        settings.getLong("CONSUMER_MAX_BACKOFF_MS", 5_000),
        settings.getInt("CONSUMER_BATCH_SIZE", 50),
        Duration.ofMillis(settings.getLong("CONSUMER_COMMIT_INTERVAL_MS", 1_000)),
        // Twice the topics' retention (deploy/base/kafka/topics.yaml: 7 days).
        Duration.ofDays(settings.getInt("CONSUMER_PROCESSED_RETENTION_DAYS", 14)));
  }

  long backoffBefore(int attempt) {
    long backoff = firstBackoffMillis << Math.min(attempt - 2, 20);
    return Math.min(backoff, maxBackoffMillis);
  }
}
