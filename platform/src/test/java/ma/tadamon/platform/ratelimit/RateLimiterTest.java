package ma.tadamon.platform.ratelimit;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.ratelimit.RateLimiter.Take;
import ma.tadamon.platform.ratelimit.RateLimiter.Verdict;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Rate limits hold across replicas: two limiters with pools of their own, as two instances of a
 * service would have, draw from the same buckets in one schema of a real PostgreSQL, also when they
 * race.
 */
class RateLimiterTest {

  private Vertx vertx;
  private Pool poolA;
  private Pool poolB;
  private RateLimiter replicaA;
  private RateLimiter replicaB;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    PostgresSettings pg = PostgresSettings.from(TestPlatform.settings());
    String schema = "ratelimit_" + UUID.randomUUID().toString().substring(0, 8);
    await(Database.migrate(vertx, pg, schema), 60);
    poolA = Database.pool(vertx, pg, schema, "replica-a");
    poolB = Database.pool(vertx, pg, schema, "replica-b");
    replicaA = new RateLimiter(poolA, new SimpleMeterRegistry());
    replicaB = new RateLimiter(poolB, new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    await(vertx.close(), 10);
  }

  @Test
  void two_replicas_share_one_bucket_and_say_when_to_come_back() {
    RateLimit fivePerMinute = RateLimit.parse("test-phone", "5/1m");
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      RateLimiter replica = i % 2 == 0 ? replicaA : replicaB;
      verdicts.add(await(replica.take(fivePerMinute, "+212612345678"), 10));
    }

    assertThat(verdicts.subList(0, 5)).allMatch(Verdict::allowed);
    assertThat(verdicts.subList(5, 10)).noneMatch(Verdict::allowed);
    // One token comes back every 12 seconds.
    assertThat(verdicts.get(9).retryAfter())
        .isPositive()
        .isLessThanOrEqualTo(Duration.ofSeconds(12));
    assertThat(await(replicaA.take(fivePerMinute, "+212698765432"), 10).allowed())
        .as("another number has a bucket of its own")
        .isTrue();
  }

  @Test
  void racing_replicas_never_let_more_through_than_the_bucket_holds() {
    RateLimit tenPerHour = RateLimit.parse("test-product", "10/1h");
    List<Future<Verdict>> racing = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      racing.add((i % 2 == 0 ? replicaA : replicaB).take(tenPerHour, "argan-oil-250ml"));
    }
    await(Future.all(racing), 30);

    assertThat(racing.stream().filter(verdict -> verdict.result().allowed())).hasSize(10);
  }

  @Test
  void require_stops_at_the_first_refusal_and_leaves_the_next_buckets_alone() {
    RateLimit perAddress = RateLimit.parse("test-address", "1/1h");
    RateLimit perProduct = RateLimit.parse("test-shared-product", "2/1h");
    List<Take> checkout =
        List.of(Take.one(perAddress, "198.51.100.7"), Take.one(perProduct, "honey"));

    await(replicaA.require(checkout), 10);
    Throwable refused =
        await(replicaB.require(checkout).map(v -> (Throwable) null).otherwise(e -> e), 10);

    assertThat(refused).isInstanceOf(RateLimitExceeded.class);
    assertThat(((RateLimitExceeded) refused).limit()).isEqualTo("test-address");
    assertThat(((RateLimitExceeded) refused).retryAfterSeconds()).isBetween(1L, 3600L);
    assertThat(await(replicaA.take(perProduct, "honey"), 10).allowed())
        .as("the refused client did not use up the product's second place")
        .isTrue();
  }

  @Test
  void the_table_names_no_address_or_number() {
    await(replicaA.take(RateLimit.parse("test-privacy", "3/1m"), "+212612345678"), 10);

    List<String> keys = new ArrayList<>();
    for (Row row : await(poolA.query("SELECT bucket_key FROM rate_limit_buckets").execute(), 10)) {
      keys.add(row.getString(0));
    }
    assertThat(keys).isNotEmpty().noneMatch(key -> key.contains("612345678"));
  }

  @Test
  void a_budget_counts_what_was_used_in_its_window_and_nothing_comes_back_before_it_ends() {
    RateLimit hourly = RateLimit.parse("test-budget", "5/1h").asBudget();
    for (int i = 0; i < 4; i++) {
      await(replicaA.take(hourly, "everyone"), 10);
    }

    assertThat(await(replicaB.available(hourly, "everyone"), 10)).isEqualTo(1);
    assertThat(await(replicaB.take(hourly, "everyone"), 10).allowed()).isTrue();
    Verdict spent = await(replicaA.take(hourly, "everyone"), 10);
    assertThat(spent.allowed()).isFalse();
    assertThat(spent.retryAfter())
        .as("until the window ends")
        .isGreaterThan(Duration.ofMinutes(59));
  }

  @Test
  void an_unlimited_setting_allows_everything_without_a_bucket() {
    RateLimit off = RateLimit.parse("test-off", "off");
    for (int i = 0; i < 20; i++) {
      assertThat(await(replicaA.take(off, "anyone"), 10).allowed()).isTrue();
    }
    assertThat(
            await(poolA.query("SELECT count(*) FROM rate_limit_buckets").execute(), 10)
                .iterator()
                .next()
                .getLong(0))
        .isZero();
  }
}
