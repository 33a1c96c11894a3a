package ma.tadamon.storefront;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.httpproxy.HttpProxy;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.http.OperationalRoutes;
import ma.tadamon.platform.http.SecurityHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one origin shoppers, cooperatives and operators open: the web app's static assets, and the
 * services' APIs routed by path (in Kubernetes the Ingress does this routing instead).
 */
public final class StorefrontEdge extends VerticleBase {

  public static final String NAME = "storefront";
  private static final Logger log = LoggerFactory.getLogger(StorefrontEdge.class);

  /** Which service answers which API path, and the setting naming its address. */
  private record Route(List<String> paths, String setting, String defaultUrl) {}

  private static final List<Route> ROUTES =
      List.of(
          new Route(List.of("/api/catalog/*"), "CATALOG_SERVICE_URL", "http://localhost:8081"),
          // The pages catalog-service renders: "/" (which picks a language), "/fr/…", short links,
          // and what search engines read.
          new Route(
              List.of("/", "/c/*", "/p/*", "/robots.txt", "/sitemap.xml", "/sitemaps/*"),
              "CATALOG_SERVICE_URL",
              "http://localhost:8081"),
          // "/s/…": an order's short link, from the shopper's confirmation SMS.
          new Route(
              List.of("/api/orders", "/api/orders/*", "/api/cooperatives/*", "/s/*"),
              "ORDER_SERVICE_URL",
              "http://localhost:8082"),
          new Route(List.of("/api/payments/*"), "PAYMENT_SERVICE_URL", "http://localhost:8083"),
          new Route(
              List.of("/api/notifications", "/api/notifications/*"),
              "NOTIFICATION_SERVICE_URL",
              "http://localhost:8084"));

  private static final String FORWARDED_FOR = "X-Forwarded-For";

  /** A page in a language, "/fr/…"; an unknown language too, so that it gets a 404 page. */
  private static final String PAGES = "/(?!api(?:/|$))[a-z]{2,3}(?:/.*)?";

  private final Settings settings;
  private final String localIndex;
  private HttpServer server;

  public StorefrontEdge(Settings settings) {
    this(settings, null);
  }

  /**
   * With {@code localIndex}, the local platform's index page, served at /local (never in a cluster,
   * where the storefront is started without one).
   */
  public StorefrontEdge(Settings settings, String localIndex) {
    this.settings = settings;
    this.localIndex = localIndex;
  }

  /**
   * Says who the client is, as the Ingress does in Kubernetes: the services' rate limits count
   * clients by address, and behind this edge they would otherwise all be this edge.
   */
  private static void appendForwardedFor(HttpServerRequest request) {
    String peer = request.remoteAddress().hostAddress();
    String earlier = request.getHeader(FORWARDED_FOR);
    request.headers().set(FORWARDED_FOR, earlier == null ? peer : earlier + ", " + peer);
  }

  private static void forward(HttpProxy proxy, HttpServerRequest request) {
    appendForwardedFor(request);
    proxy.handle(request);
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    OperationalRoutes.mountSelfContained(router);
    HttpClient client =
        vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(64));
    Map<String, String> origins = new LinkedHashMap<>();
    for (Route route : ROUTES) {
      URI origin = URI.create(settings.get(route.setting(), route.defaultUrl()));
      HttpProxy proxy = HttpProxy.reverseProxy(client).origin(origin.getPort(), origin.getHost());
      route
          .paths()
          .forEach(path -> router.route(path).handler(ctx -> forward(proxy, ctx.request())));
      origins.put(String.join(" ", route.paths()), origin.toString());
      if (route.setting().equals("CATALOG_SERVICE_URL")) {
        router.routeWithRegex(PAGES).handler(ctx -> forward(proxy, ctx.request()));
      }
    }
    // Sign-in pages and the token endpoint share the web app's origin, as the Ingress does it.
    settings
        .optional("IDENTITY_PROVIDER_URL")
        .map(URI::create)
        .ifPresent(
            identity -> {
              HttpProxy proxy =
                  HttpProxy.reverseProxy(client).origin(identity.getPort(), identity.getHost());
              router.route("/auth/*").handler(ctx -> proxy.handle(ctx.request()));
              origins.put("/auth/*", identity.toString());
            });
    router
        .route()
        .handler(
            ctx -> {
              SecurityHeaders.apply(ctx.response());
              ctx.next();
            });
    if (localIndex != null) {
      router
          .get("/local")
          .handler(
              ctx ->
                  ctx.response()
                      .putHeader("Content-Type", "text/html; charset=utf-8")
                      .putHeader("Cache-Control", "no-store")
                      .end(localIndex));
    }
    router
        .route()
        .handler(StaticHandler.create("webroot").setMaxAgeSeconds(300).setCachingEnabled(true));
    int port = settings.getInt("HTTP_PORT", 8080);
    return vertx
        .createHttpServer(new HttpServerOptions().setCompressionSupported(true))
        .requestHandler(router)
        .listen(port)
        .onSuccess(
            listening -> {
              server = listening;
              origins.forEach((paths, origin) -> log.debug("{} -> {}", paths, origin));
              log.info("storefront listening on http://localhost:{}", listening.actualPort());
            });
  }

  /**
   * Lets the requests in flight finish (a rolling update, a node drain) before the process goes.
   */
  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.shutdown(10, TimeUnit.SECONDS);
  }

  public int port() {
    return server.actualPort();
  }
}
