package ma.tadamon.platform.db;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.TransactionRollbackException;
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
