package ma.tadamon.payment.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.tadamon.payment.domain.Journal;

/**
 * The double-entry ledger. The database refuses, at commit, any journal entry whose lines do not
 * sum to zero.
 */
public final class LedgerStore {

  private static final String INSERT_JOURNAL =
      """
      INSERT INTO ledger_journal (id, kind, payment_id, order_id, order_code, cooperative_id, reference)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (reference) DO NOTHING
      """;
  private static final String INSERT_LINE =
      """
      INSERT INTO ledger_lines (journal_id, account, cooperative_id, amount_centimes) VALUES ($1, $2, $3, $4)
      """;
  private static final String BALANCES =
      """
      SELECT account, sum(amount_centimes) AS balance FROM ledger_lines GROUP BY account ORDER BY account
      """;

  /**
   * Books a movement once: a second journal with the same reference is the same movement, and is
   * skipped.
   */
  public Future<Boolean> record(SqlConnection tx, Journal journal) {
    return tx.preparedQuery(INSERT_JOURNAL)
        .execute(
            Tuple.from(
                Arrays.asList(
                    journal.id(),
                    journal.kind(),
                    journal.paymentId(),
                    journal.orderId(),
                    journal.orderCode(),
                    journal.cooperativeId(),
                    journal.reference())))
        .compose(
            inserted -> {
              if (inserted.rowCount() == 0) {
                return Future.succeededFuture(false);
              }
              List<Tuple> lines =
                  journal.lines().stream()
                      .map(
                          line ->
                              Tuple.of(
                                  journal.id(),
                                  line.account(),
                                  line.cooperativeId(),
                                  line.amountCentimes()))
                      .toList();
              return tx.preparedQuery(INSERT_LINE).executeBatch(lines).map(true);
            });
  }

  /** Every account's balance (debit positive): the operator's trial balance. */
  public Future<Map<String, Long>> balances(SqlClient client) {
    return client
        .query(BALANCES)
        .execute()
        .map(
            rows -> {
              Map<String, Long> balances = new LinkedHashMap<>();
              for (Row row : rows) {
                balances.put(row.getString("account"), row.getLong("balance"));
              }
              return balances;
            });
  }
}
