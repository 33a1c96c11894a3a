package ma.tadamon.platform.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import ma.tadamon.platform.db.AfterCommit;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.observability.TraceHeaders;

/**
 * Writes events into the service's outbox inside the caller's transaction: they are published if,
 * and only if, that transaction commits. The insert notifies {@link #CHANNEL} (a trigger of the
 * platform's migrations), delivered on commit too, which wakes the relay.
 */
public final class Outbox {

  static final String CHANNEL = "tadamon_outbox";

  private static final String INSERT =
      """
      INSERT INTO outbox (event_id, topic, message_key, event_type, payload, trace_parent)
      VALUES ($1, $2, $3, $4, $5, $6)
      """;

  private final EventMapper mapper;
  private final List<Consumer<IntegrationEvent>> committedListeners = new CopyOnWriteArrayList<>();

  public Outbox(EventMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Tells {@code listener} of every event once the transaction that wrote it has committed: what a
   * service counts in its metrics (a payment captured, an order confirmed) is what really happened.
   */
  public void onCommitted(Consumer<IntegrationEvent> listener) {
    committedListeners.add(listener);
  }

  public Future<Void> append(SqlConnection transaction, String topic, IntegrationEvent event) {
    return append(transaction, topic, List.of(event));
  }

  public Future<Void> append(
      SqlConnection transaction, String topic, List<? extends IntegrationEvent> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    // The trace of whatever writes the events (a checkout request, a consumed event) continues in
    // their consumers.
    String traceparent = TraceHeaders.currentTraceparent();
    List<Tuple> rows =
        events.stream()
            .map(
                event -> {
                  EventEnvelope envelope = mapper.envelope(event);
                  return Tuple.of(
                      envelope.id(),
                      topic,
                      envelope.subject(),
                      envelope.type(),
                      EventMapper.toJson(envelope),
                      traceparent);
                })
            .toList();
    return transaction
        .preparedQuery(INSERT)
        .executeBatch(rows)
        .onSuccess(
            inserted -> {
              if (!committedListeners.isEmpty()) {
                AfterCommit.run(
                    transaction,
                    () ->
                        events.forEach(event -> committedListeners.forEach(l -> l.accept(event))));
              }
            })
        .mapEmpty();
  }
}
