package ma.tadamon.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.vertx.core.Future;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.EventMapper;

/**
 * A command a client may send again (a lost answer, a double tap): carried out once per
 * Idempotency-Key. The same key with the same request answers what the first time did; the same key
 * with another request is refused. The request is recognised by a SHA-256 digest of its parsed
 * form, so whitespace and field order do not make a retry look different.
 *
 * <p>Each service keeps the key and the digest beside what the command made (in the same
 * transaction, under a unique key), so this class only decides; {@code once} runs the steps.
 *
 * @param key the client's Idempotency-Key
 * @param requestHash the digest of what was asked under it
 * @param what names the command for the refusal, e.g. "order" or "refund"
 */
public record IdempotentCommand(String key, String requestHash, String what) {

  /** What a command made earlier under the same key, with the digest of its request. */
  public record Earlier<R>(String requestHash, R result) {}

  /** The command's result, and whether it is the earlier one replayed. */
  public record Outcome<R>(R result, boolean replayed) {}

  /** {@code request} is the parsed request, or any record of what identifies it. */
  public static IdempotentCommand of(String key, Object request, String what) {
    return new IdempotentCommand(key, digest(request), what);
  }

  /**
   * Replays what this key made before, or carries the command out. {@code firstTime} answers empty
   * when a concurrent retry with the same key committed first (the unique key refused this one):
   * the winner's result is the answer.
   */
  public <R> Future<Outcome<R>> once(
      Function<String, Future<Optional<Earlier<R>>>> earlier,
      Supplier<Future<Optional<R>>> firstTime) {
    return once(earlier.apply(key), earlier, firstTime);
  }

  /**
   * {@link #once(Function, Supplier)} with the key's first lookup already under way ({@code
   * foundFirst}): a caller sends it together with what the first time needs read.
   */
  public <R> Future<Outcome<R>> once(
      Future<Optional<Earlier<R>>> foundFirst,
      Function<String, Future<Optional<Earlier<R>>>> earlier,
      Supplier<Future<Optional<R>>> firstTime) {
    return foundFirst.compose(
        found ->
            found.isPresent()
                ? Future.succeededFuture(replay(found.get()))
                : firstTime
                    .get()
                    .compose(
                        made ->
                            made.isPresent()
                                ? Future.succeededFuture(new Outcome<>(made.get(), false))
                                : earlier
                                    .apply(key)
                                    .map(
                                        winner ->
                                            replay(
                                                winner.orElseThrow(
                                                    () ->
                                                        new IllegalStateException(
                                                            "the key was taken, yet nothing was"
                                                                + " made under it"))))));
  }

  private <R> Outcome<R> replay(Earlier<R> earlier) {
    if (!requestHash.equals(earlier.requestHash())) {
      throw DomainException.refused(
          "idempotency-key-reused",
          "This Idempotency-Key was used for another " + what,
          "Use a new Idempotency-Key for a different " + what + ".");
    }
    return new Outcome<>(earlier.result(), true);
  }

  static String digest(Object request) {
    try {
      byte[] canonical = EventMapper.JSON.writeValueAsBytes(request);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("a parsed request always serialises", e);
    }
  }
}
