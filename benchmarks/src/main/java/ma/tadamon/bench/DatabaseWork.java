package ma.tadamon.bench;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import ma.tadamon.infra.PostgresEndpoint;

/**
 * What the database has written so far, from its own statistics: rows inserted, updated (and of
 * those, heap-only: no index touched) and deleted in the services' tables, and the WAL it wrote.
 * Two of them divided by the orders placed in between give the database's work per order, a figure
 * that does not drift with the machine's speed as latencies and CPU do.
 */
record DatabaseWork(
    long inserted,
    long deleted,
    long walRecords,
    long walBytes,
    long walFullPageImages,
    Map<String, Updates> updatesByTable) {

  /** A table's updated rows, and how many of them were heap-only. */
  record Updates(long all, long heapOnly) {

    static final Updates NONE = new Updates(0, 0);

    Updates since(Updates earlier) {
      return new Updates(all - earlier.all, heapOnly - earlier.heapOnly);
    }
  }

  private static final String WAL = "SELECT wal_records, wal_bytes, wal_fpi FROM pg_stat_wal";

  private static final String TABLES =
      """
      SELECT schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_tup_del
      FROM pg_stat_user_tables
      """;

  /**
   * Read from each of the services' databases (a table's statistics are its database's); the WAL is
   * the server's, one for all of them.
   */
  static DatabaseWork now(Collection<PostgresEndpoint> databases) throws SQLException {
    long inserted = 0;
    long deleted = 0;
    Map<String, Updates> byTable = new HashMap<>();
    for (PostgresEndpoint database : databases) {
      try (var connection = database.connect();
          var statement = connection.createStatement();
          var rows = statement.executeQuery(TABLES)) {
        while (rows.next()) {
          inserted += rows.getLong(2);
          deleted += rows.getLong(5);
          byTable.put(rows.getString(1), new Updates(rows.getLong(3), rows.getLong(4)));
        }
      }
    }
    try (var connection = databases.iterator().next().connect();
        var statement = connection.createStatement();
        var rows = statement.executeQuery(WAL)) {
      rows.next();
      return new DatabaseWork(
          inserted,
          deleted,
          rows.getLong(1),
          rows.getLong(2),
          rows.getLong(3),
          Map.copyOf(byTable));
    }
  }

  /**
   * Per order placed since {@code earlier}: e.g. "23.0 rows inserted, 10.0 updated (1.5 heap-only),
   * 0.0 deleted; WAL 9.1 KB in 52 records, 0.40 full-page images".
   */
  String perOrderSince(DatabaseWork earlier, long orders) {
    double n = Math.max(1, orders);
    Updates updated = updates().since(earlier.updates());
    return String.format(
        "%.1f rows inserted, %.1f updated (%.1f heap-only), %.1f deleted; WAL %.1f KB in %.0f"
            + " records, %.2f full-page images",
        (inserted - earlier.inserted) / n,
        updated.all() / n,
        updated.heapOnly() / n,
        (deleted - earlier.deleted) / n,
        (walBytes - earlier.walBytes) / n / 1024,
        (walRecords - earlier.walRecords) / n,
        (walFullPageImages - earlier.walFullPageImages) / n);
  }

  /**
   * The tables whose rows were updated since {@code earlier}, most first, per order placed, with
   * the heap-only share: e.g. "orders.orders 2.0 (0.1), catalog.products 1.5 (0.0)". A row update
   * that is not heap-only writes an entry in every index of its table.
   */
  String updatesPerOrderSince(DatabaseWork earlier, long orders) {
    double n = Math.max(1, orders);
    return updatesByTable.entrySet().stream()
        .map(
            table ->
                Map.entry(
                    table.getKey(),
                    table
                        .getValue()
                        .since(earlier.updatesByTable.getOrDefault(table.getKey(), Updates.NONE))))
        .filter(table -> table.getValue().all() / n >= 0.05)
        .sorted(
            Comparator.comparingLong((Map.Entry<String, Updates> t) -> t.getValue().all())
                .reversed())
        .map(
            table ->
                String.format(
                    "%s %.1f (%.1f)",
                    table.getKey(), table.getValue().all() / n, table.getValue().heapOnly() / n))
        .collect(Collectors.joining(", "));
  }

  /** Every table's updates together. */
  private Updates updates() {
    return updatesByTable.values().stream()
        .reduce(
            Updates.NONE, (a, b) -> new Updates(a.all() + b.all(), a.heapOnly() + b.heapOnly()));
  }
}
