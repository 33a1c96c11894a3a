package ma.tadamon.local;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import ma.tadamon.platform.http.Html;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local mail page: the e-mails the platform sent (order confirmations, invoices' notices,
 * news), as the local mail server (GreenMail) received it, newest first, its text as the reader
 * sees it; each address's newest {@link #KEEP_PER_ADDRESS} are kept ({@link MailRetention}). What
 * the SMS sandbox's page is for SMS.
 */
final class MailPage extends VerticleBase {

  static final String NAME = "mail-page";

  /** As many e-mails as a developer reads back; the older ones of each address are deleted. */
  static final int KEEP_PER_ADDRESS = 200;

  private static final Duration TRIM_EVERY = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(MailPage.class);
  private static final Session MIME = Session.getInstance(new Properties());

  private final String mailApi;
  private final MailRetention retention;
  private final int port;
  private WebClient client;
  private HttpServer server;
  private boolean trimming;

  /** A message as the page shows it. */
  record Mail(String to, String from, String subject, Date sent, String text) {}

  MailPage(String mailApi, MailRetention retention, int port) {
    this.mailApi = mailApi;
    this.retention = retention;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    client = WebClient.create(vertx);
    Router router = Router.router(vertx);
    router.get("/").handler(this::page);
    router.get("/api/messages").handler(this::messages);
    vertx.setPeriodic(TRIM_EVERY.toMillis(), id -> trimInTheBackground());
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port)
        .onSuccess(
            listening -> {
              server = listening;
              log.info("mail page on http://localhost:{}/", listening.actualPort());
            });
  }

  /** Every mailbox the server knows (one per address written to), then each one's inbox. */
  Future<List<Mail>> all() {
    return addresses()
        .compose(
            addresses -> {
              List<Future<JsonArray>> inboxes = new ArrayList<>();
              for (String email : addresses) {
                inboxes.add(
                    client
                        .getAbs(mailApi + "/api/user/" + email + "/messages/INBOX")
                        .send()
                        .map(response -> response.bodyAsJsonArray()));
              }
              return Future.all(inboxes)
                  .compose(
                      done ->
                          vertx.executeBlocking(
                              () -> {
                                List<Mail> mails = new ArrayList<>();
                                for (int i = 0; i < inboxes.size(); i++) {
                                  JsonArray inbox = inboxes.get(i).result();
                                  for (int j = 0; j < inbox.size(); j++) {
                                    mails.add(parse(inbox.getJsonObject(j)));
                                  }
                                }
                                mails.sort(
                                    Comparator.comparing(
                                            Mail::sent,
                                            Comparator.nullsFirst(Comparator.naturalOrder()))
                                        .reversed());
                                return mails;
                              },
                              false));
            });
  }

  /** The addresses the server has a mailbox for: every one written to. */
  private Future<List<String>> addresses() {
    return client
        .getAbs(mailApi + "/api/user")
        .send()
        .map(
            users -> {
              JsonArray mailboxes = users.bodyAsJsonArray();
              List<String> addresses = new ArrayList<>(mailboxes.size());
              for (int i = 0; i < mailboxes.size(); i++) {
                addresses.add(mailboxes.getJsonObject(i).getString("email"));
              }
              return addresses;
            });
  }

  /** Deletes what is past each address's newest e-mails; answers how many went. */
  Future<Integer> trim() {
    return addresses()
        .compose(addresses -> vertx.executeBlocking(() -> retention.trim(addresses), false));
  }

  private void trimInTheBackground() {
    if (trimming) {
      return; // the last round is still deleting
    }
    trimming = true;
    trim()
        .onComplete(
            done -> {
              trimming = false;
              if (done.failed()) {
                log.warn("could not delete the mail catcher's oldest e-mails: {}", done.cause());
              } else if (done.result() > 0) {
                log.debug("deleted the mail catcher's {} oldest e-mails", done.result());
              }
            });
  }

  private static Mail parse(JsonObject stored) throws MessagingException, IOException {
    MimeMessage message =
        new MimeMessage(
            MIME,
            new ByteArrayInputStream(
                stored.getString("mimeMessage").getBytes(StandardCharsets.UTF_8)));
    return new Mail(
        String.join(", ", List.of(message.getHeader("To", ","))),
        String.valueOf(message.getHeader("From", ",")),
        message.getSubject(),
        message.getSentDate(),
        text(message));
  }

  /** The plain-text part a reader's mail program would show, whatever the nesting. */
  private static String text(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/plain")) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        String text = text(body);
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }

  private void messages(RoutingContext ctx) {
    all()
        .onSuccess(
            mails ->
                ctx.json(
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(
                                mails.stream()
                                    .map(
                                        mail ->
                                            (Object)
                                                new JsonObject()
                                                    .put("to", mail.to())
                                                    .put("from", mail.from())
                                                    .put("subject", mail.subject())
                                                    .put("text", mail.text()))
                                    .toList()))))
        .onFailure(ctx::fail);
  }

  private void page(RoutingContext ctx) {
    all()
        .onSuccess(
            mails -> {
              StringBuilder html =
                  new StringBuilder(
                      "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\">"
                          + "<meta name=\"viewport\" content=\"width=device-width\">"
                          + "<meta http-equiv=\"refresh\" content=\"10\">"
                          + "<title>Tadamon — mail</title></head>"
                          + "<body style=\"font-family:sans-serif;max-width:48rem;margin:1rem auto\">"
                          + "<h1>E-mails envoyés · <span lang=\"ar\" dir=\"rtl\">الرسائل المرسلة</span>"
                          + " · Sent e-mails</h1>");
              if (mails.isEmpty()) {
                html.append("<p>—</p>");
              }
              for (Mail mail : mails) {
                html.append("<article class=\"mail\" style=\"border-top:1px solid #ccc\"><h2>")
                    .append(Html.escape(mail.subject() == null ? "" : mail.subject()))
                    .append("</h2><p>")
                    .append(Html.escape(mail.to()))
                    .append(" · ")
                    .append(mail.sent() == null ? "" : mail.sent().toInstant().toString())
                    .append("</p><pre dir=\"auto\" style=\"white-space:pre-wrap\">")
                    .append(Html.escape(mail.text()))
                    .append("</pre></article>");
              }
              ctx.response()
                  .putHeader("Content-Type", "text/html; charset=utf-8")
                  .end(html.append("</body></html>").toString());
            })
        .onFailure(ctx::fail);
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
