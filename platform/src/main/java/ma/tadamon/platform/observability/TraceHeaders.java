package ma.tadamon.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.kafka.client.consumer.KafkaConsumerRecord;
import io.vertx.kafka.client.producer.KafkaHeader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The W3C {@code traceparent} of a trace, written where an event waits (the outbox row, the Kafka
 * record's headers) so that whoever handles the event continues the trace that caused it.
 */
public final class TraceHeaders {

  public static final String TRACEPARENT = "traceparent";

  private static final TextMapGetter<List<KafkaHeader>> KAFKA_HEADERS =
      new TextMapGetter<>() {
        @Override
        public String get(List<KafkaHeader> headers, String key) {
          String value = null;
          if (headers != null) {
            for (KafkaHeader header : headers) {
              if (header.key().equals(key)) {
                value = header.value().toString(); // the last one wins, as in Kafka's own lookups
              }
            }
          }
          return value;
        }
      };

  private TraceHeaders() {}

  /** The traceparent of the span current here, or null outside any trace. */
  public static String currentTraceparent() {
    if (!Span.current().getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /** The trace context a Kafka record carries, or the root context when it carries none. */
  public static Context extract(KafkaConsumerRecord<?, ?> record) {
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), record.headers(), KAFKA_HEADERS);
  }
}
