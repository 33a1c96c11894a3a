package ma.tadamon.platform.auth;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.http.ProblemHandler;

/** An operators-only route behind a service's token check, for tests of what that check accepts. */
final class ProtectedEndpoint {

  private ProtectedEndpoint() {}

  /** Serves {@code GET /secret} on a free port, checked as a service with these settings would. */
  static int serve(Vertx vertx, Settings settings) {
    Authentication authentication = await(Authentication.create(vertx, settings), 10);
    Router router = Router.router(vertx);
    ProblemHandler.install(router);
    authentication
        .protect(router.get("/secret"), Role.OPERATOR)
        .handler(ctx -> ctx.response().end("ok"));
    return await(vertx.createHttpServer().requestHandler(router).listen(0), 10).actualPort();
  }

  /** The status {@code GET /secret} answers with this bearer token (none: null). */
  static int status(WebClient http, int port, String token) {
    var request = http.get(port, "localhost", "/secret");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.send(), 10).statusCode();
  }
}
