package ma.tadamon.platform.ratelimit;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Bucket4j's buckets kept in the service's own PostgreSQL schema, so that every replica draws from
 * the same bucket. Bucket4j does the arithmetic; this store only reads a bucket's state and swaps
 * it for the next one when nobody changed it in between (else Bucket4j reads again and retries),
 * with the reactive client: no JDBC, no worker thread, no lock held across round trips.
 *
 * <p>Only the asynchronous API is offered: a blocking call would stall the event loop.
 */
final class PostgresBuckets extends AbstractCompareAndSwapBasedProxyManager<String> {

  private static final String READ =
      "SELECT state FROM rate_limit_buckets WHERE bucket_key = $1 AND expires_at > now()";
  // A row past its expiry is a full bucket: the first writer takes it over as if it were absent.
  private static final String CREATE =
      """
      INSERT INTO rate_limit_buckets (bucket_key, state, expires_at)
      VALUES ($1, $2, now() + $3 * interval '1 millisecond')
      ON CONFLICT (bucket_key) DO UPDATE SET state = EXCLUDED.state, expires_at = EXCLUDED.expires_at
      WHERE rate_limit_buckets.expires_at <= now()
      """;
  private static final String SWAP =
      """
      UPDATE rate_limit_buckets SET state = $2, expires_at = now() + $3 * interval '1 millisecond'
      WHERE bucket_key = $1 AND state = $4
      """;
  private static final String PURGE =
      "DELETE FROM rate_limit_buckets WHERE expires_at < now() - interval '1 minute'";
  // A bucket that refilled completely is the same as no bucket: its row may go a little after.
  private static final Duration KEEP_FULL_BUCKETS = Duration.ofSeconds(30);

  private final Pool pool;
  private final ExpirationAfterWriteStrategy expiry;

  PostgresBuckets(Pool pool) {
    this(
        pool, ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS));
  }

  private PostgresBuckets(Pool pool, ExpirationAfterWriteStrategy expiry) {
    super(ClientSideConfig.getDefault().withExpirationAfterWriteStrategy(expiry));
    this.pool = pool;
    this.expiry = expiry;
  }

  /** Deletes buckets that have been full for a while; answers how many. */
  Future<Integer> purgeExpired() {
    return pool.query(PURGE).execute().map(RowSet::rowCount);
  }

  @Override
  public boolean isAsyncModeSupported() {
    return true;
  }

  @Override
  public boolean isExpireAfterWriteSupported() {
    return true;
  }

  @Override
  protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
    throw new UnsupportedOperationException("rate limits are asynchronous only: use asAsync()");
  }

  @Override
  protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
    return new AsyncCompareAndSwapOperation() {
      @Override
      public CompletableFuture<Optional<byte[]>> getStateData(Optional<Long> timeoutNanos) {
        return completable(
            pool.preparedQuery(READ)
                .execute(Tuple.of(key))
                .map(
                    rows -> {
                      if (rows.size() == 0) {
                        return Optional.<byte[]>empty();
                      }
                      Row row = rows.iterator().next();
                      return Optional.of(row.getBuffer("state").getBytes());
                    }));
      }

      @Override
      public CompletableFuture<Boolean> compareAndSwap(
          byte[] originalData,
          byte[] newData,
          RemoteBucketState newState,
          Optional<Long> timeoutNanos) {
        long timeToLiveMillis =
            Math.max(1, expiry.calculateTimeToLiveMillis(newState, currentTimeNanos()));
        Future<RowSet<Row>> written =
            originalData == null
                ? pool.preparedQuery(CREATE)
                    .execute(Tuple.of(key, Buffer.buffer(newData), timeToLiveMillis))
                : pool.preparedQuery(SWAP)
                    .execute(
                        Tuple.of(
                            key,
                            Buffer.buffer(newData),
                            timeToLiveMillis,
                            Buffer.buffer(originalData)));
        return completable(written.map(rows -> rows.rowCount() == 1));
      }
    };
  }

  @Override
  protected CompletableFuture<Void> removeAsync(String key) {
    return completable(
        pool.preparedQuery("DELETE FROM rate_limit_buckets WHERE bucket_key = $1")
            .execute(Tuple.of(key))
            .<Void>mapEmpty());
  }

  @Override
  public void removeProxy(String key) {
    throw new UnsupportedOperationException("rate limits are asynchronous only: use asAsync()");
  }

  private static <T> CompletableFuture<T> completable(Future<T> future) {
    return future.toCompletionStage().toCompletableFuture();
  }
}
