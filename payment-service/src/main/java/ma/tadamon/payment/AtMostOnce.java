package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Requests to the acquirer's merchant API (refunds, captures, releases) are not idempotent there:
 * it knows no request id, so one sent twice is done twice. Each is therefore marked sent, and that
 * committed, before it goes; it is sent again by itself only when it never reached the acquirer,
 * and one whose answer was lost — or whose sender stopped meanwhile — waits for an operator, who
 * checks the acquirer's back office. {@link Refunds} and {@link CardHolds} send through this.
 */
final class AtMostOnce {

  /** Attempts for a request that never reaches the acquirer, before it is given up. */
  static final int MAX_ATTEMPTS = 8;

  /** What a request marked sent says until its answer is recorded, or if it never is. */
  static final String SENT_UNANSWERED =
      "sent to the acquirer, no answer recorded: check it in the acquirer's back office, then"
          + " record it done there or send it again";

  private AtMostOnce() {}

  /**
   * Claims what is due and marks it sent, in one committed transaction ({@code claim} locks, {@code
   * markSent} marks one), then sends each in turn; answers how many were settled.
   */
  static <T> Future<Integer> claimThenSend(
      Pool pool,
      Function<SqlConnection, Future<List<T>>> claim,
      BiFunction<SqlConnection, T, Future<Void>> markSent,
      Function<T, Future<Boolean>> send) {
    return pool.withTransaction(
            tx ->
                claim
                    .apply(tx)
                    .compose(
                        due -> {
                          Future<Void> marked = Future.succeededFuture();
                          for (T item : due) {
                            marked = marked.compose(v -> markSent.apply(tx, item));
                          }
                          return marked.map(due);
                        }))
        .compose(
            sent -> {
              Future<Integer> chain = Future.succeededFuture(0);
              for (T item : sent) {
                chain =
                    chain.compose(
                        done -> send.apply(item).map(settled -> settled ? done + 1 : done));
              }
              return chain;
            });
  }

  /** 5 s, 10 s, 20 s … : an acquirer that is down for a while is not hammered. */
  static Duration backoff(int attempts) {
    return Duration.ofSeconds(5L << attempts);
  }

  /** What an operator reads on a request whose answer was lost. */
  static String answerLost(String reason) {
    return "the acquirer's answer was lost ("
        + reason
        + "): check it in the acquirer's back office, then record it done there or send it again";
  }

  static String unreachable(String reason) {
    return "the acquirer could not be reached in " + MAX_ATTEMPTS + " attempts: " + reason;
  }
}
