package ma.tadamon.local;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.infra.EmbeddedMail;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.infra.Infrastructure;
import ma.tadamon.notification.channels.ChannelSender;
import ma.tadamon.notification.channels.SmtpSender;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.marketing.UnsubscribeLinks;
import ma.tadamon.platform.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The local mail catcher: GreenMail's real server as a child process takes what
 * notification-service sends over SMTP, and the mail page shows it as the shopper would read it,
 * Arabic included.
 */
@ExtendWith(VertxExtension.class)
class MailPageTest {

  @Test
  void an_e_mail_sent_over_smtp_is_on_the_mail_page_as_its_reader_sees_it(Vertx vertx)
      throws Exception {
    Path directory = Files.createTempDirectory("tadamon-mail-");
    EmbeddedMail mail = EmbeddedMail.start(directory);
    try {
      int port = FreePorts.next();
      await(vertx.deployVerticle(page(mail, MailPage.KEEP_PER_ADDRESS, port)), 10);
      SmtpSender sender = sender(vertx, mail);
      await(
          sender.send(
              new ChannelSender.Outgoing(
                  UUID.randomUUID(),
                  Channel.EMAIL,
                  "amina@example.org",
                  "ar",
                  "shopper.order-confirmed",
                  "تضامن: الطلب 100042",
                  "تضامن: طلبكم 100042 مؤكد.",
                  null)),
          20);

      WebClient http = WebClient.create(vertx);
      String page = await(http.get(port, "localhost", "/").send(), 10).bodyAsString();
      assertThat(page)
          .contains("تضامن: الطلب 100042")
          .contains("تضامن: طلبكم 100042 مؤكد.")
          .contains("amina@example.org")
          .as("the footer every shopper's e-mail carries")
          .contains(
              "http://localhost:8080/api/notifications/unsubscribe?email=amina%40example.org");
      JsonObject listed =
          await(http.get(port, "localhost", "/api/messages").send(), 10).bodyAsJsonObject();
      assertThat(listed.getJsonArray("items")).hasSize(1);
      long pid = mail.pid();
      mail.close();
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
          .isIn(Optional.empty(), Optional.of(false));
    } finally {
      Infrastructure.deleteRecursively(directory);
    }
  }

  /**
   * The catcher keeps each address's newest e-mails and deletes the older ones, so that its memory
   * holds under load; an address with fewer keeps all of its own.
   */
  @Test
  void each_address_keeps_its_newest_e_mails_and_the_older_are_deleted(Vertx vertx)
      throws Exception {
    Path directory = Files.createTempDirectory("tadamon-mail-");
    EmbeddedMail mail = EmbeddedMail.start(directory);
    try {
      int port = FreePorts.next();
      MailPage page = page(mail, 3, port);
      await(vertx.deployVerticle(page), 10);
      SmtpSender sender = sender(vertx, mail);
      for (int i = 1; i <= 5; i++) {
        await(sender.send(email("amina@example.org", "Commande " + i)), 20);
      }
      for (int i = 1; i <= 2; i++) {
        await(sender.send(email("cooperative@example.org", "Nouvelle commande " + i)), 20);
      }

      assertThat(await(page.trim(), 30)).isEqualTo(2);
      assertThat(await(page.all(), 10).stream().map(MailPage.Mail::subject))
          .containsExactlyInAnyOrder(
              "Commande 3",
              "Commande 4",
              "Commande 5",
              "Nouvelle commande 1",
              "Nouvelle commande 2");
      assertThat(await(page.trim(), 30)).as("nothing more to delete").isZero();
    } finally {
      mail.close();
      Infrastructure.deleteRecursively(directory);
    }
  }

  private static MailPage page(EmbeddedMail mail, int keep, int port) {
    return new MailPage(mail.endpoint().apiUrl(), new MailRetention(mail.endpoint(), keep), port);
  }

  private static SmtpSender sender(Vertx vertx, EmbeddedMail mail) {
    return SmtpSender.create(
        vertx,
        Settings.of(mail.endpoint().settings()),
        new UnsubscribeLinks("a-secret-long-enough-0123456789", "http://localhost:8080"));
  }

  private static ChannelSender.Outgoing email(String to, String subject) {
    return new ChannelSender.Outgoing(
        UUID.randomUUID(),
        Channel.EMAIL,
        to,
        "fr",
        "cooperative.order-received",
        subject,
        subject + ".",
        null);
  }
}
