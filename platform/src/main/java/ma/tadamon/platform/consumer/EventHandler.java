package ma.tadamon.platform.consumer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * Applies one event inside the consumer's transaction. Whatever it writes with {@code transaction}
 * (state, outbox rows) commits together with the record that the event was processed.
 */
@FunctionalInterface
public interface EventHandler<E extends IntegrationEvent> {

  Future<Void> handle(E event, EventEnvelope envelope, SqlConnection transaction);
}
