package ma.tadamon.infra;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process), run
 * as a child JVM from the artifacts Apache publishes on Maven Central. Its data stays in the given
 * directory, so a restart keeps topics and messages. It is supervised: a broker that exits without
 * being asked to is started again on the same ports with its data ({@link Supervisor}).
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final String RUNTIME = "/ma/tadamon/infra/broker/";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ProcessBuilder launch;
  private final int port;
  private final Path brokerLog;
  private volatile Process process;
  private volatile Supervisor supervisor;

  private EmbeddedKafka(ProcessBuilder launch, int port, Path brokerLog) {
    this.launch = launch;
    this.port = port;
    this.brokerLog = brokerLog;
  }

  /** The broker's process id, for an operator (or a test) who must find it. */
  public long pid() {
    return process.pid();
  }

  /**
   * Starts the broker (at first, and again for the supervisor on the same ports with its data) and
   * waits until it listens; a broker that does not is stopped.
   */
  private ProcessHandle launch() throws IOException {
    ChildProcesses.stopLeftover(brokerLog, "Kafka broker");
    Process started = launch.start();
    ChildProcesses.track(started.toHandle(), "Kafka broker", brokerLog);
    process = started;
    try {
      ChildProcesses.awaitListening(started, port, START_TIMEOUT, brokerLog, "Kafka broker");
    } catch (RuntimeException e) {
      started.destroyForcibly();
      throw e;
    }
    return started.toHandle();
  }

  public static EmbeddedKafka start(Path directory) {
    try {
      Files.createDirectories(directory);
      String classpath = launcherDirectory(directory) + File.pathSeparator + brokerClasspath();
      int port = FreePorts.next();
      int controllerPort = FreePorts.next();
      Path properties = writeServerProperties(directory, port, controllerPort);
      Path logFile = directory.resolve("broker.out");
      if (!Files.exists(directory.resolve("logs/meta.properties"))) {
        ChildProcesses.run(
            javaCommand(
                directory,
                classpath,
                "kafka.tools.StorageTool",
                "format",
                "-t",
                newClusterId(),
                "-c",
                properties.toString()),
            logFile,
            Duration.ofSeconds(60));
      }
      ProcessBuilder launch =
          new ProcessBuilder(
                  ChildProcesses.detached(
                      javaCommand(
                          directory,
                          classpath,
                          "ma.tadamon.infra.broker.BrokerMain",
                          properties.toString())))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
      EmbeddedKafka kafka = new EmbeddedKafka(launch, port, directory.resolve("broker.log"));
      ProcessHandle first = kafka.launch();
      log.info(
          "Kafka broker (KRaft) listening on {}, data in {}", kafka.bootstrapServers(), directory);
      kafka.supervisor = new Supervisor("Kafka broker", first, kafka::launch);
      return kafka;
    } catch (IOException e) {
      throw new InfrastructureException(
          "could not start the embedded Kafka broker in " + directory + ": " + e, e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
    // SIGTERM runs the broker's own shutdown hook: a clean stop, logs flushed.
    ChildProcesses.stop(process, "Kafka broker");
  }

  /** The broker's jars, as resolved by Maven when kafka-broker-runtime was built. */
  private static String brokerClasspath() throws IOException {
    String recorded;
    try (InputStream in = EmbeddedKafka.class.getResourceAsStream(RUNTIME + "broker.classpath")) {
      if (in == null) {
        throw new InfrastructureException(
            "kafka-broker-runtime is not on the classpath; build with ./mvnw install");
      }
      recorded = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    List<String> jars = Arrays.asList(recorded.split(File.pathSeparator));
    for (String jar : jars) {
      if (!Files.isRegularFile(Path.of(jar))) {
        throw new InfrastructureException(
            "The Kafka broker's library "
                + jar
                + " is missing. Build the project"
                + " on this machine (./mvnw install) or set KAFKA_BOOTSTRAP_SERVERS to a broker you run.");
      }
    }
    return recorded;
  }

  /**
   * Copies the launcher class and the broker's logging configuration out of our jar, next to its
   * data.
   */
  private static Path launcherDirectory(Path directory) throws IOException {
    Path launcher = directory.resolve("launcher");
    copyResource("BrokerMain.class", launcher.resolve("ma/tadamon/infra/broker/BrokerMain.class"));
    copyResource("log4j2.properties", launcher.resolve("log4j2.properties"));
    return launcher;
  }

  private static void copyResource(String name, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = EmbeddedKafka.class.getResourceAsStream(RUNTIME + name)) {
      if (in == null) {
        throw new InfrastructureException(
            "kafka-broker-runtime resource " + name + " is missing from the classpath");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<String> javaCommand(
      Path directory, String classpath, String mainClass, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                "-Dkafka.logs.dir=" + directory,
                "-Dlog4j2.configurationFile=" + directory.resolve("launcher/log4j2.properties"),
                "-cp",
                classpath,
                mainClass));
    command.addAll(List.of(args));
    return command;
  }

  private static Path writeServerProperties(Path directory, int port, int controllerPort) {
    String properties =
        String.join(
            "\n",
            "# Written at every start by EmbeddedKafka: ports are chosen afresh, data is kept.",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
            "log.dirs=" + directory.resolve("logs"),
            "num.partitions=6",
            "auto.create.topics.enable=false",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=6",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "");
    Path file = directory.resolve("server.properties");
    try {
      Files.writeString(file, properties, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * A KRaft cluster id: 16 random bytes in URL-safe base64 without padding, as Kafka's own Uuid
   * prints them, and, like Kafka's, never starting with "-": the storage tool would read it as an
   * option and refuse to format (one start in 64 failed that way).
   */
  static String newClusterId() {
    SecureRandom random = new SecureRandom();
    byte[] bytes = new byte[16];
    String id;
    do {
      random.nextBytes(bytes);
      id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    } while (id.startsWith("-"));
    return id;
  }
}
