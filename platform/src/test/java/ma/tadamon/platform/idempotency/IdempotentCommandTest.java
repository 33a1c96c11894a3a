package ma.tadamon.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ma.tadamon.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

class IdempotentCommandTest {

  record Refund(String reason, long amountCentimes) {}

  /** What a service stores beside its result: the key, the digest, the result. */
  private final Map<String, IdempotentCommand.Earlier<String>> stored = new HashMap<>();

  private final List<String> carriedOut = new ArrayList<>();

  private Future<IdempotentCommand.Outcome<String>> send(String key, Refund request) {
    IdempotentCommand command = IdempotentCommand.of(key, request, "refund");
    return command.once(
        k -> Future.succeededFuture(Optional.ofNullable(stored.get(k))),
        () -> {
          carriedOut.add(key);
          String result = "refund #" + carriedOut.size();
          stored.put(key, new IdempotentCommand.Earlier<>(command.requestHash(), result));
          return Future.succeededFuture(Optional.of(result));
        });
  }

  @Test
  void the_same_request_under_the_same_key_is_carried_out_once_and_replayed() {
    var first = send("k1", new Refund("broken jar", 5_000));
    var again = send("k1", new Refund("broken jar", 5_000));

    assertThat(first.result()).isEqualTo(new IdempotentCommand.Outcome<>("refund #1", false));
    assertThat(again.result()).isEqualTo(new IdempotentCommand.Outcome<>("refund #1", true));
    assertThat(carriedOut).containsExactly("k1");
  }

  @Test
  void another_request_under_a_used_key_is_refused_and_changes_nothing() {
    send("k1", new Refund("broken jar", 5_000));
    var other = send("k1", new Refund("broken jar", 9_000));

    assertThat(other.failed()).isTrue();
    assertThat(other.cause())
        .isInstanceOfSatisfying(
            DomainException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo("idempotency-key-reused");
              assertThat(refused.title()).endsWith("another refund");
            });
    assertThat(carriedOut).containsExactly("k1");
  }

  @Test
  void a_retry_that_lost_the_race_for_the_key_answers_with_the_winners_result() {
    Refund request = new Refund("lost parcel", 12_000);
    String winnersHash = IdempotentCommand.of("k2", request, "refund").requestHash();
    List<Boolean> lookedUp = new ArrayList<>();

    var outcome =
        IdempotentCommand.of("k2", request, "refund")
            .once(
                key -> {
                  lookedUp.add(true);
                  // Nothing the first time; the winner's refund once the unique key refused ours.
                  return Future.succeededFuture(
                      lookedUp.size() == 1
                          ? Optional.empty()
                          : Optional.of(
                              new IdempotentCommand.Earlier<>(winnersHash, "winner's refund")));
                },
                () -> Future.succeededFuture(Optional.<String>empty()));

    assertThat(outcome.result())
        .isEqualTo(new IdempotentCommand.Outcome<>("winner's refund", true));
  }

  @Test
  void a_request_is_recognised_by_what_it_says_not_how_it_was_written() {
    assertThat(IdempotentCommand.of("k", new Refund("a", 1), "refund").requestHash())
        .isEqualTo(IdempotentCommand.of("other", new Refund("a", 1), "refund").requestHash())
        .isNotEqualTo(IdempotentCommand.of("k", new Refund("a", 2), "refund").requestHash());
  }
}
