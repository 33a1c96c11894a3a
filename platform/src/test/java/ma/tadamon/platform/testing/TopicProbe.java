package ma.tadamon.platform.testing;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.kafka.client.consumer.KafkaConsumer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.observability.TraceHeaders;
import ma.tadamon.platform.service.ServiceRuntime;

/**
 * Watches topics from their beginning, as an outside observer, so tests can assert what was
 * published.
 */
public final class TopicProbe implements AutoCloseable {

  private final KafkaConsumer<String, String> consumer;
  private final List<EventEnvelope> seen = new CopyOnWriteArrayList<>();
  private final Map<UUID, String> traceparents = new ConcurrentHashMap<>();

  private TopicProbe(KafkaConsumer<String, String> consumer) {
    this.consumer = consumer;
  }

  public static TopicProbe watch(Vertx vertx, String... topics) {
    KafkaSettings kafka =
        new KafkaSettings(TestPlatform.infrastructure().kafkaBootstrapServers(), "topic-probe");
    KafkaConsumer<String, String> consumer =
        KafkaConsumer.create(vertx, kafka.consumer("probe-" + UUID.randomUUID()));
    TopicProbe probe = new TopicProbe(consumer);
    consumer.handler(
        record -> {
          EventEnvelope envelope = EventMapper.fromJson(record.value());
          record.headers().stream()
              .filter(header -> header.key().equals(TraceHeaders.TRACEPARENT))
              .findFirst()
              .ifPresent(
                  header -> probe.traceparents.put(envelope.id(), header.value().toString()));
          probe.seen.add(envelope);
        });
    ServiceRuntime.await(consumer.subscribe(Set.of(topics)), 30);
    return probe;
  }

  /** Waits for the very event with this id: correlated by what only its producer knows. */
  public EventEnvelope awaitEnvelope(UUID eventId) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> seen.stream().anyMatch(envelope -> envelope.id().equals(eventId)));
    return seen.stream()
        .filter(envelope -> envelope.id().equals(eventId))
        .findFirst()
        .orElseThrow();
  }

  /** Waits for the first event of this type about {@code subject}, and returns it decoded. */
  public <E extends IntegrationEvent> E awaitEvent(Class<E> type, Object subject) {
    await().atMost(Duration.ofSeconds(30)).until(() -> !envelopes(type, subject).isEmpty());
    return EventMapper.data(envelopes(type, subject).get(0), type);
  }

  /**
   * Waits for an event of this type about {@code subject} that {@code matches}: subjects may repeat
   * across tests.
   */
  public <E extends IntegrationEvent> E awaitEvent(
      Class<E> type, Object subject, Predicate<E> matches) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> events(type, subject).stream().anyMatch(matches));
    return events(type, subject).stream().filter(matches).findFirst().orElseThrow();
  }

  /** Every event of this type about {@code subject} seen so far, decoded, in the order seen. */
  public <E extends IntegrationEvent> List<E> events(Class<E> type, Object subject) {
    return envelopes(type, subject).stream().map(e -> EventMapper.data(e, type)).toList();
  }

  /** Every event of this type about {@code subject} seen so far, as published, in order. */
  public List<EventEnvelope> envelopes(Class<? extends IntegrationEvent> type, Object subject) {
    String wanted = EventMapper.typeOf(type);
    return seen.stream()
        .filter(e -> e.type().equals(wanted) && e.subject().equals(subject.toString()))
        .toList();
  }

  /** The trace an event seen was published in (its traceparent header), or null: none. */
  public String traceparent(UUID eventId) {
    return traceparents.get(eventId);
  }

  public long count(Class<? extends IntegrationEvent> type, Object subject) {
    return envelopes(type, subject).size();
  }

  @Override
  public void close() {
    ServiceRuntime.await(consumer.close(), 30);
  }
}
