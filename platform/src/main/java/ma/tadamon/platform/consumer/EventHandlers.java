package ma.tadamon.platform.consumer;

import io.opentelemetry.context.Context;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
    byType.put(EventMapper.typeOf(eventClass), new RegisteredHandler<>(eventClass, handler, null));
    return this;
  }

  /**
   * A handler that applies a batch's events of this type in one call: the consumer gathers those of
   * distinct subjects that come together (each subject's events stay in their order).
   */
  public <E extends IntegrationEvent> EventHandlers onEach(
      Class<E> eventClass, BatchEventHandler<E> handler) {
    byType.put(EventMapper.typeOf(eventClass), new RegisteredHandler<>(eventClass, null, handler));
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

  /** One of {@code single} and {@code batch}. */
  record RegisteredHandler<E extends IntegrationEvent>(
      Class<E> eventClass, EventHandler<E> single, BatchEventHandler<E> batch) {

    boolean takesMany() {
      return batch != null;
    }

    /** One event, in the trace current here. */
    Future<Void> apply(EventEnvelope envelope, SqlConnection transaction) {
      return takesMany()
          ? applyAll(List.of(envelope), List.of(Context.current()), transaction)
          : single.handle(EventMapper.data(envelope, eventClass), envelope, transaction);
    }

    /** Events of this type together, each with its trace. */
    Future<Void> applyAll(
        List<EventEnvelope> envelopes, List<Context> traces, SqlConnection transaction) {
      List<Consumed<E>> events = new ArrayList<>(envelopes.size());
      for (int i = 0; i < envelopes.size(); i++) {
        EventEnvelope envelope = envelopes.get(i);
        events.add(new Consumed<>(EventMapper.data(envelope, eventClass), envelope, traces.get(i)));
      }
      return batch.handle(events, transaction);
    }
  }
}
