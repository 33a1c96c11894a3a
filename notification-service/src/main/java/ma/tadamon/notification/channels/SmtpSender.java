package ma.tadamon.notification.channels;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.regex.Pattern;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.Templates;
import ma.tadamon.notification.marketing.UnsubscribeLinks;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.http.Html;

/**
 * E-mail over SMTP: a plain-text part and an HTML part (right to left for Arabic), in the
 * recipient's language.
 */
public final class SmtpSender implements ChannelSender {

  private final MailClient mail;
  private final String from;
  private final UnsubscribeLinks unsubscribe;

  private SmtpSender(MailClient mail, String from, UnsubscribeLinks unsubscribe) {
    this.mail = mail;
    this.from = from;
    this.unsubscribe = unsubscribe;
  }

  /**
   * Configured from SMTP_HOST, SMTP_PORT, SMTP_FROM, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS.
   */
  public static SmtpSender create(Vertx vertx, Settings settings, UnsubscribeLinks unsubscribe) {
    MailConfig config =
        new MailConfig()
            .setHostname(settings.required("SMTP_HOST"))
            .setPort(settings.getInt("SMTP_PORT", 25))
            .setStarttls(StartTLSOptions.valueOf(settings.get("SMTP_STARTTLS", "OPTIONAL")))
            .setKeepAlive(true)
            .setMaxPoolSize(settings.getInt("SMTP_POOL_SIZE", 4));
    settings.optional("SMTP_USERNAME").ifPresent(config::setUsername);
    settings.optional("SMTP_PASSWORD").ifPresent(config::setPassword);
    return new SmtpSender(
        MailClient.createShared(vertx, config, "tadamon-smtp"),
        settings.get("SMTP_FROM", "Tadamon <notifications@tadamon.ma>"),
        unsubscribe);
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public Future<String> send(Outgoing message) {
    // Every e-mail to a shopper ends with the link that stops Tadamon's news (law 09-08), and says
    // it in the headers mail programs show as "unsubscribe" (RFC 2369, one click: RFC 8058).
    String link = toShopper(message) ? unsubscribe.linkFor(message.destination()) : null;
    String text =
        link == null
            ? message.body()
            : message.body()
                + "\n\n"
                + Templates.render(
                    Templates.UNSUBSCRIBE_FOOTER, message.language(), Map.of("link", link));
    MailMessage mailMessage =
        new MailMessage()
            .setFrom(from)
            .setTo(message.destination())
            .setSubject(message.subject())
            .setText(text)
            .setHtml(html(message.language(), text));
    if (link != null) {
      mailMessage.addHeader("List-Unsubscribe", "<" + link + ">");
      mailMessage.addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }
    return mail.sendMail(mailMessage)
        .map(result -> result.getMessageID())
        .recover(
            error -> {
              if (isRejectedAddress(error.getMessage())) {
                return Future.failedFuture(
                    new PermanentFailure(
                        "the mail server refused the address: " + error.getMessage()));
              }
              if (isUnreachable(error)) {
                return Future.failedFuture(
                    new ChannelDown("the mail server cannot be reached: " + error.getMessage()));
              }
              return Future.failedFuture(error);
            });
  }

  /**
   * No connection to the mail server at all: refused, timed out (Netty's timeout is a {@link
   * ConnectException} too), or its name unknown.
   */
  private static boolean isUnreachable(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
        return true;
      }
      if (cause.getCause() == cause) {
        return false;
      }
    }
    return false;
  }

  private static boolean toShopper(Outgoing message) {
    return message.template().startsWith("shopper.") || message.template().startsWith("marketing.");
  }

  /**
   * A product photo's address in a message (catalog-service's content-addressed renditions): the
   * HTML part shows the photo itself, so a shopper sees what she bought.
   */
  private static final Pattern PHOTO_URL =
      Pattern.compile("https?://[^\\s<>\"]+/api/catalog/photos/[0-9a-f]{64}\\.jpg");

  private static String html(String language, String text) {
    boolean rtl = "ar".equals(language);
    return "<!doctype html><html lang=\""
        + language
        + "\" dir=\""
        + (rtl ? "rtl" : "ltr")
        + "\">"
        + "<body style=\"font-family:sans-serif\"><p>"
        + PHOTO_URL
            .matcher(Html.escape(text).replace("\n", "<br>"))
            .replaceAll(
                "<img src=\"$0\" width=\"160\" alt=\"\" style=\"display:block;border-radius:6px\">")
        + "</p>"
        + "<p style=\"color:#666\">Tadamon — تضامن</p></body></html>";
  }

  /** 550/553 and friends: the mailbox does not exist or is refused for good. */
  private static boolean isRejectedAddress(String error) {
    return error != null && error.matches("(?s).*\\b55[0-3]\\b.*");
  }
}
