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

  public <E extends IntegrationEvent> EventHandlers on(
      Class<E> eventClass, EventHandler<E> handler) {
    byType.put(EventMapper.typeOf(eventClass), new RegisteredHandler<>(eventClass, handler));
    return this;
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
