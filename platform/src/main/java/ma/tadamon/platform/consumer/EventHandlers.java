package ma.tadamon.platform.consumer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * Which handler applies which event type; types nobody registered are skipped, as the contract
 * says.
 */
public final class EventHandlers {

  private final Map<String, RegisteredHandler<?>> byType = new HashMap<>();
  private boolean oneBatchAtATime;

  public <E extends IntegrationEvent> EventHandlers on(
      Class<E> eventClass, EventHandler<E> handler) {
    byType.put(EventMapper.typeOf(eventClass), new RegisteredHandler<>(eventClass, handler));
    return this;
  }

  /**
   * For handlers that lock rows which events of different partitions share (a product's stock, held
   * by every order for it): a poll's batches are applied one after another, each with records of
   * every partition (each partition's in order), so that two batches never hold such rows against
   * each other (a deadlock, and both applied again one record at a time). Other consumers apply
   * their partitions concurrently, a partition's records per batch.
   */
  public EventHandlers oneBatchAtATime() {
    oneBatchAtATime = true;
    return this;
  }

  boolean appliesOneBatchAtATime() {
    return oneBatchAtATime;
  }

  Optional<RegisteredHandler<?>> forType(String type) {
    return Optional.ofNullable(byType.get(type));
  }

  record RegisteredHandler<E extends IntegrationEvent>(
      Class<E> eventClass, EventHandler<E> handler) {

    Future<Void> apply(EventEnvelope envelope, SqlConnection transaction) {
      return handler.handle(EventMapper.data(envelope, eventClass), envelope, transaction);
    }
  }
}
