package ma.tadamon.platform.ratelimit;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.testing.ProofOfWorkSolver;
import ma.tadamon.platform.testing.TestPlatform;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ALTCHA proofs of work, as two replicas of a service would check them against one schema: a solved
 * challenge passes once, and nothing else passes.
 */
class ProofOfWorkTest {

  private static final String SECRET = "a-test-secret-for-proofs-of-work-0123456789";
  private static final ProofOfWork.Difficulty EASY =
      new ProofOfWork.Difficulty(5_000, Duration.ofMinutes(10));

  private Vertx vertx;
  private Pool pool;
  private ProofOfWork replicaA;
  private ProofOfWork replicaB;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    PostgresSettings pg = PostgresSettings.from(TestPlatform.settings());
    String schema = "pow_" + UUID.randomUUID().toString().substring(0, 8);
    await(Database.migrate(vertx, pg, schema), 60);
    pool = Database.pool(vertx, pg, schema, "proof-of-work-test");
    replicaA = new ProofOfWork(pool, SECRET, EASY, new SimpleMeterRegistry());
    replicaB =
        new ProofOfWork(
            Database.pool(vertx, pg, schema, "replica-b"), SECRET, EASY, new SimpleMeterRegistry());
  }

  @AfterEach
  void stop() {
    await(vertx.close(), 10);
  }

  @Test
  void a_solved_challenge_passes_once_whichever_replica_is_asked() {
    JsonObject challenge = new JsonObject(replicaA.challenge());
    String solved = ProofOfWorkSolver.solve(challenge);

    assertThat(challenge.getString("algorithm")).isEqualTo("SHA-256");
    assertThat(challenge.getLong("maxnumber")).isEqualTo(5_000);
    assertThat(challenge.getString("salt")).as("it expires").contains("expires=");
    assertThat(await(replicaA.redeem(solved), 10)).isTrue();
    assertThat(await(replicaB.redeem(solved), 10)).as("replayed on another replica").isFalse();
    assertThat(await(replicaA.redeem(solved), 10)).as("replayed").isFalse();
  }

  @Test
  void a_wrong_number_a_forged_signature_or_garbage_is_no_proof() {
    JsonObject challenge = new JsonObject(replicaA.challenge());
    String solved = ProofOfWorkSolver.solve(challenge);
    JsonObject decoded = new JsonObject(new String(java.util.Base64.getDecoder().decode(solved)));
    long number = decoded.getLong("number");
    JsonObject forged =
        new JsonObject(
            new ProofOfWork(
                    pool,
                    "another-secret-of-at-least-32-characters!",
                    EASY,
                    new SimpleMeterRegistry())
                .challenge());

    assertThat(await(replicaA.redeem(ProofOfWorkSolver.answer(challenge, number + 1)), 10))
        .as("a number that does not hash to the challenge")
        .isFalse();
    assertThat(await(replicaA.redeem(ProofOfWorkSolver.solve(forged)), 10))
        .as("solved, but signed with a key that is not ours")
        .isFalse();
    assertThat(await(replicaA.redeem("not base64 at all!"), 10)).isFalse();
    assertThat(await(replicaA.redeem("e30="), 10)).as("{}").isFalse();
    assertThat(await(replicaA.redeem(null), 10)).isFalse();
    assertThat(await(replicaA.redeem(solved), 10)).as("the real answer still passes").isTrue();
  }

  @Test
  void an_expired_challenge_is_no_proof_and_spent_ones_are_purged_after_expiry() {
    ProofOfWork shortLived =
        new ProofOfWork(
            pool,
            SECRET,
            new ProofOfWork.Difficulty(1_000, Duration.ofSeconds(1)),
            new SimpleMeterRegistry());
    String spent = ProofOfWorkSolver.solve(new JsonObject(shortLived.challenge()));
    JsonObject lateChallenge = new JsonObject(shortLived.challenge());
    String late = ProofOfWorkSolver.solve(lateChallenge);
    assertThat(await(shortLived.redeem(spent), 10)).isTrue();
    // The challenge says when it expires (seconds, in its salt): wait until that moment is past.
    long expires =
        Long.parseLong(lateChallenge.getString("salt").replaceAll(".*expires=(\\d+).*", "$1"));
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> Instant.now().getEpochSecond() > expires);

    assertThat(await(shortLived.redeem(late), 10)).as("expired").isFalse();
    // The spent one is purged once its own expiry has passed in the database's clock.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> await(shortLived.purgeExpired(), 10) == 1);
  }

  @Test
  void a_short_secret_is_refused() {
    assertThatThrownBy(() -> new ProofOfWork(pool, "short", EASY, new SimpleMeterRegistry()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
