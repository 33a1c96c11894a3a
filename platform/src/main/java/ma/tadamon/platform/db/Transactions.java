package ma.tadamon.platform.db;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.TransactionRollbackException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Every transaction of the services: what {@code Pool.withTransaction} does (commit when the work
 * succeeds, roll back when it fails, the connection back to the pool either way), without waiting
 * for the server's answer to BEGIN before the work's first statements go out. The client queues
 * them behind BEGIN on the connection, and the server runs them in order, so a transaction costs
 * one round trip fewer: a saga step, a consumer's batch and a relay's pass each wait for one less
 * answer, and each saves the server and the event loop a wake-up (docs/benchmarks.md).
 *
 * <p>If BEGIN fails, the statements sent behind it fail too and nothing is committed.
 */
public final class Transactions {

  /** The transactions of {@link #runSentAtOnce} whose COMMIT is sent and not yet answered. */
  private static final Map<SqlConnection, Future<Void>> COMMITS_SENT = new ConcurrentHashMap<>();

  private Transactions() {}

  public static <T> Future<T> run(Pool pool, Function<SqlConnection, Future<T>> work) {
    return pool.getConnection()
        .compose(
            connection -> {
              Future<Transaction> begun = connection.begin();
              Future<T> done;
              try {
                done = work.apply(connection);
              } catch (RuntimeException e) {
                done = Future.failedFuture(e);
              }
              Future<T> worked = done;
              return begun
                  .transform(begin -> worked.transform(result -> end(begin, result)))
                  .onComplete(ended -> connection.close());
            });
  }

  /**
   * A transaction whose statements need no answer of each other's: BEGIN, the statements and COMMIT
   * go out together, and the transaction costs one round trip where {@link #run} costs two (the
   * checkout's writes). {@code send} must send every statement before it returns: one sent later,
   * from an answer, would run after the COMMIT, outside the transaction.
   *
   * <p>The server commits only if every statement succeeded: one failing aborts the transaction,
   * and the server answers the COMMIT behind it as a rollback. A check sent just before the COMMIT
   * tells which it was, whatever the work made of its statements' answers; the answer is then the
   * work's own failure (a taken key's unique violation, say), or {@link
   * TransactionRollbackException} if the work recovered from it. If {@code send} throws, ROLLBACK
   * goes instead of COMMIT. The work's answer is built from its statements' answers once they are
   * in: if building it fails, what they wrote is committed all the same.
   */
  public static <T> Future<T> runSentAtOnce(Pool pool, Function<SqlConnection, Future<T>> send) {
    return pool.getConnection()
        .compose(
            connection -> {
              Promise<Void> committed = Promise.promise();
              COMMITS_SENT.put(connection, committed.future());
              Future<?> begun = connection.query("BEGIN").execute();
              SentAtOnce<T> sent = SentAtOnce.send(connection, send);
              return Future.join(begun, sent.work(), sent.notAborted(), sent.ended())
                  .transform(
                      all -> {
                        COMMITS_SENT.remove(connection);
                        if (begun.succeeded()
                            && sent.notAborted().succeeded()
                            && sent.ended().succeeded()) {
                          committed.complete();
                        } else {
                          committed.fail("not committed");
                        }
                        return begun.failed() ? Future.failedFuture(begun.cause()) : sent.outcome();
                      })
                  .onComplete(finished -> connection.close());
            });
  }

  /**
   * The COMMIT already sent on {@code connection} by {@link #runSentAtOnce}, which succeeds once
   * the server has answered that it committed; empty outside such a transaction.
   */
  static Optional<Future<Void>> commitSentOn(SqlConnection connection) {
    return Optional.ofNullable(COMMITS_SENT.get(connection));
  }

  /** The work's statements as sent, the check behind them and what ended the transaction. */
  private record SentAtOnce<T>(Future<T> work, Future<?> notAborted, Future<?> ended) {

    static <T> SentAtOnce<T> send(
        SqlConnection connection, Function<SqlConnection, Future<T>> send) {
      try {
        Future<T> work = send.apply(connection);
        // In an aborted transaction every statement but COMMIT and ROLLBACK fails.
        Future<?> notAborted = connection.query("SELECT 1").execute();
        return new SentAtOnce<>(work, notAborted, connection.query("COMMIT").execute());
      } catch (RuntimeException e) {
        return new SentAtOnce<>(
            Future.failedFuture(e), Future.failedFuture(e), connection.query("ROLLBACK").execute());
      }
    }

    /** Once every answer is in. */
    Future<T> outcome() {
      if (work.failed()) {
        return Future.failedFuture(work.cause());
      }
      if (notAborted.failed()) {
        return Future.failedFuture(TransactionRollbackException.INSTANCE);
      }
      if (ended.failed()) {
        return Future.failedFuture(ended.cause());
      }
      return work;
    }
  }

  private static <T> Future<T> end(AsyncResult<Transaction> begin, AsyncResult<T> result) {
    if (begin.failed()) {
      return Future.failedFuture(begin.cause());
    }
    Transaction transaction = begin.result();
    if (result.succeeded()) {
      return transaction.commit().map(result.result());
    }
    if (result.cause() instanceof TransactionRollbackException) {
      // The client rolled it back already, a statement of it having failed.
      return Future.failedFuture(result.cause());
    }
    return transaction.rollback().transform(rolledBack -> Future.failedFuture(result.cause()));
  }
}
