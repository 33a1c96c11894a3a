package ma.tadamon.notification.channels;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ma.tadamon.notification.domain.Channel;

/**
 * Webhooks for cooperatives with their own systems: the notification's JSON, POSTed with {@code
 * X-Tadamon-Timestamp} (Unix seconds), {@code X-Tadamon-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>" under the cooperative's secret>} and {@code X-Tadamon-Delivery} (the same on
 * every retry, so a receiver can drop duplicates). A receiver checks the signature and rejects old
 * timestamps. 2xx is delivered; 408, 429 and 5xx are retried; other 4xx mean the receiver refuses
 * it.
 */
public final class WebhookSender implements ChannelSender {

  private final WebClient http;
  private final Clock clock;
  private final long timeoutMillis;

  public WebhookSender(WebClient http, Clock clock, long timeoutMillis) {
    this.http = http;
    this.clock = clock;
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public Channel channel() {
    return Channel.WEBHOOK;
  }

  @Override
  public Future<String> send(Outgoing message) {
    URI url;
    try {
      url = URI.create(message.destination());
      if (!"https".equals(url.getScheme()) && !"http".equals(url.getScheme())) {
        throw new IllegalArgumentException("not http(s)");
      }
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new PermanentFailure("the webhook address is not an http(s) URL"));
    }
    String timestamp = String.valueOf(clock.instant().getEpochSecond());
    return http.postAbs(url.toString())
        .timeout(timeoutMillis)
        .putHeader("Content-Type", "application/json")
        .putHeader("X-Tadamon-Timestamp", timestamp)
        .putHeader(
            "X-Tadamon-Signature",
            "sha256=" + signature(message.secret(), timestamp, message.body()))
        .putHeader("X-Tadamon-Delivery", message.id().toString())
        .sendBuffer(Buffer.buffer(message.body()))
        .compose(
            response -> {
              int status = response.statusCode();
              if (status >= 200 && status < 300) {
                return Future.succeededFuture((String) null);
              }
              if (status >= 400 && status < 500 && status != 408 && status != 429) {
                return Future.failedFuture(new PermanentFailure("the receiver answered " + status));
              }
              return Future.failedFuture("the receiver answered " + status);
            });
  }

  /**
   * Hex HMAC-SHA256 of {@code timestamp + "." + body}: what receivers compute to check a delivery.
   */
  public static String signature(String secret, String timestamp, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is in every Java runtime", e);
    }
  }
}
