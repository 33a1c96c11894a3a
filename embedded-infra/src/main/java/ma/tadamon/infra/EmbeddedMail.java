package ma.tadamon.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real mail server for the local platform: GreenMail's standalone server, from the jar its
 * project publishes on Maven Central, run as a child process. It takes every message over SMTP (any
 * address, no account needed) and keeps it for the page that shows what was sent, as the SMS
 * sandbox does for SMS. Its mail lives in its memory: a restart (by the supervisor, or of the
 * platform) starts with an empty box, which is what a developer's mail catcher is for. Its IMAP
 * port is where the local platform deletes each address's oldest mail, so that its memory holds.
 */
public final class EmbeddedMail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMail.class);

  private final SupervisedJavaServer server;
  private final MailEndpoint endpoint;

  private EmbeddedMail(SupervisedJavaServer server, MailEndpoint endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Starts GreenMail with SMTP and its API on free loopback ports; its log under {@code directory}.
   */
  public static EmbeddedMail start(Path directory) {
    PublishedArtifact jar = PublishedArtifact.read("greenmail", "jar");
    int smtp = FreePorts.next();
    int api = FreePorts.next();
    int imap = FreePorts.next();
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new InfrastructureException("could not prepare the mail server in " + directory, e);
    }
    MailEndpoint endpoint = new MailEndpoint("127.0.0.1", smtp, "http://127.0.0.1:" + api, imap);
    SupervisedJavaServer server =
        new SupervisedJavaServer(
            "GreenMail",
            "mail server",
            jar.file(),
            List.of(
                "-Xms16m",
                "-Xmx128m",
                // Compiled fully (C2), not by C1 alone: under a fair's or a benchmark's mail the
                // catcher spent 1.25 ms of CPU on each message.
                "-Dgreenmail.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + smtp,
                "-Dgreenmail.imap.port=" + imap,
                "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + api,
                // A catcher: every address is a mailbox, created on its first message.
                "-Dgreenmail.auth.disabled"),
            List.of(),
            URI.create(endpoint.apiUrl() + "/api/service/readiness"),
            200,
            directory.resolve("greenmail.log"));
    log.info("GreenMail {} taking mail on {}", jar.version(), endpoint);
    return new EmbeddedMail(server, endpoint);
  }

  public MailEndpoint endpoint() {
    return endpoint;
  }

  public long pid() {
    return server.pid();
  }

  @Override
  public void close() {
    server.close();
  }
}
