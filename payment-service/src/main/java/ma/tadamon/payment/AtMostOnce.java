package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import ma.tadamon.platform.db.Transactions;

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
   * Sends what is due, up to {@code batch}, one at a time: each is claimed ({@code claimOne} locks
   * the next due one, skipping those another replica holds) and marked sent ({@code markSent}) in a
   * transaction committed before it goes, so that a stop leaves at most the one in flight for an
   * operator. Answers how many were settled.
   */
  static <T> Future<Integer> sendDue(
      Pool pool,
      int batch,
      Function<SqlConnection, Future<Optional<T>>> claimOne,
      BiFunction<SqlConnection, T, Future<Void>> markSent,
      Function<T, Future<Boolean>> send) {
    return next(pool, batch, 0, claimOne, markSent, send);
  }

  private static <T> Future<Integer> next(
      Pool pool,
      int left,
      int settled,
      Function<SqlConnection, Future<Optional<T>>> claimOne,
      BiFunction<SqlConnection, T, Future<Void>> markSent,
      Function<T, Future<Boolean>> send) {
    if (left == 0) {
      return Future.succeededFuture(settled);
    }
    return Transactions.run(
            pool,
            tx ->
                claimOne
                    .apply(tx)
                    .compose(
                        due ->
                            due.isEmpty()
                                ? Future.succeededFuture(due)
                                : markSent.apply(tx, due.get()).map(due)))
        .compose(
            claimed ->
                claimed.isEmpty()
                    ? Future.succeededFuture(settled)
                    : send.apply(claimed.get())
                        .compose(
                            done ->
                                next(
                                    pool,
                                    left - 1,
                                    done ? settled + 1 : settled,
                                    claimOne,
                                    markSent,
                                    send)));
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
