package ma.tadamon.platform.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * One HTTP server on one event loop, serving a service's router. A service deploys one per core on the
 * same port and Vert.x spreads the connections between them, so requests use every core.
 */
final class HttpServerVerticle extends VerticleBase {

  private final Router router;
  private final int port;

  HttpServerVerticle(Router router, int port) {
    this.router = router;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(router)
        .listen(port);
  }
}
