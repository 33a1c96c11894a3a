package ma.tadamon.platform.db;

import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;

/**
 * Runs something once a transaction has committed, never if it rolls back: how metrics count what
 * really happened (an order that moved, a payment captured) and not what a retried attempt tried.
 */
public final class AfterCommit {

  private AfterCommit() {}

  public static void run(SqlConnection connection, Runnable action) {
    Transaction transaction = connection.transaction();
    if (transaction == null) {
      // Not in a transaction of the client's: sent with its COMMIT behind it
      // (Transactions.runSentAtOnce), whose answer tells; or the statement that preceded this call
      // is already durable.
      Transactions.commitSentOn(connection)
          .ifPresentOrElse(committed -> committed.onSuccess(done -> action.run()), action);
      return;
    }
    transaction.completion().onSuccess(committed -> action.run());
  }
}
