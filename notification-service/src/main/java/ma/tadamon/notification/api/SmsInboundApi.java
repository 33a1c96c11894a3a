package ma.tadamon.notification.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.regex.Pattern;
import ma.tadamon.notification.SmsReplies;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.http.ClientAddress;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.ratelimit.RateLimit;
import ma.tadamon.platform.ratelimit.RateLimiter;
import ma.tadamon.platform.ratelimit.RateLimiter.Take;

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
  private final RateLimiter limiter;
  // Before the token is checked, so that nobody can try tokens by the thousand; the gateway posts
  // every cooperative's replies from one address, hence a high ceiling.
  private final RateLimit perAddress;
  // A reply may be answered by SMS: a number that floods the webhook must not make Tadamon send.
  private final RateLimit perSender;

  /**
   * @param token the shared secret the gateway sends; null when the webhook is not configured
   */
  public SmsInboundApi(SmsReplies replies, String token, RateLimiter limiter, Settings settings) {
    this.replies = replies;
    this.token = token;
    this.limiter = limiter;
    this.perAddress =
        RateLimit.fromSettings(
            settings, "RATE_LIMIT_SMS_WEBHOOK_PER_ADDRESS", "sms-webhook-address", "600/1m");
    this.perSender =
        RateLimit.fromSettings(
            settings, "RATE_LIMIT_SMS_WEBHOOK_PER_SENDER", "sms-webhook-sender", "20/10m,60/1d");
  }

  public void mount(Router router) {
    router.post("/api/notifications/sms/inbound").handler(this::received);
  }

  private void received(RoutingContext ctx) {
    limiter
        .require(List.of(Take.one(perAddress, ClientAddress.of(ctx))))
        .map(admitted -> authenticRequest(ctx))
        .compose(
            sms ->
                limiter
                    .require(List.of(Take.one(perSender, sms.from())))
                    .compose(admitted -> replies.received(sms.from(), sms.text(), "HTTP")))
        .onSuccess(
            outcome ->
                JsonResponses.send(ctx, 202, new JsonObject().put("outcome", outcome.name())))
        .onFailure(ctx::fail);
  }

  /** The SMS the request carries, once it proves to come from the gateway and reads right. */
  private InboundSms authenticRequest(RoutingContext ctx) {
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
    return sms;
  }
}
