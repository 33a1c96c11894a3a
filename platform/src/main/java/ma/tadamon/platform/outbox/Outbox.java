package ma.tadamon.platform.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import ma.tadamon.platform.db.AfterCommit;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.observability.TraceHeaders;

/**
 * Writes events into the service's outbox inside the caller's transaction: they are published if,
 * and only if, that transaction commits. Once it has, the listeners are told, among them the
 * service's own {@link OutboxRelay}, which that wakes.
 */
public final class Outbox {

  // One statement for any number of events, in their order (the ids, and so the order of
  // publication, follow the arrays'): a batch's events are one execution.
  private static final String INSERT =
      """
      INSERT INTO outbox (event_id, topic, message_key, event_type, payload, trace_parent)
      SELECT event.id, $1, event.message_key, event.type, event.payload, event.trace_parent
      FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[])
           AS event (id, message_key, type, payload, trace_parent)
      """;

  /**
   * An event to publish and the trace it continues: the W3C traceparent current where it was
   * decided, null where nothing was traced. Events decided together for several orders each keep
   * their own order's trace.
   */
  public record Traced(IntegrationEvent event, String traceparent) {

    /** The event, in the trace current here. */
    public static Traced here(IntegrationEvent event) {
      return new Traced(event, TraceHeaders.currentTraceparent());
    }
  }

  private final EventMapper mapper;
  private final List<Consumer<IntegrationEvent>> committedListeners = new CopyOnWriteArrayList<>();

  public Outbox(EventMapper mapper) {
    this.mapper = mapper;
  }

  /**
   * Tells {@code listener} of every event once the transaction that wrote it has committed: what a
   * service counts in its metrics (a payment captured, an order confirmed) is what really happened,
   * and what its relay has to publish. Answers what stops the telling.
   */
  public Runnable onCommitted(Consumer<IntegrationEvent> listener) {
    committedListeners.add(listener);
    return () -> committedListeners.remove(listener);
  }

  public Future<Void> append(SqlConnection transaction, String topic, IntegrationEvent event) {
    return append(transaction, topic, List.of(event));
  }

  /** The events, in the trace current here: that of whatever writes them (a request, an event). */
  public Future<Void> append(
      SqlConnection transaction, String topic, List<? extends IntegrationEvent> events) {
    String traceparent = TraceHeaders.currentTraceparent();
    return appendTraced(
        transaction, topic, events.stream().map(event -> new Traced(event, traceparent)).toList());
  }

  /** The events, each in its own trace, which their consumers continue. */
  public Future<Void> appendTraced(SqlConnection transaction, String topic, List<Traced> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    int count = events.size();
    UUID[] ids = new UUID[count];
    String[] keys = new String[count];
    String[] types = new String[count];
    String[] payloads = new String[count];
    String[] traceparents = new String[count];
    for (int i = 0; i < count; i++) {
      EventEnvelope envelope = mapper.envelope(events.get(i).event());
      ids[i] = envelope.id();
      keys[i] = envelope.subject();
      types[i] = envelope.type();
      payloads[i] = EventMapper.toJson(envelope);
      traceparents[i] = events.get(i).traceparent();
    }
    return transaction
        .preparedQuery(INSERT)
        .execute(Tuple.of(topic, ids, keys, types, payloads, traceparents))
        .onSuccess(
            inserted -> {
              if (!committedListeners.isEmpty()) {
                AfterCommit.run(
                    transaction,
                    () ->
                        events.forEach(
                            traced -> committedListeners.forEach(l -> l.accept(traced.event()))));
              }
            })
        .mapEmpty();
  }
}
