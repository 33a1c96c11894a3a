package ma.tadamon.platform.kafka;

import java.util.HashMap;
import java.util.Map;
import ma.tadamon.platform.config.Settings;

/** Client configurations for the platform's broker, from {@code KAFKA_*} variables. */
public record KafkaSettings(String bootstrapServers, String clientId) {

  /** The most records one poll brings a consumer. */
  public static final int MAX_POLL_RECORDS = 200;

  public static KafkaSettings from(Settings settings, String clientId) {
    return new KafkaSettings(settings.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"), clientId);
  }

  /**
   * Idempotent, acks from every in-sync replica, order kept per partition: what the outbox needs.
   */
  public Map<String, String> producer() {
    Map<String, String> config = common();
    config.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
    config.put("enable.idempotence", "true");
    config.put("acks", "all");
    config.put("max.in.flight.requests.per.connection", "5");
    config.put("linger.ms", "5");
    config.put("compression.type", "lz4");
    config.put("delivery.timeout.ms", "30000");
    config.put("request.timeout.ms", "10000");
    return config;
  }

  /** Offsets are committed by the consumer after processing, never automatically. */
  public Map<String, String> consumer(String groupId) {
    Map<String, String> config = common();
    config.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
    config.put("group.id", groupId);
    // Named after its group: each consumer's metrics (lag among them) are told apart by client_id.
    config.put("client.id", groupId);
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", String.valueOf(MAX_POLL_RECORDS));
    return config;
  }

  public Map<String, String> admin() {
    Map<String, String> config = common();
    config.put("request.timeout.ms", "5000");
    config.put("default.api.timeout.ms", "10000");
    return config;
  }

  private Map<String, String> common() {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", clientId);
    // Client telemetry push is a KIP-714 feature our brokers do not enable; asking only logs
    // refusals.
    config.put("enable.metrics.push", "false");
    return config;
  }
}
