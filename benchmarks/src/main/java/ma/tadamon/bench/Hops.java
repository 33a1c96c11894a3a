package ma.tadamon.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import ma.tadamon.infra.PostgresEndpoint;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Each Kafka hop of the saga split in two: in the producer's outbox until its relay sent it (the
 * event's time to the record's timestamp, which the producer sets when it sends), then on Kafka
 * until the consumer applied it (the record's timestamp to the consumer's processed mark). The
 * outbox keeps no row once Kafka has it, so the topics are read from their beginning.
 */
final class Hops {

  /** An event as published: its type, when it was decided, when its relay sent it. */
  private record Published(String type, long decidedMillis, long sentMillis) {}

  /** The two halves of one hop's time, in milliseconds. */
  private record Halves(Histogram inOutbox, Histogram toApplied) {
    Halves() {
      this(
          new Histogram(TimeUnit.HOURS.toMillis(1), 3),
          new Histogram(TimeUnit.HOURS.toMillis(1), 3));
    }
  }

  private static final List<String> SAGA_TOPICS =
      List.of(
          Topics.CATALOG_EVENTS,
          Topics.INVENTORY_EVENTS,
          Topics.ORDER_EVENTS,
          Topics.PAYMENT_EVENTS);

  /** What a schema's consumers applied, and when; a schema lives in its service's database. */
  private static final String APPLIED =
      "SELECT consumer, event_id, processed_at FROM %s.processed_events";

  private Hops() {}

  /**
   * Prints each hop to the consumers of {@code consumersDatabases}' schemas (schema → database).
   */
  static void print(String kafkaBootstrapServers, Map<String, PostgresEndpoint> consumersDatabases)
      throws Exception {
    Map<UUID, Published> published = readTopics(kafkaBootstrapServers);
    Map<String, Halves> hops = new TreeMap<>();
    for (Map.Entry<String, PostgresEndpoint> schema : consumersDatabases.entrySet()) {
      try (Connection database = schema.getValue().connect();
          Statement statement = database.createStatement()) {
        statement.setFetchSize(10_000);
        try (ResultSet rows = statement.executeQuery(APPLIED.formatted(schema.getKey()))) {
          while (rows.next()) {
            Published event = published.get(rows.getObject(2, UUID.class));
            if (event == null) {
              continue; // sent by the benchmark itself, or not an event of the saga's topics
            }
            Halves halves =
                hops.computeIfAbsent(event.type() + " → " + rows.getString(1), k -> new Halves());
            long applied = rows.getTimestamp(3).getTime();
            halves.inOutbox().recordValue(Math.max(0, event.sentMillis() - event.decidedMillis()));
            halves.toApplied().recordValue(Math.max(0, applied - event.sentMillis()));
          }
        }
      }
    }
    hops.forEach(
        (hop, halves) ->
            System.out.printf(
                "  hop %-60s in outbox p50 %7d p99 %7d ms, then to applied p50 %7d p99 %7d ms%n",
                hop,
                halves.inOutbox().getValueAtPercentile(50),
                halves.inOutbox().getValueAtPercentile(99),
                halves.toApplied().getValueAtPercentile(50),
                halves.toApplied().getValueAtPercentile(99)));
  }

  private static Map<UUID, Published> readTopics(String bootstrapServers) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-hops");
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    Map<UUID, Published> published = new HashMap<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions =
          SAGA_TOPICS.stream()
              .flatMap(topic -> consumer.partitionsFor(topic).stream())
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (ends.entrySet().stream()
          .anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
          EventEnvelope envelope = EventMapper.fromJson(record.value());
          published.put(
              envelope.id(),
              new Published(envelope.type(), envelope.time().toEpochMilli(), record.timestamp()));
        }
      }
    }
    return published;
  }
}
