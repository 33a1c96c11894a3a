package ma.tadamon.local;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What an OpenTelemetry collector is to the services: an OTLP/HTTP receiver on /v1/traces, reading
 * the protocol's protobuf messages. It keeps the spans it is sent so that tests can follow a trace.
 */
final class OtlpCollector implements AutoCloseable {

  /** A span as the collector received it. */
  record ReceivedSpan(String service, String traceId, String name) {}

  private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  private OtlpCollector(Vertx vertx, int port) {
    this.server =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request -> {
                      if (!request.path().equals("/v1/traces")) {
                        request.response().setStatusCode(404).end();
                        return;
                      }
                      request
                          .body()
                          .onSuccess(
                              body -> {
                                try {
                                  receive(ExportTraceServiceRequest.parseFrom(body.getBytes()));
                                  request
                                      .response()
                                      .putHeader("content-type", "application/x-protobuf")
                                      .end(
                                          Buffer.buffer(
                                              ExportTraceServiceResponse.getDefaultInstance()
                                                  .toByteArray()));
                                } catch (InvalidProtocolBufferException e) {
                                  request.response().setStatusCode(400).end();
                                }
                              });
                    })
                .listen(port),
            10);
  }

  static OtlpCollector start(Vertx vertx, int port) {
    return new OtlpCollector(vertx, port);
  }

  String endpoint() {
    return "http://localhost:" + server.actualPort();
  }

  List<ReceivedSpan> spansOf(String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  private void receive(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service =
          resource.getResource().getAttributesList().stream()
              .filter(attribute -> attribute.getKey().equals("service.name"))
              .map(KeyValue::getValue)
              .map(value -> value.getStringValue())
              .findFirst()
              .orElse("?");
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        scope
            .getSpansList()
            .forEach(
                span ->
                    spans.add(
                        new ReceivedSpan(
                            service,
                            HexFormat.of().formatHex(span.getTraceId().toByteArray()),
                            span.getName())));
      }
    }
  }

  @Override
  public void close() {
    await(server.close(), 10);
  }
}
