package ma.tadamon.platform.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConfigurationBuilder;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import ma.tadamon.platform.auth.TokenDigest;

/**
 * Takes from rate limits' buckets, kept in the service's PostgreSQL schema so that every replica
 * counts the same requests. What is limited is named by a digest only: a client's address or a
 * phone number never lands in the table.
 */
public final class RateLimiter {

  /** What a bucket answered: allowed, or refused until {@code retryAfter} has passed. */
  public record Verdict(boolean allowed, Duration retryAfter) {

    static final Verdict ALLOWED = new Verdict(true, Duration.ZERO);
  }

  private final AsyncProxyManager<String> buckets;
  private final PostgresBuckets store;
  private final Map<RateLimit, BucketConfiguration> configurations = new ConcurrentHashMap<>();
  private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
  private final MeterRegistry registry;

  public RateLimiter(Pool pool, MeterRegistry registry) {
    this.store = new PostgresBuckets(pool);
    this.buckets = store.asAsync();
    this.registry = registry;
  }

  /** Takes one from {@code subject}'s bucket of {@code limit}. */
  public Future<Verdict> take(RateLimit limit, String subject) {
    return take(limit, subject, 1);
  }

  /**
   * Takes {@code amount} (units of a product, say) from {@code subject}'s bucket of {@code limit}.
   */
  public Future<Verdict> take(RateLimit limit, String subject, long amount) {
    if (limit.unlimited()) {
      return Future.succeededFuture(Verdict.ALLOWED);
    }
    return onCallersContext(bucket(limit, subject).tryConsumeAndReturnRemaining(amount))
        .map(answer -> verdict(limit, answer))
        .onSuccess(
            verdict -> {
              if (!verdict.allowed()) {
                refusals.computeIfAbsent(limit.name(), this::refusalCounter).increment();
              }
            });
  }

  /**
   * Takes from each bucket in turn and stops at the first that refuses, failing with {@link
   * RateLimitExceeded}: a client refused by its address's limit does not also use up the bucket of
   * the product it asked for, which honest shoppers share.
   */
  public Future<Void> require(List<Take> takes) {
    Future<Void> chain = Future.succeededFuture();
    for (Take next : takes) {
      chain =
          chain.compose(
              v ->
                  take(next.limit(), next.subject(), next.amount())
                      .compose(
                          verdict ->
                              verdict.allowed()
                                  ? Future.<Void>succeededFuture()
                                  : Future.failedFuture(
                                      new RateLimitExceeded(
                                          next.limit().name(), verdict.retryAfter()))));
    }
    return chain;
  }

  /**
   * One take of {@link #require}: {@code amount} from {@code subject}'s bucket of {@code limit}.
   */
  public record Take(RateLimit limit, String subject, long amount) {

    public static Take one(RateLimit limit, String subject) {
      return new Take(limit, subject, 1);
    }
  }

  /** What is left in {@code subject}'s bucket of {@code limit}, without taking anything. */
  public Future<Long> available(RateLimit limit, String subject) {
    if (limit.unlimited()) {
      return Future.succeededFuture(Long.MAX_VALUE);
    }
    return onCallersContext(bucket(limit, subject).getAvailableTokens());
  }

  /** Bucket4j completes on the thread of the last database answer: back to the caller's context. */
  private static <T> Future<T> onCallersContext(CompletableFuture<T> answer) {
    Context caller = Vertx.currentContext();
    return caller == null
        ? Future.fromCompletionStage(answer)
        : Future.fromCompletionStage(answer, caller);
  }

  /** Deletes buckets that have been full for a while; answers how many. */
  public Future<Integer> purgeExpired() {
    return store.purgeExpired();
  }

  private AsyncBucketProxy bucket(RateLimit limit, String subject) {
    String key = TokenDigest.of(limit.name() + '\u0000' + subject);
    BucketConfiguration configuration =
        configurations.computeIfAbsent(limit, RateLimiter::configuration);
    return buckets.builder().build(key, () -> CompletableFuture.completedFuture(configuration));
  }

  /**
   * A refusal says when to come back; asking for more than a bucket ever holds is refused for its
   * longest period rather than for ever.
   */
  private static Verdict verdict(RateLimit limit, ConsumptionProbe probe) {
    if (probe.isConsumed()) {
      return Verdict.ALLOWED;
    }
    Duration longest =
        limit.rates().stream().map(RateLimit.Rate::period).max(Duration::compareTo).orElseThrow();
    Duration wait = Duration.ofNanos(probe.getNanosToWaitForRefill());
    return new Verdict(false, wait.compareTo(longest) > 0 ? longest : wait);
  }

  private Counter refusalCounter(String limitName) {
    return Counter.builder("tadamon_rate_limit_refusals")
        .description("Requests refused by a rate limit")
        .tag("limit", limitName)
        .register(registry);
  }

  private static BucketConfiguration configuration(RateLimit limit) {
    ConfigurationBuilder builder = BucketConfiguration.builder();
    for (RateLimit.Rate rate : limit.rates()) {
      builder.addLimit(
          bandwidth ->
              limit.windowed()
                  ? bandwidth.capacity(rate.count()).refillIntervally(rate.count(), rate.period())
                  : bandwidth.capacity(rate.count()).refillGreedy(rate.count(), rate.period()));
    }
    return builder.build();
  }
}
