package ma.tadamon.platform.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.MalformedEventException;
import ma.tadamon.platform.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Every event published to the platform's topics in this test JVM, read from the beginning of each
 * partition up to its end at the moment of asking: what was published before a question is in its
 * answer. One reader for the whole JVM, which goes on from where the last question left it.
 */
final class PublishedEvents {

  private static PublishedEvents instance;

  private final KafkaConsumer<String, String> consumer;

  /** Ids of the events of each type about each subject, in the order published. */
  private final Map<String, Set<UUID>> idsByTypeAndSubject = new HashMap<>();

  private PublishedEvents(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "published-events");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // The platform creates its topics with their partitions; a reader asking first must not.
    properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
    this.consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
  }

  static synchronized PublishedEvents instance() {
    if (instance == null) {
      instance = new PublishedEvents(TestPlatform.infrastructure().kafkaBootstrapServers());
    }
    return instance;
  }

  /** The ids of the events of {@code type} about {@code subject} published so far, in order. */
  synchronized List<UUID> ids(String type, String subject) {
    readToTheEnd();
    return new ArrayList<>(idsByTypeAndSubject.getOrDefault(type + ' ' + subject, Set.of()));
  }

  private void readToTheEnd() {
    assignEveryPartition();
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (ends.entrySet().stream()
        .anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read the topics to their end in 30 s");
      }
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        remember(record);
      }
    }
  }

  private void remember(ConsumerRecord<String, String> record) {
    if (record.value() == null) {
      return;
    }
    EventEnvelope envelope;
    try {
      envelope = EventMapper.fromJson(record.value());
    } catch (MalformedEventException e) {
      return; // a poisonous record a test sent to a consumer: no service published it
    }
    idsByTypeAndSubject
        .computeIfAbsent(envelope.type() + ' ' + envelope.subject(), k -> new LinkedHashSet<>())
        .add(envelope.id());
  }

  /** Topics and partitions appear as services start: each new one is read from its beginning. */
  private void assignEveryPartition() {
    Set<TopicPartition> partitions = new LinkedHashSet<>();
    for (String topic : Topics.ALL) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic);
      if (infos != null) {
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
      }
    }
    Set<TopicPartition> known = consumer.assignment();
    if (!known.containsAll(partitions)) {
      Map<TopicPartition, Long> positions = new HashMap<>();
      known.forEach(partition -> positions.put(partition, consumer.position(partition)));
      consumer.assign(partitions);
      for (TopicPartition partition : partitions) {
        Long position = positions.get(partition);
        if (position == null) {
          consumer.seekToBeginning(List.of(partition));
        } else {
          consumer.seek(partition, position);
        }
      }
    }
  }
}
