package ma.tadamon.infra;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3-compatible server for the local platform and the tests: S3Proxy, from the jar its
 * project publishes on Maven Central, run as a child process with its objects as files under the
 * data directory. The services talk the S3 protocol to it exactly as they would to MinIO or a cloud
 * provider (docs/photos.md). Supervised like the Kafka broker: started again if it exits without
 * being asked to.
 */
public final class EmbeddedObjectStorage implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedObjectStorage.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final String REGION = "us-east-1";
  private static final String ACCESS_KEY_ID = "tadamon-local";

  private final ProcessBuilder launch;
  private final ObjectStorageEndpoint endpoint;
  private final Path logFile;
  private volatile Process process;
  private volatile Supervisor supervisor;

  private EmbeddedObjectStorage(ProcessBuilder launch, ObjectStorageEndpoint endpoint, Path log) {
    this.launch = launch;
    this.endpoint = endpoint;
    this.logFile = log;
  }

  /**
   * Starts S3Proxy with its objects under {@code directory}; the key it accepts is made anew for
   * each start, and kept in a file only the owner reads.
   */
  public static EmbeddedObjectStorage start(Path directory) {
    PublishedArtifact server = PublishedArtifact.read("s3proxy", "jar");
    Path objects = directory.resolve("objects");
    Path configuration = directory.resolve("s3proxy.conf");
    Path logFile = directory.resolve("s3proxy.log");
    int port = FreePorts.next();
    String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(20));
    ObjectStorageEndpoint endpoint =
        new ObjectStorageEndpoint("http://127.0.0.1:" + port, REGION, ACCESS_KEY_ID, secret);
    try {
      Files.createDirectories(objects);
      Properties settings = new Properties();
      settings.setProperty("s3proxy.endpoint", endpoint.endpoint());
      settings.setProperty("s3proxy.authorization", "aws-v2-or-v4");
      settings.setProperty("s3proxy.identity", ACCESS_KEY_ID);
      settings.setProperty("s3proxy.credential", secret);
      settings.setProperty("jclouds.provider", "filesystem");
      settings.setProperty("jclouds.filesystem.basedir", objects.toString());
      Files.deleteIfExists(configuration);
      Files.createFile(
          configuration,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (Writer out = Files.newBufferedWriter(configuration, StandardCharsets.UTF_8)) {
        settings.store(out, "S3Proxy for the local platform; made at each start");
      }
    } catch (IOException e) {
      throw new InfrastructureException("could not prepare S3Proxy in " + directory + ": " + e, e);
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(),
            "-Xms32m",
            "-Xmx192m",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            server.file().toString(),
            "--properties",
            configuration.toString());
    ProcessBuilder launch =
        new ProcessBuilder(ChildProcesses.detached(command))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    EmbeddedObjectStorage storage = new EmbeddedObjectStorage(launch, endpoint, logFile);
    ProcessHandle first;
    try {
      first = storage.launch();
    } catch (IOException e) {
      throw new InfrastructureException("could not start S3Proxy: " + e, e);
    }
    log.info("S3Proxy {} answering on {}", server.version(), endpoint.endpoint());
    storage.supervisor = new Supervisor("S3Proxy object storage", first, storage::launch);
    return storage;
  }

  public ObjectStorageEndpoint endpoint() {
    return endpoint;
  }

  public long pid() {
    return process.pid();
  }

  /** Starts S3Proxy and waits until it answers S3 requests; one that does not is stopped. */
  private ProcessHandle launch() throws IOException {
    Process started = launch.start();
    process = started;
    try {
      awaitAnswering(started);
    } catch (RuntimeException e) {
      started.destroyForcibly();
      throw e;
    }
    return started.toHandle();
  }

  /** An unsigned request is refused with S3's 403: the server is up and speaks S3. */
  private void awaitAnswering(Process started) {
    ChildProcesses.awaitAnswer(
        started,
        URI.create(endpoint.endpoint() + "/"),
        403,
        START_TIMEOUT,
        Duration.ofMillis(100),
        logFile,
        "S3Proxy");
  }

  @Override
  public void close() {
    if (supervisor != null) {
      supervisor.close();
    }
    ChildProcesses.stop(process, "S3Proxy");
  }
}
