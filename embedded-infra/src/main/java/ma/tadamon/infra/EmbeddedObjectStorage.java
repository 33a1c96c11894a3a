package ma.tadamon.infra;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
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
  private static final String REGION = "us-east-1";
  private static final String ACCESS_KEY_ID = "tadamon-local";

  private final SupervisedJavaServer server;
  private final ObjectStorageEndpoint endpoint;

  private EmbeddedObjectStorage(SupervisedJavaServer server, ObjectStorageEndpoint endpoint) {
    this.server = server;
    this.endpoint = endpoint;
  }

  /**
   * Starts S3Proxy with its objects under {@code directory}; the key it accepts is made anew for
   * each start, and kept in a file only the owner reads.
   */
  public static EmbeddedObjectStorage start(Path directory) {
    PublishedArtifact jar = PublishedArtifact.read("s3proxy", "jar");
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
    // An unsigned request is refused with S3's 403: the server is up and speaks S3.
    SupervisedJavaServer server =
        new SupervisedJavaServer(
            "S3Proxy",
            "object storage",
            jar.file(),
            List.of("-Xms32m", "-Xmx192m", "-XX:TieredStopAtLevel=1"),
            List.of("--properties", configuration.toString()),
            URI.create(endpoint.endpoint() + "/"),
            403,
            logFile);
    log.info("S3Proxy {} answering on {}", jar.version(), endpoint.endpoint());
    return new EmbeddedObjectStorage(server, endpoint);
  }

  public ObjectStorageEndpoint endpoint() {
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
