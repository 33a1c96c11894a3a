package ma.tadamon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.infra.Infrastructure;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ./tadamon run} stopped twice in a row, as a person presses Ctrl-C again when the first
 * stop seems slow: the platform stops at once and leaves none of its servers running. The platform
 * runs as {@code ./tadamon run} runs it, in a JVM of its own with Keycloak, from the test's
 * classpath. The signal is SIGTERM, which takes the same path as Ctrl-C's SIGINT: a test's child
 * process may inherit SIGINT as ignored (a background job's), and an ignored signal cannot be taken
 * back.
 */
class StopTwiceTest {

  private static final int LAST_LINES = 15;

  private final List<ProcessHandle> servers = new ArrayList<>();
  private final StringBuffer output = new StringBuffer();
  private Process platform;
  private Path data;

  @Test
  void aSecondStopStopsAtOnceAndLeavesNoServerRunning() throws Exception {
    data = Infrastructure.temporaryDirectory("tadamon-stop-twice-");
    ProcessBuilder command =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Two logback-test.xml on the test classpath make logback print its whole status
                // first; a failure's message should start with what the platform said.
                "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener",
                "-cp",
                System.getProperty("java.class.path"),
                LocalMain.class.getName(),
                "--port",
                String.valueOf(FreePorts.next()))
            .redirectErrorStream(true);
    command.environment().put("TADAMON_DATA_DIR", data.toString());
    command.environment().put("TADAMON_INFRA", "embedded");
    command.environment().keySet().removeIf(name -> name.startsWith("PG_"));
    command.environment().remove("KAFKA_BOOTSTRAP_SERVERS");
    platform = command.start();
    Thread reader = new Thread(this::readOutput, "platform-output");
    reader.setDaemon(true);
    reader.start();

    awaitOutput("Tadamon is running", Duration.ofMinutes(5));
    servers.addAll(platform.toHandle().descendants().toList());
    servers.add(postmaster());
    assertThat(servers).hasSizeGreaterThanOrEqualTo(5).allMatch(ProcessHandle::isAlive);

    // Through its handle: Process.destroy() would also close the pipe the test reads it from.
    platform.toHandle().destroy(); // the orderly stop begins: services, then servers, in seconds
    awaitOutput("Ctrl-C again to stop at once", Duration.ofSeconds(10));
    platform.toHandle().destroy();

    assertThat(platform.waitFor(20, TimeUnit.SECONDS))
        .as("the platform's JVM ends at once:\n%s", output)
        .isTrue();
    assertThat(output.toString()).contains("Stopped at once");
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(
            () ->
                assertThat(
                        servers.stream()
                            .filter(ProcessHandle::isAlive)
                            .map(this::describe)
                            .toList())
                    .as("servers left running")
                    .isEmpty());
  }

  @AfterEach
  void leaveNothingBehind() throws IOException {
    if (platform != null) {
      platform.destroyForcibly();
    }
    servers.forEach(ProcessHandle::destroyForcibly);
    if (data != null) {
      Infrastructure.deleteRecursively(data);
    }
  }

  /** The end of what the platform printed: why it stopped, ahead of everything else. */
  private String lastLines(int count) {
    List<String> lines = output.toString().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }

  private ProcessHandle postmaster() throws IOException {
    Path lockFile = data.resolve("postgres/pgdata/postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(lockFile).get(0).strip());
    return ProcessHandle.of(pid).orElseThrow();
  }

  private String describe(ProcessHandle process) {
    return process.pid() + " " + process.info().commandLine().orElse("?");
  }

  private void readOutput() {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(platform.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
      }
    } catch (IOException ended) {
      // The platform's JVM has gone.
    }
  }

  /** Waits for the platform to print {@code expected}; it must not end before it has. */
  private void awaitOutput(String expected, Duration timeout) {
    Awaitility.await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .alias("\"" + expected + "\" printed")
        .until(
            () -> {
              boolean printed = output.toString().contains(expected);
              assertThat(printed || platform.isAlive())
                  .as(
                      "the platform ended (exit %s) before printing \"%s\"; it ended with:\n%s\n"
                          + "all it printed:\n%s",
                      platform.isAlive() ? "-" : platform.exitValue(),
                      expected,
                      lastLines(LAST_LINES),
                      output)
                  .isTrue();
              return printed;
            });
  }
}
