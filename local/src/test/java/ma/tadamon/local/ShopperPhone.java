package ma.tadamon.local;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shopper's phone in end-to-end tests: the code of a cash-on-delivery order, read from what the
 * SMS sandbox received for the shopper's number, typed on the order's form as a person would.
 */
final class ShopperPhone {

  private static final HttpClient SANDBOX =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ShopperPhone() {}

  /** The code the SMS for order {@code orderCode} brought to its shopper, once it has come. */
  static String codeFor(LocalPlatform platform, String orderCode) {
    return await()
        // Long enough for a broker a test killed to be back and the events it held to flow.
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(300))
        .until(() -> codeIn(platform, orderCode), Optional::isPresent)
        .orElseThrow();
  }

  /** Types the code of {@code placed} (a checkout's answer) on its form. */
  static void confirm(LocalPlatform platform, WebClient http, JsonObject placed) {
    confirm(platform, http, placed, null);
  }

  /** The same, as a request that continues trace {@code traceparent}. */
  static void confirm(
      LocalPlatform platform, WebClient http, JsonObject placed, String traceparent) {
    String code = codeFor(platform, placed.getString("code"));
    HttpRequest<Buffer> request =
        http.post("/api/notifications/phone-confirmations/" + placed.getString("id"));
    if (traceparent != null) {
      request.putHeader("traceparent", traceparent);
    }
    HttpResponse<Buffer> typed =
        await(request.sendJsonObject(new JsonObject().put("code", code)), 10);
    assertThat(typed.statusCode()).as(typed.bodyAsString()).isEqualTo(200);
  }

  /** The order's short link, from the confirmation SMS its shopper got, once it has come. */
  static String orderLinkFor(LocalPlatform platform, String orderCode) {
    Pattern link = Pattern.compile("https?://\\S+/s/" + orderCode + "-[A-Za-z0-9_-]{12}");
    return await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                texts(platform)
                    .map(link::matcher)
                    .filter(Matcher::find)
                    .map(Matcher::group)
                    .findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }

  private static Optional<String> codeIn(LocalPlatform platform, String orderCode)
      throws Exception {
    return DemoTraffic.oneTimeCode(texts(platform), orderCode);
  }

  /** Every SMS the sandbox received, in the order they were sent. */
  private static Stream<String> texts(LocalPlatform platform) throws Exception {
    String body =
        SANDBOX
            .send(
                java.net.http.HttpRequest.newBuilder(
                        URI.create(platform.smsSandboxUrl() + "api/messages"))
                    .GET()
                    .build(),
                BodyHandlers.ofString())
            .body();
    return new JsonObject(body)
        .getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .map(sms -> sms.getString("text"));
  }
}
