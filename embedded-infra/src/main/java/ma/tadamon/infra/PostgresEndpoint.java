package ma.tadamon.infra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Where a PostgreSQL server answers and how to log in to it. */
public record PostgresEndpoint(
    String host, int port, String database, String user, String password) {

  /**
   * A JDBC connection to its database, for the tools that run a few statements one after another
   * (the PostgreSQL JDBC driver on their class path).
   */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
  }

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
