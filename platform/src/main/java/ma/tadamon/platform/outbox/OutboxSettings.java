package ma.tadamon.platform.outbox;

import ma.tadamon.platform.config.Settings;

/**
 * How the relay works. NOTIFY wakes it at once; the poll is only a safety net for a missed
 * notification.
 */
public record OutboxSettings(long pollIntervalMillis, int batchSize) {

  public static OutboxSettings from(Settings settings) {
    return new OutboxSettings(
        settings.getLong("OUTBOX_POLL_INTERVAL_MS", 1_000),
        settings.getInt("OUTBOX_BATCH_SIZE", 500));
  }
}
