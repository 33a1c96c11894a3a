package ma.tadamon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ma.tadamon.platform.events.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class ManifestPolicyTest {

  static final List<String> OVERLAYS = Manifests.OVERLAYS;

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyRenderedObjectKeepsThePlatformsPolicies(String kustomization) throws Exception {
    List<JsonNode> objects = Manifests.renderedObjects(kustomization);

    assertThat(Policies.ofKind(objects, "Deployment")).hasSizeGreaterThanOrEqualTo(5);
    assertThat(Policies.violations(objects)).isEmpty();
  }

  @ParameterizedTest
  @FieldSource("OVERLAYS")
  void everyTopicTheServicesUseIsDeclaredWithItsDeadLetterTopic(String kustomization)
      throws Exception {
    List<String> declared =
        Policies.ofKind(Manifests.renderedObjects(kustomization), "KafkaTopic").stream()
            .map(Policies::name)
            .toList();

    List<String> expected = new ArrayList<>(Topics.ALL);
    Topics.ALL.forEach(topic -> expected.add(Topics.deadLetter(topic)));
    assertThat(declared).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void fairSeasonHasMorePartitionsAndReplicasThanTheBase() throws Exception {
    List<JsonNode> base = Manifests.renderedObjects("base");
    List<JsonNode> fair = Manifests.renderedObjects("overlays/fair-season");

    for (String topic :
        List.of(Topics.ORDER_EVENTS, Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS)) {
      assertThat(partitions(fair, topic)).isGreaterThan(partitions(base, topic));
    }
    assertThat(maxReplicas(fair, "order-service"))
        .isGreaterThan(maxReplicas(base, "order-service"));
    assertThat(brokers(fair)).isGreaterThan(brokers(base));
  }

  @Test
  void aFairsDaysRaiseWhatVisitorsWaitOnDuringItsOpeningHours() throws Exception {
    List<JsonNode> days = Manifests.renderedObjects("overlays/fair-days");

    for (String service : List.of("catalog-service", "order-service", "storefront")) {
      JsonNode scaled =
          Policies.ofKind(days, "ScaledObject").stream()
              .filter(s -> Policies.name(s).equals(service))
              .findFirst()
              .orElseThrow();
      assertThat(scaled.path("spec").path("triggers").findValuesAsText("type"))
          .as(service)
          .contains("cron", "cpu");
    }
    assertThat(Policies.ofKind(days, "HorizontalPodAutoscaler")).isEmpty();
  }

  @Test
  void theChecksCatchWhatTheyAreFor() throws Exception {
    List<JsonNode> bad = Manifests.objects(Path.of("src/test/resources/policy/careless.yaml"));

    assertThat(Policies.violations(bad))
        .containsExactlyInAnyOrder(
            "Deployment careless container app has no cpu limits",
            "Deployment careless container app has no memory limits",
            "Deployment careless container app has no startupProbe",
            "Deployment careless container app has no livenessProbe",
            "Deployment careless container app may run as root (runAsNonRoot is not true)",
            "Deployment careless container app has a writable root filesystem",
            "Deployment careless container app allows privilege escalation",
            "Deployment careless container app uses an unpinned image 'tadamon/careless:latest' (give a version tag or a digest)",
            "Deployment careless has no PodDisruptionBudget selecting its pods",
            "Secret careless-password is in the manifests: secrets are referenced, never committed",
            "ScaledObject careless may scale to 8 replicas but careless.events has 4 partitions: the extra consumers would idle",
            "HorizontalPodAutoscaler careless-web scales 'nowhere', which is not deployed",
            "careless has 2 autoscalers: they would fight",
            "ScaledObject careless asks its fair hours for more replicas than its maximum 8");
  }

  @Test
  void imagesArePinnedByReleaseTagOrDigest() {
    assertThat(Policies.pinned("tadamon/order-service:0.1.0")).isTrue();
    assertThat(
            Policies.pinned("registry.local:5000/tadamon/order-service@sha256:" + "a".repeat(64)))
        .isTrue();
    assertThat(Policies.pinned("registry.local:5000/tadamon/order-service")).isFalse();
    assertThat(Policies.pinned("tadamon/order-service:latest")).isFalse();
    assertThat(Policies.pinned("tadamon/order-service:0.1.0-SNAPSHOT")).isFalse();
  }

  private static int partitions(List<JsonNode> objects, String topic) {
    return Policies.ofKind(objects, "KafkaTopic").stream()
        .filter(t -> Policies.name(t).equals(topic))
        .findFirst()
        .orElseThrow()
        .path("spec")
        .path("partitions")
        .asInt();
  }

  private static int maxReplicas(List<JsonNode> objects, String scaledObject) {
    return Policies.ofKind(objects, "ScaledObject").stream()
        .filter(s -> Policies.name(s).equals(scaledObject))
        .findFirst()
        .orElseThrow()
        .path("spec")
        .path("maxReplicaCount")
        .asInt();
  }

  private static int brokers(List<JsonNode> objects) {
    return Policies.ofKind(objects, "KafkaNodePool").stream()
        .filter(p -> Policies.name(p).equals("brokers"))
        .findFirst()
        .orElseThrow()
        .path("spec")
        .path("replicas")
        .asInt();
  }
}
