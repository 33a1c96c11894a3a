package ma.tadamon.platform.db;

import io.vertx.pgclient.PgConnectOptions;
import java.util.Map;
import ma.tadamon.platform.config.Settings;

/** Where the service's PostgreSQL is, from {@code PG_*} variables. */
public record PostgresSettings(
    String host,
    int port,
    String database,
    String user,
    String password,
    int poolSize,
    int poolEventLoops) {

  public static PostgresSettings from(Settings settings) {
    return new PostgresSettings(
        settings.get("PG_HOST", "127.0.0.1"),
        settings.getInt("PG_PORT", 5432),
        settings.get("PG_DATABASE", "tadamon"),
        settings.get("PG_USER", "tadamon"),
        settings.get("PG_PASSWORD", ""),
        settings.getInt("PG_POOL_SIZE", 8),
        settings.getInt("PG_POOL_EVENT_LOOPS", Runtime.getRuntime().availableProcessors()));
  }

  /**
   * How to reach the server, under {@code applicationName} (what {@code pg_stat_activity} shows an
   * operator): for a pool, or a connection of its own such as a LISTEN.
   */
  public PgConnectOptions connectOptions(String applicationName) {
    return new PgConnectOptions()
        .setHost(host)
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
