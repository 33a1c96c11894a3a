package ma.tadamon.notification.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.regex.Pattern;
import ma.tadamon.notification.SmsReplies;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;

/**
 * The SMS gateway's webhook for replies, for aggregators that post them over HTTP rather than SMPP:
 * {@code POST /api/notifications/sms/inbound} with {@code Authorization: Bearer
 * <SMS_INBOUND_TOKEN>} and {@code {"from": "+212…", "text": "100042 OK"}}. Without a configured
 * token the route refuses everything.
 */
public final class SmsInboundApi {

  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
  private static final int MAX_TEXT = 1_000;

  record InboundSms(String from, String text) {}

  private final SmsReplies replies;
  private final String token;

  /**
   * @param token the shared secret the gateway sends; null when the webhook is not configured
   */
  public SmsInboundApi(SmsReplies replies, String token) {
    this.replies = replies;
    this.token = token;
  }

  public void mount(Router router) {
    router.post("/api/notifications/sms/inbound").handler(this::received);
  }

  private void received(RoutingContext ctx) {
    if (token == null) {
      throw new ProblemException(
          Problem.of(
              503,
              "not-configured",
              "Inbound SMS over HTTP is not configured",
              "Set SMS_INBOUND_TOKEN to accept the gateway's webhook."));
    }
    String header = ctx.request().getHeader("Authorization");
    String presented =
        header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
            ? header.substring(7).trim()
            : "";
    if (!MessageDigest.isEqual(
        presented.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      throw new ProblemException(
          Problem.of(
              401,
              "unauthorized",
              "Not the SMS gateway",
              "Send the gateway's token as a bearer token."));
    }
    InboundSms sms = JsonBodies.read(ctx, InboundSms.class, "an inbound SMS");
    if (sms.from() == null
        || !E164.matcher(sms.from()).matches()
        || sms.text() == null
        || sms.text().isBlank()
        || sms.text().length() > MAX_TEXT) {
      throw ProblemException.invalid(
          List.of(
              new FieldError("from", "the sender in E.164 form, e.g. +212661000101"),
              new FieldError("text", "the message, 1 to " + MAX_TEXT + " characters")));
    }
    replies
        .received(sms.from(), sms.text(), "HTTP")
        .onSuccess(
            outcome ->
                JsonResponses.send(ctx, 202, new JsonObject().put("outcome", outcome.name())))
        .onFailure(ctx::fail);
  }
}
