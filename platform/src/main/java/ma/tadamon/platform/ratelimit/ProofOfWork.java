package ma.tadamon.platform.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import ma.tadamon.platform.config.Settings;
import org.altcha.altcha.Altcha;

/**
 * The way past a rate limit that a person's browser can take and a script must pay for: an ALTCHA
 * proof of work (self-hosted, no third party, nothing about the client kept). The server hands out
 * a signed challenge; the browser searches for the number whose hash it is, which takes a phone a
 * few seconds; the server checks the signature, the hash and the expiry, and accepts each solved
 * challenge once. A whole town behind one mobile operator's address is thus slowed, never shut out;
 * a bot pays in computing time for every order past the limit, and still meets the limits on phone
 * numbers and products, which no proof lifts.
 */
public final class ProofOfWork {

  /**
   * {@code maxNumber} sets the work: the browser tries half of it on average. {@code lifetime} is
   * how long a challenge may be solved and used.
   */
  public record Difficulty(long maxNumber, Duration lifetime) {

    public static Difficulty fromSettings(Settings settings) {
      return new Difficulty(
          settings.getLong("PROOF_OF_WORK_MAX_NUMBER", 100_000),
          Duration.ofSeconds(settings.getLong("PROOF_OF_WORK_LIFETIME_SECONDS", 600)));
    }
  }

  private static final String SPEND =
      """
      INSERT INTO proofs_of_work_spent (challenge, expires_at)
      VALUES ($1, now() + $2 * interval '1 second')
      ON CONFLICT (challenge) DO NOTHING
      """;
  private static final String PURGE = "DELETE FROM proofs_of_work_spent WHERE expires_at < now()";

  private final Pool pool;
  private final String secret;
  private final Difficulty difficulty;
  private final Counter accepted;
  private final Counter refused;

  public ProofOfWork(Pool pool, String secret, Difficulty difficulty, MeterRegistry registry) {
    if (secret.length() < 32) {
      throw new IllegalArgumentException("the proof-of-work secret needs at least 32 characters");
    }
    this.pool = pool;
    this.secret = secret;
    this.difficulty = difficulty;
    this.accepted = outcomeCounter(registry, "accepted");
    this.refused = outcomeCounter(registry, "refused");
  }

  /**
   * A new challenge, as ALTCHA's clients read it: algorithm, challenge, maxnumber, salt, signature.
   */
  public Map<String, Object> challenge() {
    try {
      Altcha.Challenge challenge =
          Altcha.createChallenge(
              new Altcha.ChallengeOptions()
                  .setHmacKey(secret)
                  .setMaxNumber(difficulty.maxNumber())
                  // A number a client could predict would be a proof of nothing.
                  .setSecureRandomNumber(true)
                  .setExpiresInSeconds(difficulty.lifetime().toSeconds()));
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("algorithm", challenge.algorithm);
      json.put("challenge", challenge.challenge);
      json.put("maxnumber", challenge.maxnumber);
      json.put("salt", challenge.salt);
      json.put("signature", challenge.signature);
      return json;
    } catch (Exception e) {
      throw new IllegalStateException("an ALTCHA challenge could not be made", e);
    }
  }

  /**
   * True when {@code payload} (ALTCHA's base64 JSON answer) solves a challenge of ours that has not
   * expired and was never used before: a solved challenge passes once, whoever sends it.
   */
  public Future<Boolean> redeem(String payload) {
    String challenge = solvedChallenge(payload);
    if (challenge == null) {
      refused.increment();
      return Future.succeededFuture(false);
    }
    return pool.preparedQuery(SPEND)
        .execute(Tuple.of(challenge, difficulty.lifetime().toSeconds()))
        .map(inserted -> inserted.rowCount() == 1)
        .onSuccess(first -> (first ? accepted : refused).increment());
  }

  /** Forgets spent challenges that have expired anyway; answers how many. */
  public Future<Integer> purgeExpired() {
    return pool.query(PURGE).execute().map(RowSet::rowCount);
  }

  /** The challenge {@code payload} solves, or null when it solves none of ours. */
  private String solvedChallenge(String payload) {
    if (payload == null || payload.isBlank() || payload.length() > 2_000) {
      return null;
    }
    try {
      JsonObject answer = new JsonObject(Buffer.buffer(Base64.getDecoder().decode(payload.trim())));
      Altcha.Payload solution = new Altcha.Payload();
      solution.algorithm = answer.getString("algorithm");
      solution.challenge = answer.getString("challenge");
      solution.number = answer.getLong("number");
      solution.salt = answer.getString("salt");
      solution.signature = answer.getString("signature");
      return Altcha.verifySolution(solution, secret, true) ? solution.challenge : null;
    } catch (Exception malformed) {
      // Not base64, not JSON, a field missing or of the wrong type: no proof.
      return null;
    }
  }

  private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
    return Counter.builder("tadamon_proofs_of_work")
        .description("Proofs of work offered to pass a rate limit, by outcome")
        .tag("outcome", outcome)
        .register(registry);
  }
}
