package ma.tadamon.platform.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.ConsumerGroupState;
import org.awaitility.Awaitility;

/** What Kafka says of a consumer group: for tests that need several replicas to share the work. */
public final class ConsumerGroups {

  private ConsumerGroups() {}

  /**
   * Waits until {@code group} is stable with {@code members} members, each owning partitions: only
   * then does work sent to the group reach every replica.
   */
  public static void awaitSharedBy(String group, int members) {
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestPlatform.infrastructure().kafkaBootstrapServers()))) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                ConsumerGroupDescription description =
                    admin
                        .describeConsumerGroups(List.of(group))
                        .describedGroups()
                        .get(group)
                        .get(10, TimeUnit.SECONDS);
                return description.state() == ConsumerGroupState.STABLE
                    && description.members().size() == members
                    && description.members().stream()
                        .allMatch(member -> !member.assignment().topicPartitions().isEmpty());
              });
    }
  }
}
