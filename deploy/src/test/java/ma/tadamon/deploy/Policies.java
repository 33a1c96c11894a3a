package ma.tadamon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The rules every rendered kustomization must keep, whatever its overlay: what a reviewer would
 * otherwise have to check by eye on every change to deploy/.
 */
final class Policies {

  private Policies() {}

  /** One sentence per broken rule, naming the object; empty when the manifests keep every rule. */
  static List<String> violations(List<JsonNode> objects) {
    List<String> violations = new ArrayList<>();
    List<JsonNode> deployments = ofKind(objects, "Deployment");
    List<JsonNode> budgets = ofKind(objects, "PodDisruptionBudget");
    for (JsonNode deployment : deployments) {
      String name = "Deployment " + name(deployment);
      JsonNode pod = deployment.path("spec").path("template");
      for (JsonNode container : pod.path("spec").path("containers")) {
        checkContainer(
            name + " container " + container.path("name").asText(),
            container,
            pod.path("spec"),
            violations);
      }
      boolean budgeted =
          budgets.stream()
              .anyMatch(
                  budget ->
                      selects(
                          budget.path("spec").path("selector"),
                          pod.path("metadata").path("labels")));
      if (!budgeted) {
        violations.add(name + " has no PodDisruptionBudget selecting its pods");
      }
    }
    for (JsonNode secret : ofKind(objects, "Secret")) {
      violations.add(
          "Secret "
              + name(secret)
              + " is in the manifests: secrets are referenced, never committed");
    }
    checkAutoscalers(objects, deployments, violations);
    return violations;
  }

  private static void checkContainer(
      String name, JsonNode container, JsonNode podSpec, List<String> violations) {
    for (String kind : List.of("requests", "limits")) {
      for (String resource : List.of("cpu", "memory")) {
        if (container.path("resources").path(kind).path(resource).isMissingNode()) {
          violations.add(name + " has no " + resource + " " + kind);
        }
      }
    }
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      if (container.path(probe).isMissingNode()) {
        violations.add(name + " has no " + probe);
      }
    }
    JsonNode security = container.path("securityContext");
    boolean nonRoot =
        security.path("runAsNonRoot").asBoolean(false)
            || podSpec.path("securityContext").path("runAsNonRoot").asBoolean(false);
    if (!nonRoot) {
      violations.add(name + " may run as root (runAsNonRoot is not true)");
    }
    if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
      violations.add(name + " has a writable root filesystem");
    }
    if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
      violations.add(name + " allows privilege escalation");
    }
    String image = container.path("image").asText("");
    if (!pinned(image)) {
      violations.add(
          name + " uses an unpinned image '" + image + "' (give a version tag or a digest)");
    }
  }

  /** A digest, or a tag that names one release: not latest, not a moving snapshot. */
  static boolean pinned(String image) {
    if (image.contains("@sha256:")) {
      return true;
    }
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    if (colon <= slash) {
      return false;
    }
    String tag = image.substring(colon + 1);
    return !tag.equals("latest") && !tag.endsWith("SNAPSHOT");
  }

  private static void checkAutoscalers(
      List<JsonNode> objects, List<JsonNode> deployments, List<String> violations) {
    Map<String, Integer> partitions = new HashMap<>();
    for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
      partitions.put(
          topic.path("spec").path("topicName").asText(name(topic)),
          topic.path("spec").path("partitions").asInt());
    }
    List<String> deploymentNames = deployments.stream().map(Policies::name).toList();
    // Two autoscalers on one Deployment (an HPA and a ScaledObject, whose own HPA KEDA creates)
    // undo each other's decisions.
    Map<String, Integer> autoscalers = new HashMap<>();
    for (JsonNode autoscaler : objects) {
      String kind = autoscaler.path("kind").asText();
      if (kind.equals("HorizontalPodAutoscaler") || kind.equals("ScaledObject")) {
        autoscalers.merge(
            autoscaler.path("spec").path("scaleTargetRef").path("name").asText(), 1, Integer::sum);
      }
    }
    autoscalers.forEach(
        (target, count) -> {
          if (count > 1) {
            violations.add(target + " has " + count + " autoscalers: they would fight");
          }
        });
    for (JsonNode hpa : ofKind(objects, "HorizontalPodAutoscaler")) {
      String target = hpa.path("spec").path("scaleTargetRef").path("name").asText();
      if (!deploymentNames.contains(target)) {
        violations.add(
            "HorizontalPodAutoscaler "
                + name(hpa)
                + " scales '"
                + target
                + "', which is not deployed");
      }
    }
    for (JsonNode scaled : ofKind(objects, "ScaledObject")) {
      String name = "ScaledObject " + name(scaled);
      String target = scaled.path("spec").path("scaleTargetRef").path("name").asText();
      if (!deploymentNames.contains(target)) {
        violations.add(name + " scales '" + target + "', which is not deployed");
      }
      int max = scaled.path("spec").path("maxReplicaCount").asInt();
      for (JsonNode trigger : scaled.path("spec").path("triggers")) {
        if (trigger.path("type").asText().equals("cron")
            && trigger.path("metadata").path("desiredReplicas").asInt() > max) {
          violations.add(name + " asks its fair hours for more replicas than its maximum " + max);
        }
        if (!trigger.path("type").asText().equals("kafka")) {
          continue;
        }
        String topic = trigger.path("metadata").path("topic").asText("");
        Integer count = partitions.get(topic);
        if (count == null) {
          violations.add(
              name + " scales on lag of '" + topic + "', which is not a declared KafkaTopic");
        } else if (max > count) {
          violations.add(
              name
                  + " may scale to "
                  + max
                  + " replicas but "
                  + topic
                  + " has "
                  + count
                  + " partitions: the extra consumers would idle");
        }
      }
    }
  }

  static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(object -> object.path("kind").asText().equals(kind)).toList();
  }

  static String name(JsonNode object) {
    return object.path("metadata").path("name").asText();
  }

  /** Whether a label selector's matchLabels all appear among the pod's labels. */
  private static boolean selects(JsonNode selector, JsonNode podLabels) {
    JsonNode matchLabels = selector.path("matchLabels");
    if (!matchLabels.isObject() || matchLabels.isEmpty()) {
      return false;
    }
    Iterator<Map.Entry<String, JsonNode>> labels = matchLabels.fields();
    while (labels.hasNext()) {
      Map.Entry<String, JsonNode> label = labels.next();
      if (!podLabels.path(label.getKey()).asText("\0").equals(label.getValue().asText())) {
        return false;
      }
    }
    return true;
  }
}
