package ma.tadamon.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A service's PostgreSQL: a pool whose connections see only the service's own schema, and the
 * schema's migrations, run at start-up. Flyway is blocking JDBC, so it runs on a worker thread.
 */
public final class Database {

  private Database() {}

  public static Pool pool(Vertx vertx, PostgresSettings pg, String schema, String applicationName) {
    PgConnectOptions connect =
        pg.connectOptions(vertx, applicationName)
            .setCachePreparedStatements(true)
            .setProperties(Map.of("search_path", schema, "application_name", applicationName));
    return PgBuilder.pool()
        // Connections spread over event loops: by default a pool does all its I/O on the one
        // event loop that created it, which then carries every query of the service.
        .with(
            new PoolOptions()
                .setMaxSize(pg.poolSize())
                .setName(applicationName)
                .setEventLoopSize(pg.poolEventLoops())
                // No timer on a wait for a connection. Vert.x 5.0's timer (30 s by default) can
                // fire for a request already served (eclipse-vertx/vert.x#6169, fixed in 5.1.3):
                // cancelling it "succeeds" and fails a completed promise, and that exception,
                // thrown inside the pool's chain of tasks, drops the tasks queued behind it. A
                // connection handed to another request then never reaches it: that request waits
                // forever and the pool has one connection fewer. A consumer whose batch it was
                // stopped (docs/operations.md). A wait is bounded by the work ahead of it; the
                // readiness probe bounds its own query.
                .setConnectionTimeout(0))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  /**
   * Brings {@code schema} up to date: first the platform's own tables (outbox, processed events,
   * dead letters; their history in {@code flyway_platform_history}), then the service's migrations
   * from {@code classpath:db/migration/<schema>}.
   */
  public static Future<Void> migrate(Vertx vertx, PostgresSettings pg, String schema) {
    return vertx.executeBlocking(
        () -> {
          flyway(pg, schema, "classpath:db/platform", "flyway_platform_history").migrate();
          // The platform's tables are already there: start the service's own history below its V1.
          Flyway.configure()
              .configuration(
                  flyway(pg, schema, "classpath:db/migration/" + schema, "flyway_schema_history")
                      .getConfiguration())
              .baselineOnMigrate(true)
              .baselineVersion("0")
              .load()
              .migrate();
          return null;
        });
  }

  private static Flyway flyway(
      PostgresSettings pg, String schema, String location, String historyTable) {
    return Flyway.configure()
        .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .locations(location)
        .table(historyTable)
        .failOnMissingLocations(false)
        .load();
  }
}
