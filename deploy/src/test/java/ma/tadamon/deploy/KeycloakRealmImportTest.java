package ma.tadamon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One realm, two ways of importing it: {@code ./tadamon run} imports tadamon-realm.json into its
 * Keycloak, the Keycloak Operator imports realm-import.yaml into a cluster's. They must say the
 * same thing, and every placeholder of the platform's in the realm must be filled by the operator.
 */
class KeycloakRealmImportTest {

  private static final Path KEYCLOAK = Manifests.DEPLOY.resolve("base/keycloak");
  private static final Pattern PLATFORM_PLACEHOLDER = Pattern.compile("\\$\\{(TADAMON_[A-Z_]+)}");

  @Test
  void theOperatorImportsTheRealmTheLocalPlatformImports() throws Exception {
    JsonNode realm = new ObjectMapper().readTree(KEYCLOAK.resolve("tadamon-realm.json").toFile());
    List<JsonNode> imports = Manifests.objects(KEYCLOAK.resolve("realm-import.yaml"));

    assertThat(imports).hasSize(1);
    JsonNode spec = imports.get(0).get("spec");
    assertThat(spec.get("realm"))
        .as("realm-import.yaml is stale: npm run realm-import --prefix deploy/validation")
        .isEqualTo(realm);
    assertThat(spec.get("keycloakCRName").asText()).isEqualTo("tadamon-keycloak");

    Set<String> used = new TreeSet<>();
    Matcher placeholders =
        PLATFORM_PLACEHOLDER.matcher(Files.readString(KEYCLOAK.resolve("tadamon-realm.json")));
    while (placeholders.find()) {
      used.add(placeholders.group(1));
    }
    Set<String> filled = new TreeSet<>();
    spec.get("placeholders").fieldNames().forEachRemaining(filled::add);
    assertThat(used).isNotEmpty();
    assertThat(filled).isEqualTo(used);
  }
}
