package ma.tadamon.platform.http;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Map;
import ma.tadamon.platform.ratelimit.RateLimitExceeded;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refusal by a rate limit is a 429 a shopper can read, in the language the request asked for,
 * with {@code Retry-After}; and the client's address is the one the trusted proxy saw, whatever the
 * client wrote before it.
 */
class RateLimitedAnswerTest {

  private Vertx vertx;
  private WebClient web;
  private int port;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    web = WebClient.create(vertx);
    Router router = Router.router(vertx);
    ProblemHandler.install(router);
    ClientAddress.install(router, 1);
    router.get("/address").handler(ctx -> ctx.response().end(ClientAddress.of(ctx)));
    router
        .get("/limited")
        .handler(
            ctx -> ctx.fail(new RateLimitExceeded("checkout-address", Duration.ofMillis(41_200))));
    router
        .get("/challenged")
        .handler(
            ctx ->
                ctx.fail(
                    new RateLimitExceeded("checkout-address", Duration.ofSeconds(30))
                        .passableWith(Map.of("algorithm", "SHA-256", "maxnumber", 200_000L))));
    port = await(vertx.createHttpServer().requestHandler(router).listen(0), 10).actualPort();
  }

  @AfterEach
  void stop() {
    await(vertx.close(), 10);
  }

  @Test
  void a_refusal_is_429_in_the_readers_language_with_retry_after() {
    HttpResponse<Buffer> arabic = send(get("/limited").putHeader("Accept-Language", "ar"));
    HttpResponse<Buffer> french =
        send(get("/limited").putHeader("Accept-Language", "fr-MA, en;q=0.5"));
    HttpResponse<Buffer> unknown = send(get("/limited").putHeader("Accept-Language", "de"));

    assertThat(arabic.statusCode()).isEqualTo(429);
    assertThat(arabic.getHeader("Retry-After")).isEqualTo("42");
    assertThat(arabic.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
    assertThat(arabic.getHeader("Content-Language")).isEqualTo("ar");
    JsonObject problem = arabic.bodyAsJsonObject();
    assertThat(problem.getString("title")).isEqualTo("طلبات كثيرة جدا");
    assertThat(problem.getString("detail")).contains("42");
    assertThat(problem.getInteger("status")).isEqualTo(429);
    assertThat(problem.getLong("retryAfterSeconds")).isEqualTo(42);
    assertThat(problem.encode()).as("never which limit was met").doesNotContain("checkout-address");
    assertThat(french.bodyAsJsonObject().getString("title")).isEqualTo("Trop de demandes");
    assertThat(unknown.getHeader("Content-Language"))
        .as("the storefront's default")
        .isEqualTo("fr");
  }

  @Test
  void a_refusal_that_a_proof_of_work_passes_carries_its_challenge() {
    HttpResponse<Buffer> arabic = send(get("/challenged").putHeader("Accept-Language", "ar"));

    assertThat(arabic.statusCode()).isEqualTo(429);
    assertThat(arabic.getHeader("Retry-After")).isEqualTo("30");
    JsonObject problem = arabic.bodyAsJsonObject();
    assertThat(problem.getString("type")).endsWith("/proof-of-work-required");
    assertThat(problem.getString("title")).isEqualTo("تحقق قصير ضروري");
    assertThat(problem.getJsonObject("challenge").getLong("maxnumber")).isEqualTo(200_000);
    assertThat(
            send(get("/challenged").putHeader("Accept-Language", "en"))
                .bodyAsJsonObject()
                .getString("detail"))
        .contains("not a robot");
  }

  @Test
  void a_wait_is_said_as_a_person_says_it_in_each_language() {
    assertThat(TooManyRequests.waitInWords(1, "ar")).isEqualTo("ثانية واحدة");
    assertThat(TooManyRequests.waitInWords(2, "ar")).isEqualTo("ثانيتين");
    assertThat(TooManyRequests.waitInWords(5, "ar")).isEqualTo("5 ثوان");
    assertThat(TooManyRequests.waitInWords(42, "ar")).isEqualTo("42 ثانية");
    assertThat(TooManyRequests.waitInWords(120, "ar")).isEqualTo("دقيقتين");
    assertThat(TooManyRequests.waitInWords(600, "ar")).isEqualTo("10 دقائق");
    assertThat(TooManyRequests.waitInWords(3_600, "ar")).isEqualTo("60 دقيقة");
    assertThat(TooManyRequests.waitInWords(1, "fr")).isEqualTo("1 seconde");
    assertThat(TooManyRequests.waitInWords(89, "fr")).isEqualTo("89 secondes");
    assertThat(TooManyRequests.waitInWords(91, "fr")).isEqualTo("2 minutes");
    assertThat(TooManyRequests.waitInWords(60, "en")).isEqualTo("60 seconds");
    assertThat(TooManyRequests.waitInWords(3_600, "en")).isEqualTo("60 minutes");
  }

  @Test
  void the_client_is_the_address_the_trusted_proxy_appended() {
    assertThat(send(get("/address").putHeader("X-Forwarded-For", "203.0.113.9")).bodyAsString())
        .isEqualTo("203.0.113.9");
    assertThat(
            send(get("/address").putHeader("X-Forwarded-For", "10.9.9.9, 1.2.3.4, 203.0.113.9"))
                .bodyAsString())
        .as("what the client wrote itself is not believed")
        .isEqualTo("203.0.113.9");
    assertThat(send(get("/address")).bodyAsString())
        .as("without the header, the peer")
        .isEqualTo("127.0.0.1");
  }

  private HttpRequest<Buffer> get(String path) {
    return web.get(port, "localhost", path);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request) {
    return await(request.send(), 10);
  }
}
