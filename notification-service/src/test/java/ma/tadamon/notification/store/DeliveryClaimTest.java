package ma.tadamon.notification.store;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.testing.ColumnStatistics;
import ma.tadamon.platform.testing.TestPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery lane's claim on a database of its own, with a fair evening's backlog of SMS due: the
 * e-mail lane takes its own notifications without reading the SMS queued before them.
 */
class DeliveryClaimTest {

  private static final int SMS_BACKLOG = 3_000;
  private static final int EMAILS_DUE = 5;
  private static final int WEBHOOKS_DUE = 20;

  private static Vertx vertx;
  private static Pool pool;
  private static DeliveryStore deliveries;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    PostgresSettings pg =
        PostgresSettings.from(TestPlatform.settingsWithOwnDatabase("notification_claims"));
    await(Database.migrate(vertx, pg, "notifications"), 120);
    pool = Database.pool(vertx, pg, "notifications", "delivery-claim-test");
    deliveries = new DeliveryStore(pool, new SimpleMeterRegistry());
    // The SMS were owed first: by time alone, they all come before the e-mails.
    owe(Channel.SMS, "+212661077777", SMS_BACKLOG);
    owe(Channel.EMAIL, "claims@coop.example", EMAILS_DUE);
    // Claimed by one test only: what it counts are its own claims' versions.
    owe(Channel.WEBHOOK, "https://coop.example/hooks/orders", WEBHOOKS_DUE);
    await(pool.query("ANALYZE notifications").execute(), 30);
  }

  /** Each test starts with nothing leased: a claim another test made is not this test's. */
  @BeforeEach
  void releaseLeases() {
    await(
        pool.query("UPDATE notifications SET leased_until = NULL WHERE leased_until IS NOT NULL")
            .execute(),
        30);
  }

  @AfterAll
  static void stop() {
    await(pool.close(), 10);
    await(vertx.close(), 10);
  }

  @Test
  void the_planner_keeps_no_statistics_of_the_messages_texts() {
    assertThat(ColumnStatistics.analysed(pool, "notifications"))
        .contains("status", "channel", "next_attempt_at")
        .doesNotContain("body", "subject", "last_error");
  }

  @Test
  void the_email_lane_reads_none_of_an_sms_backlog_to_claim_its_own() {
    // Only looked at: the claim's lease is rolled back.
    JsonArray explained =
        rolledBack(
            connection ->
                connection
                    .preparedQuery("EXPLAIN (ANALYZE, FORMAT JSON) " + DeliveryStore.CLAIM_DUE)
                    .execute(Tuple.of(20, 60.0, Channel.EMAIL.name()))
                    .map(rows -> rows.iterator().next().getJsonArray(0)));

    JsonObject plan = explained.getJsonObject(0).getJsonObject("Plan");
    assertThat(rowsReadAndLeftOut(plan)).as("rows the claim read and left out").isZero();
  }

  @Test
  void each_lane_claims_its_own_channel_oldest_first() {
    List<DeliveryStore.Due> emails =
        await(deliveries.claimDue(20, Duration.ofSeconds(1), Channel.EMAIL), 30);
    assertThat(emails).hasSize(EMAILS_DUE);
    assertThat(emails).allSatisfy(due -> assertThat(due.channel()).isEqualTo(Channel.EMAIL));

    List<DeliveryStore.Due> sms =
        await(deliveries.claimDue(20, Duration.ofSeconds(1), Channel.SMS), 30);
    assertThat(sms).hasSize(20);
    assertThat(sms).allSatisfy(due -> assertThat(due.channel()).isEqualTo(Channel.SMS));
    assertThat(sms).extracting(DeliveryStore.Due::subject).contains("Nouvelle commande 1");
  }

  @Test
  void a_claim_writes_no_index_entry() {
    // Counted within the claim's own transaction, then rolled back.
    JsonObject counted =
        rolledBack(
            connection ->
                connection
                    .preparedQuery(DeliveryStore.CLAIM_DUE)
                    .execute(Tuple.of(WEBHOOKS_DUE, 60.0, Channel.WEBHOOK.name()))
                    .compose(
                        claimed ->
                            connection
                                .query(
                                    "SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables"
                                        + " WHERE relname = 'notifications'")
                                .execute())
                    .map(rows -> rows.iterator().next().toJson()));

    assertThat(counted.getLong("n_tup_upd")).as("notifications claimed").isEqualTo(WEBHOOKS_DUE);
    assertThat(counted.getLong("n_tup_hot_upd"))
        .as("claims that wrote no index entry")
        .isEqualTo(WEBHOOKS_DUE);
  }

  @Test
  void a_claimed_notification_is_claimed_again_only_once_its_lease_has_run_out() {
    Duration lease = Duration.ofSeconds(1);
    assertThat(await(deliveries.claimDue(20, lease, Channel.EMAIL), 30)).hasSize(EMAILS_DUE);
    assertThat(await(deliveries.claimDue(20, lease, Channel.EMAIL), 30))
        .as("claimed while leased")
        .isEmpty();

    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> await(deliveries.claimDue(20, lease, Channel.EMAIL), 30).size() == EMAILS_DUE);
  }

  /** What {@code work} answers within a transaction that is then rolled back. */
  private static <T> T rolledBack(Function<SqlConnection, Future<T>> work) {
    return await(
        pool.withConnection(
            connection ->
                connection.begin().compose(tx -> work.apply(connection).eventually(tx::rollback))),
        30);
  }

  /** What the plan's nodes read and then dropped for not matching, summed over the plan. */
  private static long rowsReadAndLeftOut(JsonObject node) {
    long dropped =
        node.getLong("Rows Removed by Filter", 0L)
            + node.getLong("Rows Removed by Index Recheck", 0L);
    JsonArray children = node.getJsonArray("Plans", new JsonArray());
    for (int i = 0; i < children.size(); i++) {
      dropped += rowsReadAndLeftOut(children.getJsonObject(i));
    }
    return dropped;
  }

  /** Notifications owed on one channel, due since their own second, oldest first. */
  private static void owe(Channel channel, String destination, int count) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      rows.add(
          Tuple.of(
              UUID.randomUUID(),
              UUID.randomUUID(),
              UUID.randomUUID().toString(),
              channel.name(),
              destination,
              "Nouvelle commande " + (i + 1),
              "Nouvelle commande " + (i + 1) + " : 2 x Huile d'argan",
              count - i));
    }
    await(
        pool.preparedQuery(
                """
                INSERT INTO notifications
                  (id, event_id, recipient_kind, recipient_id, channel, destination, language,
                   template, subject, body, next_attempt_at)
                VALUES ($1, $2, 'COOPERATIVE', $3, $4, $5, 'fr', 'cooperative.new-order', $6, $7,
                        now() - make_interval(hours => 1, secs => $8))
                """)
            .executeBatch(rows),
        60);
  }
}
