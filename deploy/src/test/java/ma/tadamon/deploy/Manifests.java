package ma.tadamon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Renders the kustomizations with the tools an operator uses ({@code kubectl kustomize}, or {@code
 * kustomize build}) and reads the result. Where neither tool exists the tests are skipped, unless
 * TADAMON_REQUIRE_DEPLOY_TOOLS is set (CI sets it), in which case they fail.
 */
final class Manifests {

  static final Path DEPLOY = Path.of("").toAbsolutePath();
  static final List<String> OVERLAYS =
      List.of("base", "overlays/local", "overlays/fair-season", "overlays/fair-days");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Manifests() {}

  /**
   * The rendered YAML of a kustomization, written under target/rendered/ for the schema validator.
   */
  static Path render(String kustomization) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(kustomizeCommand());
    command.add(DEPLOY.resolve(kustomization).toString());
    Path output = DEPLOY.resolve("target/rendered/" + kustomization.replace('/', '-') + ".yaml");
    Files.createDirectories(output.getParent());
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(output.toFile())
            .redirectError(ProcessBuilder.Redirect.PIPE)
            .start();
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new AssertionError("kustomize could not render " + kustomization + ": " + errors);
    }
    return output;
  }

  static List<JsonNode> objects(Path yaml) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    try (YAMLParser parser = (YAMLParser) YAML.getFactory().createParser(yaml.toFile())) {
      var documents = YAML.readValues(parser, JsonNode.class);
      while (documents.hasNext()) {
        JsonNode document = documents.next();
        if (document != null && !document.isNull() && !document.isEmpty()) {
          objects.add(document);
        }
      }
    }
    return objects;
  }

  static List<JsonNode> renderedObjects(String kustomization)
      throws IOException, InterruptedException {
    return objects(render(kustomization));
  }

  /** Skips (or, in CI, fails) when a tool the test needs is missing. */
  static void requireTool(boolean present, String what) {
    if (!present && System.getenv("TADAMON_REQUIRE_DEPLOY_TOOLS") != null) {
      throw new AssertionError(what + " is required (TADAMON_REQUIRE_DEPLOY_TOOLS is set)");
    }
    Assumptions.assumeTrue(present, what + " is not installed");
  }

  private static List<String> kustomizeCommand() {
    Optional<String> kubectl = onPath("kubectl");
    Optional<String> kustomize = onPath("kustomize");
    requireTool(
        kubectl.isPresent() || kustomize.isPresent(), "kubectl (with kustomize) or kustomize");
    return kubectl
        .map(path -> List.of(path, "kustomize"))
        .orElseGet(() -> List.of(kustomize.orElseThrow(), "build"));
  }

  static Optional<String> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String directory : path.split(File.pathSeparator)) {
      Path candidate = Path.of(directory, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }
}
