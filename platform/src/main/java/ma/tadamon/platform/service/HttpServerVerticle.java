package ma.tadamon.platform.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server on one event loop, serving a service's router. A service deploys one per core on
 * the same port and Vert.x spreads the connections between them, so requests use every core.
 */
final class HttpServerVerticle extends VerticleBase {

  private final Router router;
  private final int port;
  private final int drainSeconds;
  private HttpServer server;

  HttpServerVerticle(Router router, int port, int drainSeconds) {
    this.router = router;
    this.port = port;
    this.drainSeconds = drainSeconds;
  }

  @Override
  public Future<?> start() {
    return vertx
        .createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(router)
        .listen(port)
        .onSuccess(listening -> server = listening);
  }

  /**
   * Stops accepting connections and lets the requests in flight finish, for HTTP_DRAIN_SECONDS at
   * most.
   */
  @Override
  public Future<?> stop() {
    return server.shutdown(drainSeconds, TimeUnit.SECONDS);
  }
}
