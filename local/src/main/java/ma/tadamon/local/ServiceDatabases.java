package ma.tadamon.local;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.tadamon.infra.InfrastructureException;
import ma.tadamon.infra.PostgresEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each service's own database on the local platform's PostgreSQL server, as in production (each
 * service has a database of its own there, deploy/): named after the server's database and the
 * service's schema ({@code tadamon_orders}), created when missing. Apart from isolation, it is what
 * PostgreSQL's notifications cost: a commit that notifies wakes every listener of its database, so
 * with one database shared, each service's outbox commits woke all the services' relays.
 *
 * <p>Before this, the services' schemas shared the server's database. A developer's data kept from
 * then is moved, once: each schema found there goes to its service's database (copied with the
 * database as a template, the other schemas dropped from the copy, which takes its name only when
 * complete), then is dropped from the shared one.
 */
final class ServiceDatabases {

  /** Where a database being filled from the shared one waits, not yet under its name. */
  private static final String UNFINISHED = "_moving";

  /** Where a copy is made from: the database copied, its template, must have no session open. */
  private static final String MAINTENANCE = "postgres";

  private static final Logger log = LoggerFactory.getLogger(ServiceDatabases.class);

  private ServiceDatabases() {}

  /**
   * Creates what is missing, and returns each schema's database: {@code server}'s database name, an
   * underscore and the schema. With {@code moveShared}, schemas found in {@code server}'s own
   * database (a data directory from before the split) are moved to theirs.
   */
  static Map<String, PostgresEndpoint> prepare(
      PostgresEndpoint server, List<String> schemas, boolean moveShared) {
    Map<String, PostgresEndpoint> databases = new LinkedHashMap<>();
    for (String schema : schemas) {
      databases.put(schema, server.withDatabase(server.database() + "_" + schema));
    }
    try {
      List<String> toMove = new ArrayList<>();
      try (Connection shared = server.connect()) {
        for (String schema : schemas) {
          String database = databases.get(schema).database();
          if (exists(shared, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
            continue;
          }
          if (moveShared
              && exists(shared, "SELECT 1 FROM pg_namespace WHERE nspname = ?", schema)) {
            toMove.add(schema);
          } else {
            server.createDatabaseIfMissing(database);
          }
        }
      }
      if (!toMove.isEmpty()) {
        move(server, toMove, schemas, databases);
      }
    } catch (SQLException e) {
      throw new InfrastructureException(
          "could not prepare the services' databases on "
              + server
              + " (the user needs the CREATEDB privilege, or the databases "
              + databases.values().stream().map(PostgresEndpoint::database).toList()
              + " must exist): "
              + e.getMessage(),
          e);
    }
    return Map.copyOf(databases);
  }

  private static void move(
      PostgresEndpoint server,
      List<String> toMove,
      List<String> schemas,
      Map<String, PostgresEndpoint> databases)
      throws SQLException {
    PostgresEndpoint maintenance = server.withDatabase(MAINTENANCE);
    for (String schema : toMove) {
      String database = databases.get(schema).database();
      String unfinished = database + UNFINISHED;
      try (Connection connection = maintenance.connect()) {
        execute(connection, "DROP DATABASE IF EXISTS " + quoted(unfinished));
        execute(
            connection,
            "CREATE DATABASE " + quoted(unfinished) + " TEMPLATE " + quoted(server.database()));
      }
      try (Connection copy = server.withDatabase(unfinished).connect()) {
        for (String other : schemas) {
          if (!other.equals(schema)) {
            execute(copy, "DROP SCHEMA IF EXISTS " + quoted(other) + " CASCADE");
          }
        }
      }
      try (Connection connection = maintenance.connect()) {
        execute(
            connection, "ALTER DATABASE " + quoted(unfinished) + " RENAME TO " + quoted(database));
      }
    }
    try (Connection shared = server.connect()) {
      for (String schema : toMove) {
        execute(shared, "DROP SCHEMA " + quoted(schema) + " CASCADE");
        log.info(
            "schema {} moved from database {} to {}, its service's own",
            schema,
            server.database(),
            databases.get(schema).database());
      }
    }
  }

  private static boolean exists(Connection connection, String sql, String name)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name);
      try (var rows = statement.executeQuery()) {
        return rows.next();
      }
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
