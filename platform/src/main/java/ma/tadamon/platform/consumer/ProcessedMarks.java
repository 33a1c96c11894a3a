package ma.tadamon.platform.consumer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

/**
 * The marks a consumer leaves of the events it has applied (processed_events), purged once no
 * delivery can bring their event again. A consumer runs {@link #purge} minutes after it starts,
 * then every hour.
 */
public final class ProcessedMarks {

  /**
   * Marks deleted per transaction: a first purge of a table that was never purged holds months of
   * marks, and one transaction deleting them all would hold its locks and its snapshot for minutes.
   */
  private static final int PURGED_PER_TRANSACTION = 10_000;

  private static final String PURGE_SOME =
      """
      DELETE FROM processed_events
      WHERE consumer = $1 AND event_id IN (
          SELECT event_id FROM processed_events
          WHERE consumer = $1 AND processed_at < now() - make_interval(secs => $2)
          LIMIT $3)
      """;

  private ProcessedMarks() {}

  /**
   * Deletes {@code consumer}'s marks older than {@code kept}, a transaction at a time; returns how
   * many went.
   */
  public static Future<Long> purge(Pool pool, String consumer, Duration kept) {
    return pool.preparedQuery(PURGE_SOME)
        .execute(Tuple.of(consumer, (double) kept.toSeconds(), PURGED_PER_TRANSACTION))
        .compose(
            deleted ->
                deleted.rowCount() < PURGED_PER_TRANSACTION
                    ? Future.succeededFuture((long) deleted.rowCount())
                    : purge(pool, consumer, kept).map(more -> deleted.rowCount() + more));
  }
}
