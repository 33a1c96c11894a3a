package ma.tadamon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digest ./tadamon run compares with the last build's to skip Maven: a change to any module's
 * code must never be ignored, and nothing that is not an input may force a rebuild.
 */
class SourcesDigestTest {

  private static final Path SCRIPT = Path.of("sources-digest").toAbsolutePath();

  @TempDir Path tree;

  @Test
  void every_change_to_what_a_build_reads_changes_the_digest_and_nothing_else_does()
      throws Exception {
    write("pom.xml", "<project/>");
    write("catalog-service/pom.xml", "<project/>");
    write("catalog-service/src/main/java/Catalog.java", "class Catalog {}");
    write("storefront/src/main/resources/webroot/app.js", "let a = 1;");
    write(".mvn/wrapper/maven-wrapper.properties", "wrapperVersion=3.3.2");
    String built = digest();

    assertThat(digest()).as("the same tree").isEqualTo(built);

    write("catalog-service/src/main/java/Catalog.java", "class Catalog { int x; }");
    String edited = digest();
    assertThat(edited).as("an edited class").isNotEqualTo(built);

    write("storefront/src/main/resources/webroot/app.js", "let a = 2;");
    assertThat(digest()).as("an edited resource").isNotEqualTo(edited);
    String current = digest();

    write("catalog-service/src/main/java/New.java", "class New {}");
    assertThat(digest()).as("a new file").isNotEqualTo(current);
    Files.delete(tree.resolve("catalog-service/src/main/java/New.java"));
    assertThat(digest()).as("the file removed again").isEqualTo(current);

    Files.move(
        tree.resolve("catalog-service/src/main/java/Catalog.java"),
        tree.resolve("catalog-service/src/main/java/Renamed.java"));
    assertThat(digest()).as("a renamed file").isNotEqualTo(current);
    Files.move(
        tree.resolve("catalog-service/src/main/java/Renamed.java"),
        tree.resolve("catalog-service/src/main/java/Catalog.java"));

    write("catalog-service/pom.xml", "<project><version>2</version></project>");
    assertThat(digest()).as("a module's pom").isNotEqualTo(current);
    write("catalog-service/pom.xml", "<project/>");

    // Not inputs: dates, build outputs, installed packages.
    Files.setLastModifiedTime(
        tree.resolve("catalog-service/src/main/java/Catalog.java"),
        FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    write("catalog-service/target/classes/Catalog.class", "bytes");
    write("deploy/validation/node_modules/x/index.js", "module.exports = 1;");
    assertThat(digest()).isEqualTo(current);
  }

  private void write(String path, String content) throws IOException {
    Path file = tree.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
  }

  private String digest() throws Exception {
    Process process = new ProcessBuilder("sh", SCRIPT.toString()).directory(tree.toFile()).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out =
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(process.exitValue())
        .as(new String(process.getErrorStream().readAllBytes()))
        .isZero();
    assertThat(out).matches("[0-9a-f]{64}");
    return out;
  }
}
