package ma.tadamon.sandbox.sms;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ma.tadamon.platform.http.Html;
import ma.tadamon.platform.http.OperationalRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMS sandbox's web page, for trying the platform locally as a cooperative with a basic phone
 * would: every SMS the SMSC was given, joined back from its segments, per phone; and a form to
 * answer from a phone ("100042 نعم"), which the SMSC delivers to the platform like any reply. Also
 * JSON at {@code /api/messages}.
 */
public final class SmsSandbox extends VerticleBase {

  public static final String NAME = "sms-sandbox";
  private static final Logger log = LoggerFactory.getLogger(SmsSandbox.class);

  private final SandboxSmsc smsc;
  private final int port;
  private HttpServer server;

  /** A whole message as the phone shows it. */
  public record Received(String phone, String text, int segments, String messageId) {}

  public SmsSandbox(SandboxSmsc smsc, int port) {
    this.smsc = smsc;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    OperationalRoutes.mountSelfContained(router);
    router
        .get("/api/messages")
        .handler(
            ctx ->
                ctx.json(
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(
                                received(smsc.submitted()).stream()
                                    .map(
                                        m ->
                                            (Object)
                                                new JsonObject()
                                                    .put("phone", m.phone())
                                                    .put("text", m.text())
                                                    .put("segments", m.segments()))
                                    .toList()))));
    router.get("/").handler(this::page);
    router.post("/reply").handler(this::reply);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port)
        .onSuccess(
            listening -> {
              server = listening;
              log.info(
                  "SMS sandbox: SMSC on port {}, messages on http://localhost:{}/",
                  smsc.port(),
                  listening.actualPort());
            });
  }

  @Override
  public Future<?> stop() {
    return vertx.executeBlocking(
        () -> {
          smsc.close();
          return null;
        });
  }

  public int port() {
    return server.actualPort();
  }

  /** Concatenated segments joined back by reference, in the order they were sent. */
  public static List<Received> received(List<SandboxSmsc.Submitted> submitted) {
    Map<String, List<SandboxSmsc.Submitted>> messages = new LinkedHashMap<>();
    for (SandboxSmsc.Submitted sms : submitted) {
      byte[] body = sms.shortMessage();
      boolean concatenated = (sms.esmClass() & 0x40) != 0 && body.length > 5;
      String key =
          concatenated
              ? sms.destination() + "/" + (body[3] & 0xFF) + "/" + (body[4] & 0xFF)
              : sms.messageId();
      messages.computeIfAbsent(key, k -> new ArrayList<>()).add(sms);
    }
    List<Received> whole = new ArrayList<>();
    messages
        .values()
        .forEach(
            parts -> {
              StringBuilder text = new StringBuilder();
              for (SandboxSmsc.Submitted part : parts) {
                byte[] body = part.shortMessage();
                if ((part.esmClass() & 0x40) != 0 && body.length > 0) {
                  body =
                      Arrays.copyOfRange(
                          body, Math.min(body.length, (body[0] & 0xFF) + 1), body.length);
                }
                text.append(
                    part.dataCoding() == 0x08
                        ? new String(body, StandardCharsets.UTF_16BE)
                        : gsm7(body));
              }
              SandboxSmsc.Submitted last = parts.get(parts.size() - 1);
              whole.add(
                  new Received(
                      "+" + last.destination(), text.toString(), parts.size(), last.messageId()));
            });
    return whole;
  }

  /**
   * GSM 03.38 default alphabet, one septet an octet, as a phone shows it (extension table
   * included).
   */
  private static String gsm7(byte[] septets) {
    String basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < septets.length; i++) {
      int code = septets[i] & 0x7F;
      if (code == 0x1B && i + 1 < septets.length) {
        int escaped = septets[++i] & 0x7F;
        int at = "\u0014\u0028\u0029\u002F\u003C\u003D\u003E\u0040\u0065\n".indexOf(escaped);
        text.append(at >= 0 ? "^{}\\[~]|€\f".charAt(at) : '?');
      } else {
        text.append(basic.charAt(code));
      }
    }
    return text.toString();
  }

  private void page(RoutingContext ctx) {
    List<Received> messages = new ArrayList<>(received(smsc.submitted()));
    Collections.reverse(messages);
    StringBuilder rows = new StringBuilder();
    for (Received message : messages) {
      rows.append("<li><strong>")
          .append(Html.escape(message.phone()))
          .append("</strong> <small>")
          .append(message.segments())
          .append(" SMS</small><p dir=\"auto\">")
          .append(Html.escape(message.text()))
          .append(
              "</p><form method=\"post\" action=\"/reply\"><input type=\"hidden\" name=\"from\" value=\"")
          .append(Html.escape(message.phone()))
          .append("\"><label>Répondre / رد <input name=\"text\" dir=\"auto\" required>")
          .append("</label> <button>Envoyer</button></form></li>");
    }
    ctx.response()
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(
            "<!doctype html><html lang=\"fr\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>SMS sandbox</title>"
                + "<style>body{font-family:sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}li{margin:1rem 0;"
                + "list-style:none;border-bottom:1px solid #ddd}p{white-space:pre-wrap}</style></head><body>"
                + "<h1>SMS sandbox</h1><p>Les SMS que Tadamon a envoyés, du plus récent au plus ancien. "
                + "Répondez comme le ferait la coopérative.</p><ul>"
                + rows
                + "</ul></body></html>");
  }

  private void reply(RoutingContext ctx) {
    String from = ctx.request().getFormAttribute("from");
    String text = ctx.request().getFormAttribute("text");
    if (from == null
        || !from.matches("\\+[1-9][0-9]{7,14}")
        || text == null
        || text.isBlank()
        || text.length() > 300) {
      ctx.response()
          .setStatusCode(400)
          .end("from (+212…) and text (1 to 300 characters) are required");
      return;
    }
    vertx
        .executeBlocking(
            () -> {
              smsc.sendFromPhone(from, text.trim());
              return null;
            })
        .onComplete(
            sent -> {
              if (sent.failed()) {
                ctx.response()
                    .setStatusCode(503)
                    .end("the platform is not bound to the SMSC: " + sent.cause().getMessage());
              } else {
                ctx.response().setStatusCode(303).putHeader("Location", "/").end();
              }
            });
  }
}
