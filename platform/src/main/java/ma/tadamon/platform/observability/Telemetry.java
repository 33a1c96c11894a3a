package ma.tadamon.platform.observability;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import ma.tadamon.platform.config.Settings;

/**
 * A service's OpenTelemetry: W3C trace context across HTTP and Kafka, spans exported over OTLP/HTTP
 * to OTEL_EXPORTER_OTLP_ENDPOINT when it is set. Without an endpoint spans are still started, so
 * that every log line carries the trace id that ties one order's path together; they are just not
 * sent.
 */
public final class Telemetry {

  private Telemetry() {}

  /**
   * Where no collector is configured: spans are started (the SDK starts none without a processor
   * that wants them) so that logs carry trace ids, and then dropped.
   */
  private static final class IdsOnly implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return false;
    }
  }

  public static OpenTelemetrySdk create(String service, Settings settings) {
    Resource resource =
        Resource.getDefault()
            .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), service)));
    double ratio = Double.parseDouble(settings.get("OTEL_TRACES_SAMPLER_RATIO", "1.0"));
    SdkTracerProviderBuilder tracers =
        SdkTracerProvider.builder()
            .setResource(resource)
            // A trace begun upstream keeps its caller's decision; new traces are sampled at the
            // ratio.
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(ratio)));
    tracers.addSpanProcessor(
        settings
            .optional("OTEL_EXPORTER_OTLP_ENDPOINT")
            .map(
                endpoint ->
                    (SpanProcessor)
                        BatchSpanProcessor.builder(
                                OtlpHttpSpanExporter.builder()
                                    .setEndpoint(endpoint.replaceAll("/+$", "") + "/v1/traces")
                                    .build())
                            .setScheduleDelay(
                                Duration.ofMillis(
                                    settings.getLong("OTEL_BSP_SCHEDULE_DELAY_MS", 5_000)))
                            .build())
            .orElseGet(IdsOnly::new));
    return OpenTelemetrySdk.builder()
        .setTracerProvider(tracers.build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
  }
}
