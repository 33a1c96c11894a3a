package ma.tadamon.platform.observability;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.io.IOException;
import net.logstash.logback.composite.AbstractJsonProvider;

/**
 * Adds trace_id, span_id, order_id and cooperative_id to each JSON log line written while a trace
 * or an order is in hand (logback.xml, LOG_FORMAT=json). Read on the logging thread, which is the
 * thread of the request or record the line is about: the appender is synchronous.
 */
public final class TraceJsonProvider extends AbstractJsonProvider<ILoggingEvent> {

  @Override
  public void writeTo(JsonGenerator generator, ILoggingEvent event) throws IOException {
    SpanContext span = Span.current().getSpanContext();
    if (span.isValid()) {
      generator.writeStringField("trace_id", span.getTraceId());
      generator.writeStringField("span_id", span.getSpanId());
    }
    for (var field : LogFields.current().entrySet()) {
      generator.writeStringField(field.getKey(), field.getValue());
    }
  }
}
