package ma.tadamon.bench;

import java.sql.SQLException;
import ma.tadamon.infra.PostgresEndpoint;

/**
 * What the database has written so far, from its own statistics: rows inserted, updated (and of
 * those, heap-only: no index touched) and deleted in the services' tables, and the WAL it wrote.
 * Two of them divided by the orders placed in between give the database's work per order, a figure
 * that does not drift with the machine's speed as latencies and CPU do.
 */
record DatabaseWork(
    long inserted,
    long updated,
    long heapOnlyUpdated,
    long deleted,
    long walRecords,
    long walBytes,
    long walFullPageImages) {

  private static final String SQL =
      """
      SELECT sum(n_tup_ins), sum(n_tup_upd), sum(n_tup_hot_upd), sum(n_tup_del),
             (SELECT wal_records FROM pg_stat_wal), (SELECT wal_bytes FROM pg_stat_wal),
             (SELECT wal_fpi FROM pg_stat_wal)
      FROM pg_stat_user_tables
      """;

  static DatabaseWork now(PostgresEndpoint pg) throws SQLException {
    try (var connection = pg.connect();
        var statement = connection.createStatement()) {
      try (var rows = statement.executeQuery(SQL)) {
        rows.next();
        return new DatabaseWork(
            rows.getLong(1),
            rows.getLong(2),
            rows.getLong(3),
            rows.getLong(4),
            rows.getLong(5),
            rows.getLong(6),
            rows.getLong(7));
      }
    }
  }

  /**
   * Per order placed since {@code earlier}: e.g. "23.0 rows inserted, 10.0 updated (1.5 heap-only),
   * 0.0 deleted; WAL 9.1 KB in 52 records, 0.40 full-page images".
   */
  String perOrderSince(DatabaseWork earlier, long orders) {
    double n = Math.max(1, orders);
    return String.format(
        "%.1f rows inserted, %.1f updated (%.1f heap-only), %.1f deleted; WAL %.1f KB in %.0f"
            + " records, %.2f full-page images",
        (inserted - earlier.inserted) / n,
        (updated - earlier.updated) / n,
        (heapOnlyUpdated - earlier.heapOnlyUpdated) / n,
        (deleted - earlier.deleted) / n,
        (walBytes - earlier.walBytes) / n / 1024,
        (walRecords - earlier.walRecords) / n,
        (walFullPageImages - earlier.walFullPageImages) / n);
  }
}
