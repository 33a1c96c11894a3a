package ma.tadamon.platform.testing;

import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.ArrayList;
import java.util.List;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.service.ServiceRuntime;

/**
 * Publishes events on a topic the way another service's outbox relay would (envelope, key =
 * subject), so a test can play the services a service under test listens to.
 */
public final class EventPublisher implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final EventMapper mapper;

  public EventPublisher(Vertx vertx, String pretendSource) {
    producer =
        KafkaProducer.create(
            vertx,
            new KafkaSettings(
                    TestPlatform.infrastructure().kafkaBootstrapServers(), "test-publisher")
                .producer());
    mapper = new EventMapper(pretendSource);
  }

  /** Sends the events in order and waits until Kafka has them; answers their envelopes. */
  public List<EventEnvelope> publish(String topic, IntegrationEvent... events) {
    List<EventEnvelope> sent = new ArrayList<>();
    for (IntegrationEvent event : events) {
      EventEnvelope envelope = mapper.envelope(event);
      producer.send(
          KafkaProducerRecord.create(topic, event.subject(), EventMapper.toJson(envelope)));
      sent.add(envelope);
    }
    ServiceRuntime.await(producer.flush(), 30);
    return sent;
  }

  /**
   * Wraps an event in an envelope, for a test that must deliver the very same envelope more than
   * once.
   */
  public EventEnvelope envelope(IntegrationEvent event) {
    return mapper.envelope(event);
  }

  /** Sends an envelope as it is (a redelivery keeps its id), and waits until Kafka has it. */
  public void publish(String topic, EventEnvelope envelope) {
    producer.send(
        KafkaProducerRecord.create(topic, envelope.subject(), EventMapper.toJson(envelope)));
    ServiceRuntime.await(producer.flush(), 30);
  }

  /** Sends a record that is not an event at all, as a broken producer would. */
  public void publishRaw(String topic, String key, String value) {
    producer.send(KafkaProducerRecord.create(topic, key, value));
    ServiceRuntime.await(producer.flush(), 30);
  }

  @Override
  public void close() {
    ServiceRuntime.await(producer.close(), 30);
  }
}
