package ma.tadamon.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real mail server for the local platform: GreenMail's standalone server, from the jar its
 * project publishes on Maven Central, run as a child process. It takes every message over SMTP (any
 * address, no account needed) and keeps it for the page that shows what was sent, as the SMS
 * sandbox does for SMS. Its mail lives in its memory: a restart (by the supervisor, or of the
 * platform) starts with an empty box, which is what a developer's mail catcher is for.
 */
public final class EmbeddedMail implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMail.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ProcessBuilder launch;
  private final MailEndpoint endpoint;
  private final Path logFile;
  private volatile Process process;
  private volatile Supervisor supervisor;

  private EmbeddedMail(ProcessBuilder launch, MailEndpoint endpoint, Path logFile) {
    this.launch = launch;
    this.endpoint = endpoint;
    this.logFile = logFile;
  }

  /**
   * Starts GreenMail with SMTP and its API on free loopback ports; its log under {@code directory}.
   */
  public static EmbeddedMail start(Path directory) {
    PublishedArtifact server = PublishedArtifact.read("greenmail", "jar");
    int smtp = FreePorts.next();
    int api = FreePorts.next();
    Path logFile = directory.resolve("greenmail.log");
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new InfrastructureException("could not prepare the mail server in " + directory, e);
    }
    MailEndpoint endpoint = new MailEndpoint("127.0.0.1", smtp, "http://127.0.0.1:" + api);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(),
            "-Xms16m",
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-Dgreenmail.hostname=127.0.0.1",
            "-Dgreenmail.smtp.port=" + smtp,
            "-Dgreenmail.api.hostname=127.0.0.1",
            "-Dgreenmail.api.port=" + api,
            // A catcher: every address is a mailbox, created on its first message.
            "-Dgreenmail.auth.disabled",
            "-jar",
            server.file().toString());
    ProcessBuilder launch =
        new ProcessBuilder(ChildProcesses.detached(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    EmbeddedMail mail = new EmbeddedMail(launch, endpoint, logFile);
    ProcessHandle first;
    try {
      first = mail.launch();
    } catch (IOException e) {
      throw new InfrastructureException("could not start GreenMail: " + e, e);
    }
    log.info("GreenMail {} taking mail on {}", server.version(), endpoint);
    mail.supervisor = new Supervisor("GreenMail mail server", first, mail::launch);
    return mail;
  }

  public MailEndpoint endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  private ProcessHandle launch() throws IOException {
    Process started = launch.start();
    process = started;
    try {
      ChildProcesses.awaitAnswer(
          started,
          URI.create(endpoint.apiUrl() + "/api/service/readiness"),
          200,
          START_TIMEOUT,
          Duration.ofMillis(100),
          logFile,
          "GreenMail");
    } catch (RuntimeException e) {
      started.destroyForcibly();
      throw e;
    }
    return started.toHandle();
  }

  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
    ChildProcesses.stop(process, "GreenMail");
  }
}
