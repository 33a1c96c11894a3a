package ma.tadamon.infra;

/** Where a PostgreSQL server answers and how to log in to it. */
public record PostgresEndpoint(
    String host, int port, String database, String user, String password) {

  @Override
  public String toString() {
    return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
  }
}
