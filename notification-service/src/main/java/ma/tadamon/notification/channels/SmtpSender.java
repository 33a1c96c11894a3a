package ma.tadamon.notification.channels;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.http.Html;

/**
 * E-mail over SMTP: a plain-text part and an HTML part (right to left for Arabic), in the
 * recipient's language.
 */
public final class SmtpSender implements ChannelSender {

  private final MailClient mail;
  private final String from;

  private SmtpSender(MailClient mail, String from) {
    this.mail = mail;
    this.from = from;
  }

  /**
   * Configured from SMTP_HOST, SMTP_PORT, SMTP_FROM, SMTP_USERNAME, SMTP_PASSWORD, SMTP_STARTTLS.
   */
  public static SmtpSender create(Vertx vertx, Settings settings) {
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
        settings.get("SMTP_FROM", "Tadamon <notifications@tadamon.ma>"));
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public Future<String> send(Outgoing message) {
    MailMessage mailMessage =
        new MailMessage()
            .setFrom(from)
            .setTo(message.destination())
            .setSubject(message.subject())
            .setText(message.body())
            .setHtml(html(message));
    return mail.sendMail(mailMessage)
        .map(result -> result.getMessageID())
        .recover(
            error ->
                isRejectedAddress(error.getMessage())
                    ? Future.failedFuture(
                        new PermanentFailure(
                            "the mail server refused the address: " + error.getMessage()))
                    : Future.failedFuture(error));
  }

  private static String html(Outgoing message) {
    boolean rtl = "ar".equals(message.language());
    return "<!doctype html><html lang=\""
        + message.language()
        + "\" dir=\""
        + (rtl ? "rtl" : "ltr")
        + "\">"
        + "<body style=\"font-family:sans-serif\"><p>"
        + Html.escape(message.body()).replace("\n", "<br>")
        + "</p>"
        + "<p style=\"color:#666\">Tadamon — تضامن</p></body></html>";
  }

  /** 550/553 and friends: the mailbox does not exist or is refused for good. */
  private static boolean isRejectedAddress(String error) {
    return error != null && error.matches("(?s).*\\b55[0-3]\\b.*");
  }
}
