package ma.tadamon.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ma.tadamon.platform.config.Settings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one origin of the web app: each API path reaches its own service, with its method, path,
 * query, headers and body intact and the service's answer passed back as it is; everything else is
 * the web app's files, with the security headers a browser enforces.
 */
class StorefrontEdgeTest {

  private static Vertx vertx;
  private static StorefrontEdge edge;
  private static WebClient http;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    Map<String, String> values = new HashMap<>();
    values.put("HTTP_PORT", "0");
    values.put("CATALOG_SERVICE_URL", "http://localhost:" + echoService("catalog"));
    values.put("ORDER_SERVICE_URL", "http://localhost:" + echoService("order"));
    values.put("PAYMENT_SERVICE_URL", "http://localhost:" + echoService("payment"));
    // Nothing listens there: a service that is down.
    values.put("NOTIFICATION_SERVICE_URL", "http://localhost:" + unusedPort());
    edge = new StorefrontEdge(Settings.of(values));
    await(vertx.deployVerticle(edge));
    http =
        WebClient.create(
            vertx, new WebClientOptions().setDefaultHost("localhost").setDefaultPort(edge.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void each_api_path_reaches_its_own_service_with_the_request_intact() throws Exception {
    JsonObject catalog =
        await(http.get("/api/catalog/products?region=souss-massa&lang=ar").send())
            .bodyAsJsonObject();
    JsonObject order =
        await(
                http.post("/api/orders")
                    .putHeader("Idempotency-Key", "k-1")
                    .sendJsonObject(new JsonObject().put("lines", "x")))
            .bodyAsJsonObject();
    JsonObject cooperative =
        await(http.get("/api/cooperatives/42/orders?status=NEW").send()).bodyAsJsonObject();
    JsonObject payment = await(http.post("/api/payments/callback/cmi").send()).bodyAsJsonObject();

    assertThat(catalog.getString("service")).isEqualTo("catalog");
    assertThat(catalog.getString("uri"))
        .isEqualTo("/api/catalog/products?region=souss-massa&lang=ar");
    assertThat(order.getString("service")).isEqualTo("order");
    assertThat(order.getString("method")).isEqualTo("POST");
    assertThat(order.getString("idempotencyKey")).isEqualTo("k-1");
    assertThat(new JsonObject(order.getString("body")).getString("lines")).isEqualTo("x");
    assertThat(cooperative.getString("service")).isEqualTo("order");
    assertThat(payment.getString("service")).isEqualTo("payment");
  }

  @Test
  void a_services_answer_comes_back_unchanged_and_a_service_down_is_a_gateway_error()
      throws Exception {
    HttpResponse<Buffer> problem = await(http.get("/api/catalog/problem").send());
    HttpResponse<Buffer> down = await(http.get("/api/notifications?order=1").send());

    assertThat(problem.statusCode()).isEqualTo(422);
    assertThat(problem.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(problem.bodyAsJsonObject().getInteger("status")).isEqualTo(422);
    assertThat(down.statusCode()).isEqualTo(502);
  }

  @Test
  void the_web_app_is_served_with_the_headers_a_browser_enforces() throws Exception {
    HttpResponse<Buffer> script = await(http.get("/app.js").send());
    HttpResponse<Buffer> missing = await(http.get("/nowhere.html").send());

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("Content-Security-Policy")).startsWith("default-src 'self'");
    assertThat(script.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(script.getHeader("Referrer-Policy")).isEqualTo("same-origin");
    assertThat(script.getHeader("Cache-Control")).contains("max-age=300");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void pages_in_every_language_and_what_search_engines_read_come_from_the_catalog()
      throws Exception {
    for (String path :
        java.util.List.of(
            "/",
            "/fr/",
            "/ar/products/%D8%B2%D9%8A%D8%AA-0123",
            "/en/regions/souss-massa",
            "/de/products/x",
            "/c/tifaouine",
            "/p/0123",
            "/robots.txt",
            "/sitemap.xml",
            "/sitemaps/products-1.xml")) {
      JsonObject answer = await(http.get(path).send()).bodyAsJsonObject();
      assertThat(answer.getString("service")).as(path).isEqualTo("catalog");
      assertThat(answer.getString("uri")).as(path).isEqualTo(path);
    }
    assertThat(await(http.get("/app.css").send()).getHeader("Content-Type")).startsWith("text/css");
  }

  /** A stand-in service that answers what it received, under its own name. */
  private static int echoService(String name) throws Exception {
    HttpServer server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      if (request.path().endsWith("/problem")) {
                        request
                            .response()
                            .setStatusCode(422)
                            .putHeader("Content-Type", "application/problem+json")
                            .end(new JsonObject().put("status", 422).put("title", "no").encode());
                        return;
                      }
                      request
                          .body()
                          .onSuccess(
                              body ->
                                  request
                                      .response()
                                      .putHeader("Content-Type", "application/json")
                                      .end(
                                          new JsonObject()
                                              .put("service", name)
                                              .put("method", request.method().name())
                                              .put("uri", request.uri())
                                              .put(
                                                  "idempotencyKey",
                                                  request.getHeader("Idempotency-Key"))
                                              .put("body", body.toString())
                                              .encode()));
                    })
                .listen(0));
    return server.actualPort();
  }

  private static int unusedPort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
