package ma.tadamon.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The Kafka broker and PostgreSQL server the platform runs on, found in the order DESIGN.md fixes:
 * explicit environment ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code PG_*}) → Testcontainers when a
 * Docker engine answers → embedded real servers. {@code TADAMON_INFRA=embedded} skips the Docker
 * probe. The object storage ({@code S3_ENDPOINT} and its keys, else an embedded S3Proxy) is found
 * on first use: most test JVMs never need it.
 */
public final class Infrastructure implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

  private final String kafkaBootstrapServers;
  private final PostgresEndpoint postgres;
  private final List<String> description;
  private final List<AutoCloseable> started;
  private final Map<String, String> env;
  private final Path root;
  private final Object objectStorageLock = new Object();
  private final Object mailLock = new Object();
  private ObjectStorageEndpoint objectStorage;
  private MailEndpoint mail;
  private boolean closed;

  private Infrastructure(
      String kafkaBootstrapServers,
      PostgresEndpoint postgres,
      List<String> description,
      List<AutoCloseable> started,
      Map<String, String> env,
      Path root) {
    this.kafkaBootstrapServers = kafkaBootstrapServers;
    this.postgres = postgres;
    this.description = description;
    this.started = started;
    this.env = env;
    this.root = root;
  }

  /**
   * Resolves both servers. With a {@code dataDirectory} the embedded servers keep their data there
   * across restarts; without one they are throwaway, in a fresh temporary directory.
   */
  public static Infrastructure resolve(Map<String, String> env, Path dataDirectory) {
    List<AutoCloseable> started = new ArrayList<>();
    List<String> description = new ArrayList<>();
    try {
      boolean docker = !"embedded".equals(env.get("TADAMON_INFRA")) && dockerAnswers(env);
      Path root = dataDirectory != null ? dataDirectory : temporaryDirectory("tadamon-infra-");
      if (dataDirectory == null) {
        started.add(() -> deleteRecursively(root)); // closed last, once both servers have stopped
      } else {
        started.add(DataDirectoryLock.acquire(dataDirectory)); // released last, likewise
      }

      String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
      CompletableFuture<EmbeddedKafka> broker = null;
      int brokerSlot = -1;
      if (kafka != null && !kafka.isBlank()) {
        description.add("Kafka from KAFKA_BOOTSTRAP_SERVERS at " + kafka);
      } else if (docker) {
        ContainerServers.Kafka container = ContainerServers.kafka();
        started.add(container);
        kafka = container.bootstrapServers();
        description.add("Kafka in a Testcontainers container at " + kafka);
      } else {
        // The broker takes seconds to start, PostgreSQL a fraction of one: side by side.
        broker =
            CompletableFuture.supplyAsync(
                () -> EmbeddedKafka.start(root.resolve("kafka")),
                task -> startingThread("kafka-start", task));
        CompletableFuture<EmbeddedKafka> starting = broker;
        brokerSlot = started.size();
        started.add(() -> stopOnceStarted(starting)); // until it has started
      }

      PostgresEndpoint postgres = fromEnvironment(env);
      if (postgres != null) {
        description.add("PostgreSQL from PG_* at " + postgres);
      } else if (docker) {
        ContainerServers.Postgres container = ContainerServers.postgres();
        started.add(container);
        postgres = container.endpoint();
        description.add("PostgreSQL in a Testcontainers container at " + postgres);
      } else {
        EmbeddedPostgres embedded =
            EmbeddedPostgres.start(root.resolve("postgres"), dataDirectory == null, env);
        started.add(embedded);
        postgres = embedded.endpoint();
        description.add(
            "embedded PostgreSQL at " + postgres + ", data in " + root.resolve("postgres"));
      }
      if (broker != null) {
        EmbeddedKafka embedded = awaitStarted(broker);
        started.set(brokerSlot, embedded);
        kafka = embedded.bootstrapServers();
        description.add(
            0, "embedded Kafka broker (KRaft) at " + kafka + ", data in " + root.resolve("kafka"));
      }
      description.forEach(line -> log.info("Infrastructure: {}", line));
      return new Infrastructure(kafka, postgres, description, started, Map.copyOf(env), root);
    } catch (IOException e) {
      closeAll(started);
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  public String kafkaBootstrapServers() {
    return kafkaBootstrapServers;
  }

  /** The embedded broker's current process, when this infrastructure started one. */
  public synchronized OptionalLong embeddedBrokerPid() {
    return started.stream()
        .filter(EmbeddedKafka.class::isInstance)
        .mapToLong(server -> ((EmbeddedKafka) server).pid())
        .findFirst();
  }

  /** The embedded PostgreSQL server's current process, when this infrastructure started one. */
  public synchronized OptionalLong embeddedPostgresPid() {
    return started.stream()
        .filter(EmbeddedPostgres.class::isInstance)
        .mapToLong(server -> ((EmbeddedPostgres) server).pid())
        .findFirst();
  }

  public PostgresEndpoint postgres() {
    return postgres;
  }

  /**
   * The S3-compatible object storage: the one {@code S3_ENDPOINT}, {@code S3_ACCESS_KEY_ID} and
   * {@code S3_SECRET_ACCESS_KEY} name, else an S3Proxy started now, its objects in the data
   * directory.
   */
  public ObjectStorageEndpoint objectStorage() {
    // Its own lock: the mail server may be starting at the same time, and neither waits for the
    // other.
    synchronized (objectStorageLock) {
      if (objectStorage == null) {
        String endpoint = env.get("S3_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
          objectStorage =
              new ObjectStorageEndpoint(
                  endpoint,
                  env.getOrDefault("S3_REGION", "us-east-1"),
                  env.get("S3_ACCESS_KEY_ID"),
                  env.get("S3_SECRET_ACCESS_KEY"));
          remember(null, "object storage from S3_ENDPOINT at " + endpoint);
        } else {
          EmbeddedObjectStorage embedded = EmbeddedObjectStorage.start(root.resolve("s3"));
          objectStorage = embedded.endpoint();
          remember(
              embedded,
              "embedded S3Proxy object storage at "
                  + objectStorage
                  + ", objects in "
                  + root.resolve("s3"));
        }
      }
      return objectStorage;
    }
  }

  /**
   * The mail server: the one {@code SMTP_HOST} names (its page is then the operator's business),
   * else a GreenMail started now, which keeps what it receives for the local mail page.
   */
  public MailEndpoint mail() {
    synchronized (mailLock) {
      if (mail == null) {
        String host = env.get("SMTP_HOST");
        if (host != null && !host.isBlank()) {
          mail =
              new MailEndpoint(
                  host, Integer.parseInt(env.getOrDefault("SMTP_PORT", "25")), null, 0);
          remember(null, "mail server from SMTP_HOST at " + mail);
        } else {
          EmbeddedMail embedded = EmbeddedMail.start(root.resolve("mail"));
          mail = embedded.endpoint();
          remember(embedded, "embedded GreenMail mail server at " + mail);
        }
      }
      return mail;
    }
  }

  /**
   * Keeps a server started on first use, to stop with the others; one that finished starting after
   * {@link #close()} is stopped at once.
   */
  private synchronized void remember(AutoCloseable server, String line) {
    log.info("Infrastructure: {}", line);
    description.add(line);
    if (server == null) {
      return;
    }
    if (closed) {
      closeAll(List.of(server));
    } else {
      started.add(server);
    }
  }

  /** The embedded object storage's current process, when this infrastructure started one. */
  public synchronized OptionalLong embeddedObjectStoragePid() {
    return started.stream()
        .filter(EmbeddedObjectStorage.class::isInstance)
        .mapToLong(server -> ((EmbeddedObjectStorage) server).pid())
        .findFirst();
  }

  /** The embedded mail server's current process, when this infrastructure started one. */
  public synchronized OptionalLong embeddedMailPid() {
    return started.stream()
        .filter(EmbeddedMail.class::isInstance)
        .mapToLong(server -> ((EmbeddedMail) server).pid())
        .findFirst();
  }

  /**
   * Kills every embedded server this JVM started, whichever infrastructure started it and even
   * while it is still starting: for a second Ctrl-C, or a stop before the platform was up. Returns
   * what was killed. Their data recovers at the next start, as after a power cut.
   */
  public static List<String> stopEveryServerAtOnce() {
    return ChildProcesses.stopAtOnce();
  }

  /** One line per server saying what it is and where it lives. */
  public synchronized List<String> description() {
    return List.copyOf(description);
  }

  @Override
  public synchronized void close() {
    closed = true;
    closeAll(started);
  }

  /**
   * A fresh temporary directory that an unprivileged PostgreSQL (when we are root) may pass
   * through.
   */
  public static Path temporaryDirectory(String prefix) throws IOException {
    return Files.createTempDirectory(
        prefix, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
  }

  /** Deletes a directory and everything in it; a missing one is already deleted. */
  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.deleteIfExists(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static PostgresEndpoint fromEnvironment(Map<String, String> env) {
    String host = env.get("PG_HOST");
    if (host == null || host.isBlank()) {
      return null;
    }
    return new PostgresEndpoint(
        host,
        Integer.parseInt(env.getOrDefault("PG_PORT", "5432")),
        env.getOrDefault("PG_DATABASE", "tadamon"),
        env.getOrDefault("PG_USER", "tadamon"),
        env.getOrDefault("PG_PASSWORD", ""),
        Optional.ofNullable(env.get("PG_SOCKET_DIR")).filter(directory -> !directory.isBlank()));
  }

  /**
   * Asks Testcontainers only where a Docker engine could be: its probe of a machine without one is
   * slow and loud.
   */
  private static boolean dockerAnswers(Map<String, String> env) {
    Path home = Path.of(System.getProperty("user.home"));
    boolean hint =
        env.containsKey("DOCKER_HOST")
            || Files.exists(Path.of("/var/run/docker.sock"))
            || Files.exists(home.resolve(".docker/run/docker.sock"))
            || Files.exists(home.resolve(".testcontainers.properties"));
    if (!hint) {
      return false;
    }
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }

  /**
   * Stops what was started, last first: the services' broker before their database, never the
   * reverse.
   */
  private static Thread startingThread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * The server a background start gave, or what stopped it starting, as it would have been thrown.
   */
  private static <T> T awaitStarted(CompletableFuture<T> starting) {
    try {
      return starting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    }
  }

  /**
   * Stops a server started in the background, waiting for its start first; a failed start left
   * none.
   */
  private static void stopOnceStarted(CompletableFuture<? extends AutoCloseable> starting)
      throws Exception {
    AutoCloseable server;
    try {
      server = starting.join();
    } catch (CompletionException failed) {
      return;
    }
    server.close();
  }

  private static void closeAll(List<AutoCloseable> started) {
    List<AutoCloseable> reversed = new ArrayList<>(started);
    Collections.reverse(reversed);
    for (AutoCloseable server : reversed) {
      try {
        server.close();
      } catch (Exception e) {
        log.warn("could not stop {}: {}", server, e.toString());
      }
    }
  }
}
