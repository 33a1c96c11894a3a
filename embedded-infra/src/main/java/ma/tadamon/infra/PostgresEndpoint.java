package ma.tadamon.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a PostgreSQL server answers and how to log in to it: over TCP, and where the server is on
 * this machine also through its Unix socket, in {@code socketDirectory}.
 */
public record PostgresEndpoint(
    String host,
    int port,
    String database,
    String user,
    String password,
    Optional<String> socketDirectory) {

  private static final String DUPLICATE_DATABASE = "42P04";

  /** A server reached over TCP only. */
  public PostgresEndpoint(String host, int port, String database, String user, String password) {
    this(host, port, database, user, password, Optional.empty());
  }

  /** The same server and login, another of its databases. */
  public PostgresEndpoint withDatabase(String otherDatabase) {
    return new PostgresEndpoint(host, port, otherDatabase, user, password, socketDirectory);
  }

  /**
   * Creates a database of that name on the same server, unless there is one already (created
   * meanwhile by another process included).
   */
  public void createDatabaseIfMissing(String name) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
    } catch (SQLException e) {
      if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
        throw e;
      }
    }
  }

  /**
   * A JDBC connection to its database, for the tools that run a few statements one after another
   * (the PostgreSQL JDBC driver on their class path).
   */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
  }

  /** The settings a service reads to reach it ({@code PG_*}). */
  public Map<String, String> settings() {
    Map<String, String> settings = new HashMap<>();
    settings.put("PG_HOST", host);
    settings.put("PG_PORT", String.valueOf(port));
    settings.put("PG_DATABASE", database);
    settings.put("PG_USER", user);
    settings.put("PG_PASSWORD", password);
    socketDirectory.ifPresent(directory -> settings.put("PG_SOCKET_DIR", directory));
    return settings;
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
