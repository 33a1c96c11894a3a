package ma.tadamon.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cooperative member's phone in end-to-end tests: the sign-in links the SMS sandbox received for
 * her number, as she would find them in her messages.
 */
final class SignInLinks {

  private static final Pattern LINK = Pattern.compile("/#/welcome/([A-Za-z0-9_-]{22})");
  private static final HttpClient SANDBOX =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private SignInLinks() {}

  /** The code of the {@code nth} link sent to {@code phone}; exactly {@code nth} have come. */
  static String bySms(LocalPlatform platform, String phone, int nth) {
    List<String> codes =
        await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(300))
            .until(() -> codesSentTo(platform, phone), found -> found.size() >= nth);
    assertThat(codes).as("one link per request, none twice").hasSize(nth);
    return codes.get(nth - 1);
  }

  /** The link's code in a message's text. */
  static Optional<String> code(String text) {
    Matcher link = LINK.matcher(text);
    return link.find() ? Optional.of(link.group(1)) : Optional.empty();
  }

  /** In the order they were sent. */
  private static List<String> codesSentTo(LocalPlatform platform, String phone) throws Exception {
    String body =
        SANDBOX
            .send(
                HttpRequest.newBuilder(URI.create(platform.smsSandboxUrl() + "api/messages"))
                    .GET()
                    .build(),
                BodyHandlers.ofString())
            .body();
    return new JsonObject(body)
        .getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(sms -> phone.equals(sms.getString("phone")))
            .map(sms -> code(sms.getString("text")))
            .flatMap(Optional::stream)
            .toList();
  }
}
