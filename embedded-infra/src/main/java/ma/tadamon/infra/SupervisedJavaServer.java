package ma.tadamon.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A server that runs as a child Java process from a jar Maven fetched (GreenMail, S3Proxy): started
 * with this JVM's own {@code java}, its output appended to a log file, ready once an HTTP address
 * answers the expected status, and started again by a {@link Supervisor} if it dies. A start that
 * does not answer in time is stopped and fails.
 */
final class SupervisedJavaServer implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final ProcessBuilder launch;
  private final URI readiness;
  private final int readyStatus;
  private final Path logFile;
  private volatile Process process;
  private final Supervisor supervisor;

  /**
   * Starts {@code jar} with {@code jvmOptions} before it and {@code arguments} after it.
   *
   * @param name what the logs and the supervisor call it, e.g. "S3Proxy"
   * @param role what it is, after its name, for the supervisor: e.g. "object storage"
   */
  SupervisedJavaServer(
      String name,
      String role,
      Path jar,
      List<String> jvmOptions,
      List<String> arguments,
      URI readiness,
      int readyStatus,
      Path logFile) {
    this.name = name;
    this.readiness = readiness;
    this.readyStatus = readyStatus;
    this.logFile = logFile;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(arguments);
    this.launch =
        new ProcessBuilder(ChildProcesses.detached(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    ProcessHandle first;
    try {
      first = launch();
    } catch (IOException e) {
      throw new InfrastructureException("could not start " + name + ": " + e, e);
    }
    this.supervisor = new Supervisor(name + " " + role, first, this::launch);
  }

  long pid() {
    return process.pid();
  }

  private ProcessHandle launch() throws IOException {
    ChildProcesses.stopLeftover(logFile, name);
    Process started = launch.start();
    ChildProcesses.track(started.toHandle(), name, logFile);
    process = started;
    try {
      ChildProcesses.awaitAnswer(
          started, readiness, readyStatus, START_TIMEOUT, Duration.ofMillis(100), logFile, name);
    } catch (RuntimeException e) {
      started.destroyForcibly();
      throw e;
    }
    return started.toHandle();
  }

  @Override
  public void close() {
    supervisor.close();
    ChildProcesses.stop(process, name);
  }
}
