package ma.tadamon.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A server this build runs from what its project publishes on Maven Central (Keycloak's
 * distribution, S3Proxy's and GreenMail's jars): Maven fetches it and writes, into a properties
 * file of this module, its version and where it put the file.
 *
 * @param version the version Maven fetched
 * @param file where Maven put it
 */
record PublishedArtifact(String version, Path file) {

  /** Reads {@code name}.properties: its {@code version}, and its file under {@code fileKey}. */
  static PublishedArtifact read(String name, String fileKey) {
    String resource = "/ma/tadamon/infra/" + name + ".properties";
    try (InputStream in = PublishedArtifact.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InfrastructureException(
            "embedded-infra was built without " + name + ".properties; build with ./mvnw install");
      }
      Properties properties = new Properties();
      properties.load(in);
      return new PublishedArtifact(
          properties.getProperty("version"), Path.of(properties.getProperty(fileKey)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
