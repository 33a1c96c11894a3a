package ma.tadamon.platform.consumer;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * One event of those a {@link BatchEventHandler} applies together, with the trace its record
 * continues: what is written for this event (its outbox rows) is written {@link #inItsTrace}, so
 * that one order stays one trace however many orders a batch decided.
 */
public record Consumed<E extends IntegrationEvent>(E event, EventEnvelope envelope, Context trace) {

  /** Runs {@code work} with this event's trace current (what the outbox reads). */
  public <T> T inItsTrace(Supplier<T> work) {
    Scope scope = trace.makeCurrent();
    try {
      return work.get();
    } finally {
      scope.close();
    }
  }
}
