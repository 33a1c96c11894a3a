package ma.tadamon.platform.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Vertx;
import java.io.StringWriter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.service.DuplicatedContexts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * What a JSON log line says about the work in hand: its trace, the order and the cooperative, and
 * nothing personal. Run where the services log: on a request's own Vert.x context.
 */
class TraceJsonProviderTest {

  private static final Vertx vertx = Vertx.vertx();
  private static final OpenTelemetrySdk telemetry =
      Telemetry.create("log-test", Settings.of(Map.of()));
  private final TraceJsonProvider provider = new TraceJsonProvider();

  @AfterAll
  static void close() {
    telemetry.close();
    vertx.close();
  }

  @Test
  void a_line_written_in_a_trace_about_an_order_carries_their_ids() throws Exception {
    UUID order = UUID.randomUUID();
    UUID cooperative = UUID.randomUUID();
    Span span = telemetry.getTracer("test").spanBuilder("accept").startSpan();

    JsonNode line =
        onARequestsContext(
            () ->
                Context.current()
                    .with(span)
                    .wrap(
                        () -> {
                          LogFields.fromPath(
                              "/api/cooperatives/" + cooperative + "/orders/" + order + "/accept");
                          return write();
                        })
                    .call());

    assertThat(line.get("trace_id").asText()).isEqualTo(span.getSpanContext().getTraceId());
    assertThat(line.get("span_id").asText()).isEqualTo(span.getSpanContext().getSpanId());
    assertThat(line.get("order_id").asText()).isEqualTo(order.toString());
    assertThat(line.get("cooperative_id").asText()).isEqualTo(cooperative.toString());
  }

  @Test
  void one_requests_fields_do_not_label_the_next_request() throws Exception {
    onARequestsContext(
        () -> {
          LogFields.fromPath("/api/orders/" + UUID.randomUUID());
          return write();
        });

    assertThat(onARequestsContext(this::write).size()).isZero();
  }

  @Test
  void only_ids_are_taken_from_a_path() throws Exception {
    JsonNode line =
        onARequestsContext(
            () -> {
              LogFields.fromPath("/api/orders/not-a-uuid/cooperatives/+212661234567");
              return write();
            });

    assertThat(line.size()).isZero();
  }

  private static <T> T onARequestsContext(Callable<T> work) throws Exception {
    var request = DuplicatedContexts.duplicate(vertx.getOrCreateContext());
    CompletableFuture<T> result = new CompletableFuture<>();
    request.runOnContext(
        v -> {
          try {
            result.complete(work.call());
          } catch (Exception e) {
            result.completeExceptionally(e);
          }
        });
    return result.get(10, TimeUnit.SECONDS);
  }

  private JsonNode write() throws Exception {
    LoggingEvent event =
        new LoggingEvent(
            "test", new LoggerContext().getLogger("test"), Level.INFO, "hello", null, null);
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = new JsonFactory().createGenerator(out)) {
      generator.writeStartObject();
      provider.writeTo(generator, event);
      generator.writeEndObject();
    }
    return new ObjectMapper().readTree(out.toString());
  }
}
