package ma.tadamon.platform.kafka;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.NewTopic;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ma.tadamon.platform.events.Topics;

/**
 * Creates the platform's topics and their dead-letter topics where they are missing. The local
 * platform and the tests use it; in Kubernetes the Strimzi topic operator owns topics instead.
 */
public final class TopicAdmin {

  private TopicAdmin() {}

  public static Future<List<String>> ensurePlatformTopics(
      Vertx vertx, KafkaSettings kafka, int partitions) {
    KafkaAdminClient admin = KafkaAdminClient.create(vertx, kafka.admin());
    return admin
        .listTopics()
        .compose(
            existing -> {
              List<NewTopic> missing = missingTopics(existing, partitions);
              if (missing.isEmpty()) {
                return Future.succeededFuture(List.<String>of());
              }
              return admin
                  .createTopics(missing)
                  .map(created -> missing.stream().map(NewTopic::getName).toList());
            })
        .eventually(admin::close);
  }

  private static List<NewTopic> missingTopics(Set<String> existing, int partitions) {
    List<NewTopic> missing = new ArrayList<>();
    for (String topic : Topics.ALL) {
      for (String name : List.of(topic, Topics.deadLetter(topic))) {
        if (!existing.contains(name)) {
          // Dead letters are rare and read by people: one partition keeps them in order.
          int count = name.equals(topic) ? partitions : 1;
          missing.add(new NewTopic(name, count, (short) 1));
        }
      }
    }
    return missing;
  }
}
