package ma.tadamon.platform.testing;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Set;

/** The planner's statistics of a table's columns, as ANALYZE leaves them. */
public final class ColumnStatistics {

  private ColumnStatistics() {}

  /**
   * Analyses {@code table} (of the pool's schema) now and answers the columns it kept statistics
   * of. A table without rows keeps none at all: write some first.
   */
  public static Set<String> analysed(Pool pool, String table) {
    await(pool.query("ANALYZE " + table).execute(), 30);
    Set<String> columns = new HashSet<>();
    for (Row row :
        await(
            pool.preparedQuery(
                    "SELECT attname FROM pg_stats WHERE schemaname = current_schema() AND tablename = $1")
                .execute(Tuple.of(table)),
            10)) {
      columns.add(row.getString("attname"));
    }
    return columns;
  }
}
