package ma.tadamon.local;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import ma.tadamon.infra.PostgresEndpoint;

/** The local platform's database, for end-to-end tests that check what the services wrote. */
final class PlatformDatabase {

  private PlatformDatabase() {}

  static Pool pool(Vertx vertx, LocalPlatform platform) {
    PostgresEndpoint pg = platform.infrastructure().postgres();
    return PgBuilder.pool()
        .connectingTo(
            new PgConnectOptions()
                .setHost(pg.host())
                .setPort(pg.port())
                .setDatabase(pg.database())
                .setUser(pg.user())
                .setPassword(pg.password()))
        .using(vertx)
        .build();
  }
}
