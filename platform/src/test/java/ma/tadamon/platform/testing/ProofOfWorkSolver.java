package ma.tadamon.platform.testing;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.altcha.altcha.Altcha;

/**
 * Solves an ALTCHA challenge as a client does, with ALTCHA's own solver, and answers what a client
 * sends back: the base64 of the JSON solution.
 */
public final class ProofOfWorkSolver {

  private ProofOfWorkSolver() {}

  /** {@code challenge} as the server sent it: algorithm, challenge, maxnumber, salt, signature. */
  public static String solve(JsonObject challenge) {
    try {
      Altcha.Solution solution =
          Altcha.solveChallenge(
              challenge.getString("challenge"),
              challenge.getString("salt"),
              Altcha.Algorithm.fromString(challenge.getString("algorithm")),
              challenge.getLong("maxnumber"),
              0);
      if (solution == null) {
        throw new IllegalStateException("the challenge has no solution up to its maxnumber");
      }
      return answer(challenge, solution.number);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The answer a client would send claiming {@code number} solves {@code challenge}. */
  public static String answer(JsonObject challenge, long number) {
    JsonObject payload =
        new JsonObject()
            .put("algorithm", challenge.getString("algorithm"))
            .put("challenge", challenge.getString("challenge"))
            .put("number", number)
            .put("salt", challenge.getString("salt"))
            .put("signature", challenge.getString("signature"));
    return Base64.getEncoder().encodeToString(payload.encode().getBytes(StandardCharsets.UTF_8));
  }
}
