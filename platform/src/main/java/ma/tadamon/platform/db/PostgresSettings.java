package ma.tadamon.platform.db;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import java.util.Map;
import java.util.Optional;
import ma.tadamon.platform.config.Settings;

/**
 * Where the service's PostgreSQL is, from {@code PG_*} variables: its host and port, and, for a
 * server on the same machine, the directory of its Unix socket ({@code PG_SOCKET_DIR}).
 */
public record PostgresSettings(
    String host,
    int port,
    Optional<String> socketDirectory,
    String database,
    String user,
    String password,
    int poolSize,
    int poolEventLoops) {

  public static PostgresSettings from(Settings settings) {
    return new PostgresSettings(
        settings.get("PG_HOST", "127.0.0.1"),
        settings.getInt("PG_PORT", 5432),
        Optional.of(settings.get("PG_SOCKET_DIR", "")).filter(directory -> !directory.isBlank()),
        settings.get("PG_DATABASE", "tadamon"),
        settings.get("PG_USER", "tadamon"),
        settings.get("PG_PASSWORD", ""),
        settings.getInt("PG_POOL_SIZE", 8),
        settings.getInt("PG_POOL_EVENT_LOOPS", Runtime.getRuntime().availableProcessors()));
  }

  /**
   * How to reach the server, under {@code applicationName} (what {@code pg_stat_activity} shows an
   * operator): for a pool, or a connection of its own such as a LISTEN. Through the Unix socket
   * where there is one and {@code vertx} can use it (on its native transport): on one machine it
   * spares the loopback's TCP work, which falls on the same cores as the service's and the server's
   * own (docs/benchmarks.md).
   */
  public PgConnectOptions connectOptions(Vertx vertx, String applicationName) {
    return new PgConnectOptions()
        // The client takes a host that is a path for the directory of the server's socket.
        .setHost(socketDirectory.filter(directory -> vertx.isNativeTransportEnabled()).orElse(host))
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setProperties(Map.of("application_name", applicationName));
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** For messages: never the password. */
  public String describe() {
    return user + "@" + host + ":" + port + "/" + database;
  }
}
