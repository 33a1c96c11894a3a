package ma.tadamon.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Running the external programs the embedded servers are made of, and waiting for them. */
final class ChildProcesses {

  private ChildProcesses() {}

  private static final boolean HAS_SETSID =
      Stream.of("/usr/bin/setsid", "/bin/setsid")
          .anyMatch(path -> Files.isExecutable(Path.of(path)));

  /**
   * The command in a session of its own where the system allows it: a Ctrl-C in the terminal then
   * reaches only us, and we stop our servers in order, after the services that use them.
   */
  static List<String> detached(List<String> command) {
    if (!HAS_SETSID) {
      return command;
    }
    List<String> detached = new ArrayList<>(command.size() + 1);
    detached.add("setsid");
    detached.addAll(command);
    return detached;
  }

  /** The servers running now (each the root of its process tree), by what they are. */
  private static final Map<ProcessHandle, String> SERVERS = new ConcurrentHashMap<>();

  private static volatile boolean stoppingAtOnce;

  /**
   * Remembers a server's process until it exits, so that {@link #stopAtOnce()} finds it even while
   * the platform is still starting. One started after that is stopped as soon as it is known.
   */
  static ProcessHandle track(ProcessHandle server, String what, Path logFile) {
    writePidFile(server, pidFile(logFile, what));
    SERVERS.put(server, what);
    server.onExit().thenRun(() -> SERVERS.remove(server));
    if (stoppingAtOnce) {
      killTree(server);
    }
    return server;
  }

  /**
   * Kills every server still running (SIGKILL, with the processes each started), waits a few
   * seconds for them to be gone, and says which were killed. Their data recovers as after a power
   * cut (Kafka's log recovery, PostgreSQL's crash recovery). No server can be started afterwards.
   */
  static List<String> stopAtOnce() {
    stoppingAtOnce = true;
    List<String> killed = new ArrayList<>();
    Map<ProcessHandle, String> running = Map.copyOf(SERVERS);
    running.forEach(
        (server, what) -> {
          killTree(server);
          killed.add(what);
        });
    Instant deadline = Instant.now().plusSeconds(5);
    for (ProcessHandle server : running.keySet()) {
      while (server.isAlive() && Instant.now().isBefore(deadline)) {
        sleep(Duration.ofMillis(20));
      }
    }
    return killed;
  }

  /**
   * Stops the server an earlier run left running (its JVM killed, a power cut of the terminal):
   * known by the process id and start time it wrote beside its log, so an unrelated process that
   * reuses the id is left alone. Without this, it would hold the data directory's locks and ports.
   */
  static void stopLeftover(Path logFile, String what) {
    Path pidFile = pidFile(logFile, what);
    try {
      if (!Files.exists(pidFile)) {
        return;
      }
      String[] recorded = Files.readString(pidFile, StandardCharsets.UTF_8).strip().split(" ");
      Optional<ProcessHandle> leftover =
          ProcessHandle.of(Long.parseLong(recorded[0]))
              .filter(
                  process ->
                      process
                          .info()
                          .startInstant()
                          .map(start -> start.toEpochMilli() == Long.parseLong(recorded[1]))
                          .orElse(false));
      if (leftover.isPresent()) {
        LoggerFactory.getLogger(ChildProcesses.class)
            .warn(
                "A {} left over from an earlier run (process {}) is still running; stopping it",
                what,
                leftover.get().pid());
        stopTree(leftover.get());
      }
      Files.deleteIfExists(pidFile);
    } catch (IOException | RuntimeException e) {
      LoggerFactory.getLogger(ChildProcesses.class)
          .warn("could not check {} for a leftover {}: {}", pidFile, what, e.toString());
    }
  }

  private static Path pidFile(Path logFile, String what) {
    return logFile.resolveSibling(what.toLowerCase(Locale.ROOT).replace(' ', '-') + ".pid");
  }

  private static void writePidFile(ProcessHandle server, Path pidFile) {
    Optional<Instant> start = server.info().startInstant();
    if (start.isEmpty()) {
      return;
    }
    try {
      Files.writeString(
          pidFile, server.pid() + " " + start.get().toEpochMilli() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      LoggerFactory.getLogger(ChildProcesses.class)
          .warn("could not write {}: {}", pidFile, e.toString());
    }
  }

  /** SIGTERM to a process and what it started; SIGKILL to what is left after 10 s. */
  private static void stopTree(ProcessHandle root) {
    List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
    tree.add(0, root);
    tree.forEach(ProcessHandle::destroy);
    Instant deadline = Instant.now().plusSeconds(10);
    for (ProcessHandle process : tree) {
      while (process.isAlive() && Instant.now().isBefore(deadline)) {
        sleep(Duration.ofMillis(50));
      }
    }
    tree.forEach(ProcessHandle::destroyForcibly);
  }

  /** True once {@link #stopAtOnce()} was called: a server that exits now was meant to. */
  static boolean stoppingAtOnce() {
    return stoppingAtOnce;
  }

  private static void killTree(ProcessHandle root) {
    List<ProcessHandle> descendants = root.descendants().toList();
    root.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  /** Runs a command to its end; fails with its output when it exits non-zero. */
  static String run(List<String> command, Path logFile, Duration timeout) {
    return run(command, Map.of(), logFile, timeout);
  }

  /** The same, with variables added to its environment. */
  static String run(
      List<String> command, Map<String, String> environment, Path logFile, Duration timeout) {
    try {
      Files.createDirectories(logFile.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new InfrastructureException(
            String.join(" ", command) + " did not finish within " + timeout + "; see " + logFile);
      }
      if (process.exitValue() != 0) {
        throw new InfrastructureException(
            String.join(" ", command)
                + " failed (exit "
                + process.exitValue()
                + "):\n"
                + tail(logFile, 15));
      }
      return tail(logFile, 15);
    } catch (IOException e) {
      throw new InfrastructureException(
          "could not run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfrastructureException("interrupted while running " + command.get(0), e);
    }
  }

  /**
   * Waits until something accepts TCP connections on the port, or the process dies, or time runs
   * out.
   */
  static void awaitListening(
      Process process, int port, Duration timeout, Path logFile, String what) {
    awaitReady(
        process,
        () -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
          }
        },
        timeout,
        Duration.ofMillis(100),
        logFile,
        what,
        "did not listen on 127.0.0.1:" + port);
  }

  /**
   * Waits until an HTTP request to {@code probe} is answered with {@code status}, or the process
   * dies, or time runs out: a server that answers is ready, not only listening.
   */
  static void awaitAnswer(
      Process process,
      URI probe,
      int status,
      Duration timeout,
      Duration interval,
      Path logFile,
      String what) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    HttpRequest request = HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).build();
    awaitReady(
        process,
        () -> {
          try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode()
                == status;
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while " + what + " started", e);
          }
        },
        timeout,
        interval,
        logFile,
        what,
        "did not answer");
  }

  /** A check of a starting server: true when it is ready; an I/O error means not yet. */
  private interface ReadinessProbe {
    boolean ready() throws IOException;
  }

  /**
   * Probes every {@code interval} until the probe says ready; {@code what} exiting meanwhile, or
   * time running out ({@code what} {@code notReady} within…), fails with the end of its log.
   */
  private static void awaitReady(
      Process process,
      ReadinessProbe probe,
      Duration timeout,
      Duration interval,
      Path logFile,
      String what,
      String notReady) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new InfrastructureException(
            what
                + " exited with code "
                + process.exitValue()
                + " while starting:\n"
                + tail(logFile, 25));
      }
      try {
        if (probe.ready()) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      sleep(interval);
    }
    throw new InfrastructureException(
        what + " " + notReady + " within " + timeout + ":\n" + tail(logFile, 25));
  }

  /**
   * Asks a server to stop (SIGTERM: its own shutdown, logs flushed), and kills it if it has not
   * within 30 s.
   */
  static void stop(Process process, String what) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        LoggerFactory.getLogger(ChildProcesses.class)
            .warn("{} did not stop within 30 s; killing it", what);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static String tail(Path file, int lines) {
    try {
      if (!Files.exists(file)) {
        return "(no output in " + file + ")";
      }
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfrastructureException("interrupted", e);
    }
  }
}
