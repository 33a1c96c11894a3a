package ma.tadamon.platform.consumer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * Applies events of one type together, inside the consumer's transaction: for a handler whose
 * statements can serve many events at once (lock the rows of all, decide in Java, write once). The
 * events come in the order they were consumed and are about distinct subjects (message keys), so
 * the handler may decide them in that order without another event of the same subject between them.
 * A batch of one is the same call: the dead-letter path retries events one at a time.
 */
@FunctionalInterface
public interface BatchEventHandler<E extends IntegrationEvent> {

  Future<Void> handle(List<Consumed<E>> events, SqlConnection transaction);
}
