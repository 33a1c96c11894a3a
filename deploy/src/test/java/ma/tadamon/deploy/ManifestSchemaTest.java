package ma.tadamon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every object of every overlay, validated against the Kubernetes API's schemas and the CRDs' of
 * Strimzi, CloudNativePG, KEDA and the Prometheus Operator, by validation/validate.mjs (the
 * kubernetes-models packages, installed with {@code npm ci --prefix deploy/validation}), and the
 * Keycloak Operator's CRDs (validation/crds), strictly: an unknown field is an error.
 */
class ManifestSchemaTest {

  private static final Path VALIDATOR = Manifests.DEPLOY.resolve("validation");

  @BeforeAll
  static void validatorInstalled() {
    Manifests.requireTool(Manifests.onPath("node").isPresent(), "node");
    Manifests.requireTool(
        Files.isDirectory(VALIDATOR.resolve("node_modules/kubernetes-models")),
        "the schema validator (npm ci --prefix deploy/validation)");
  }

  @Test
  void everyOverlayValidatesAgainstTheSchemas() throws Exception {
    List<String> files = new ArrayList<>();
    for (String overlay : Manifests.OVERLAYS) {
      files.add(Manifests.render(overlay).toString());
    }

    Result result = validate(files);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output()).containsPattern("\\d{3} objects, 0 invalid");
  }

  @Test
  void anInvalidObjectFailsValidation() throws Exception {
    Result result =
        validate(
            List.of(
                Path.of("src/test/resources/policy/invalid-schema.yaml")
                    .toAbsolutePath()
                    .toString()));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.output())
        .contains("Cluster tadamon-pg: data/spec/instances must be integer")
        .contains("KafkaTopic order.events: data/spec/partitions must be integer")
        .contains("no schema known for API group 'example.invalid'")
        .contains(
            "Keycloak tadamon-keycloak: /spec/hostname must NOT have additional properties"
                + " (hostnme)")
        .contains("4 objects, 4 invalid");
  }

  private record Result(int exitCode, String output) {}

  private static Result validate(List<String> files) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of(Manifests.onPath("node").orElseThrow(), "validate.mjs"));
    command.addAll(files);
    Process process =
        new ProcessBuilder(command).directory(VALIDATOR.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the validator did not finish: " + output);
    }
    return new Result(process.exitValue(), output);
  }
}
