package ma.tadamon.infra;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Keycloak server, from the distribution Keycloak publishes on Maven Central, run as a child
 * process on a Java 21+ runtime found on this machine, with its data in a PostgreSQL database of
 * its own. It answers under {@code /auth} on a loopback port, and tells browsers it lives at the
 * public address given (the storefront's origin, which routes {@code /auth} to it). Supervised like
 * the Kafka broker: started again if it exits without being asked to.
 */
public final class EmbeddedKeycloak implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKeycloak.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final int JAVA_FEATURE = 21;

  /**
   * Where Keycloak keeps its logs and themes ({@code directory}), its loopback port, its database,
   * the address browsers reach it at, the theme directory to serve, and the administrator it
   * creates at its first start.
   */
  public record Options(
      Path directory,
      int port,
      String jdbcUrl,
      String databaseUser,
      String databasePassword,
      String publicUrl,
      Path themes,
      String adminUser,
      String adminPassword,
      Map<String, String> environment) {}

  private final ProcessBuilder launch;
  private final int port;
  private final Path logFile;
  private volatile Process process;
  private volatile Supervisor supervisor;

  private EmbeddedKeycloak(ProcessBuilder launch, int port, Path logFile) {
    this.launch = launch;
    this.port = port;
    this.logFile = logFile;
  }

  public static EmbeddedKeycloak start(Options options) {
    Path java =
        JavaRuntimes.atLeast(JAVA_FEATURE, "KEYCLOAK_JAVA_HOME", options.environment())
            .orElseThrow(
                () ->
                    new InfrastructureException(
                        "Keycloak needs Java "
                            + JAVA_FEATURE
                            + " or newer and none was found (this JVM is "
                            + Runtime.version().feature()
                            + "): install one (for example Temurin 21 or 25) or set"
                            + " KEYCLOAK_JAVA_HOME to its home"));
    Path home = KeycloakDistribution.prepared(java, options.environment());
    try {
      Files.createDirectories(options.directory());
    } catch (IOException e) {
      throw new InfrastructureException("could not create " + options.directory() + ": " + e, e);
    }
    int port = options.port();
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/kc.sh").toString());
    command.addAll(
        List.of(
            "start",
            "--optimized",
            "--db-url=" + options.jdbcUrl(),
            "--db-username=" + options.databaseUser(),
            "--http-enabled=true",
            "--http-host=127.0.0.1",
            "--http-port=" + port,
            "--http-management-port=" + FreePorts.next(),
            "--hostname=" + options.publicUrl(),
            // Services and the platform reach it directly on loopback (keys, administration).
            "--hostname-backchannel-dynamic=true",
            // One node: no cluster to discover (a node killed earlier would be waited for).
            "--cache=local",
            "--db-pool-initial-size=1",
            "--db-pool-min-size=1",
            "--db-pool-max-size=8",
            "--spi-theme--folder--dir=" + options.themes()));
    ProcessBuilder launch =
        new ProcessBuilder(ChildProcesses.detached(command))
            .redirectErrorStream(true)
            .redirectOutput(
                ProcessBuilder.Redirect.appendTo(
                    options.directory().resolve("keycloak.log").toFile()));
    Map<String, String> environment = launch.environment();
    environment.put("JAVA_HOME", java.getParent().getParent().toString());
    // Secrets go by environment, never on a command line that `ps` shows.
    environment.put("KC_DB_PASSWORD", options.databasePassword());
    environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", options.adminUser());
    environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", options.adminPassword());
    // Keycloak's own defaults suit a production node; one realm of a local platform needs far less
    // heap, and compiling less (C1 only) starts it sooner on a small machine.
    environment.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx256m");
    environment.putIfAbsent(
        "JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m -Xss512k");
    EmbeddedKeycloak keycloak =
        new EmbeddedKeycloak(launch, port, options.directory().resolve("keycloak.log"));
    ProcessHandle first;
    try {
      first = keycloak.launch();
    } catch (IOException e) {
      throw new InfrastructureException("could not start Keycloak from " + home + ": " + e, e);
    }
    log.info("Keycloak {} answering on {}", KeycloakDistribution.version(), keycloak.internalUrl());
    keycloak.supervisor = new Supervisor("Keycloak server", first, keycloak::launch);
    return keycloak;
  }

  /** Starts Keycloak and waits until it serves requests; one that does not is stopped. */
  private ProcessHandle launch() throws IOException {
    ChildProcesses.stopLeftover(logFile, "Keycloak server");
    Process started = launch.start();
    ChildProcesses.track(started.toHandle(), "Keycloak server", logFile);
    process = started;
    try {
      awaitReady(started);
    } catch (RuntimeException e) {
      started.destroyForcibly();
      throw e;
    }
    return started.toHandle();
  }

  private void awaitReady(Process started) {
    ChildProcesses.awaitAnswer(
        started,
        URI.create(internalUrl() + "/realms/master"),
        200,
        START_TIMEOUT,
        Duration.ofMillis(250),
        logFile,
        "Keycloak");
  }

  /** Keycloak on loopback, with its {@code /auth} path: for the platform and the services. */
  public String internalUrl() {
    return "http://127.0.0.1:" + port + "/auth";
  }

  /**
   * The JVM now running Keycloak: {@code kc.sh} runs it as its child (and forwards SIGTERM to it),
   * so a test that must stop or freeze the server itself finds it here.
   */
  public long pid() {
    return process.toHandle().children().findFirst().map(ProcessHandle::pid).orElse(process.pid());
  }

  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
    // kc.sh passes SIGTERM on to Keycloak, which stops cleanly.
    ChildProcesses.stop(process, "Keycloak");
  }
}
