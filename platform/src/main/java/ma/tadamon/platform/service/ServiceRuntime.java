package ma.tadamon.platform.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryOptions;
import io.vertx.tracing.opentelemetry.OpenTelemetryTracingFactory;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.observability.Telemetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one service: its own Vert.x instance with Micrometer metrics, its main verticle deployed on
 * it. Several services can run side by side in one JVM (the local platform, the end-to-end tests),
 * each isolated in its own instance, exactly as they would in their own processes.
 */
public final class ServiceRuntime {

  private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

  /**
   * Histogram buckets for HTTP latency, so that Prometheus computes percentiles per route across
   * replicas: a fixed few around the targets (50 ms for the catalog, 500 ms for checkout) rather
   * than Micrometer's seventy, which would multiply every route's series.
   */
  private static final MeterFilter LATENCY_BUCKETS =
      new MeterFilter() {
        @Override
        public DistributionStatisticConfig configure(
            Meter.Id id, DistributionStatisticConfig config) {
          if (!id.getName().equals("vertx.http.server.response.time")) {
            return config;
          }
          return DistributionStatisticConfig.builder()
              .serviceLevelObjectives(
                  millis(5),
                  millis(10),
                  millis(25),
                  millis(50),
                  millis(100),
                  millis(250),
                  millis(500),
                  millis(1_000),
                  millis(2_500),
                  millis(10_000))
              .build()
              .merge(config);
        }
      };

  private ServiceRuntime() {}

  private static double millis(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }

  /**
   * A started service. Closing it first runs its graceful shutdown (readiness down, HTTP requests
   * in flight answered, consumers finish their batch, the outbox published), then closes its
   * Vert.x. Its {@code registry} holds the metrics its {@code /metrics} shows.
   */
  public record RunningService(
      String name,
      Vertx vertx,
      GracefulShutdown shutdown,
      OpenTelemetrySdk telemetry,
      MeterRegistry registry) {
    public Future<Void> close() {
      // The SDK last: it exports the spans of the shutdown itself.
      return shutdown
          .run()
          .compose(drained -> vertx.close())
          .onComplete(closed -> telemetry.close());
    }
  }

  public static Future<RunningService> start(
      String name, Settings settings, Function<ServiceContext, Deployable> mainVerticle) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("service", name);
    registry.config().meterFilter(LATENCY_BUCKETS);
    MicrometerMetricsOptions metrics =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            // Vert.x keeps metrics backends in a JVM-wide map by registry name: one name per
            // service, or
            // services sharing a JVM (the local platform, the tests) would report into one
            // another's registry.
            .setRegistryName(name)
            // A service's pools (its database's, its workers', its clients') told apart: which one
            // requests wait for is the first thing to know when they wait.
            .setLabels(
                EnumSet.of(
                    Label.HTTP_METHOD,
                    Label.HTTP_CODE,
                    Label.HTTP_ROUTE,
                    Label.POOL_TYPE,
                    Label.POOL_NAME));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    // HTTP requests (served and sent), SQL statements and consumed events become spans of one
    // trace.
    OpenTelemetrySdk telemetry = Telemetry.create(name, settings);
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions()
                    .setPreferNativeTransport(true)
                    .setMetricsOptions(metrics)
                    .setTracingOptions(new OpenTelemetryOptions()))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .withTracer(new OpenTelemetryTracingFactory(telemetry))
            .build();
    GracefulShutdown shutdown = new GracefulShutdown();
    return vertx
        .deployVerticle(
            mainVerticle.apply(new ServiceContext(name, settings, registry, telemetry, shutdown)))
        .map(id -> new RunningService(name, vertx, shutdown, telemetry, registry))
        .recover(
            err -> {
              // Not composed on close(): its completion would be dispatched to the event loops it
              // shuts down.
              vertx.close();
              telemetry.close();
              return Future.failedFuture(err);
            });
  }

  /**
   * The body of every service's {@code main}: start from the environment, stop cleanly on SIGTERM
   * or Ctrl-C, and on a start-up failure print one clear line and exit non-zero.
   */
  public static void runMain(String name, Function<ServiceContext, Deployable> mainVerticle) {
    RunningService service;
    try {
      service = await(start(name, Settings.fromEnvironment(), mainVerticle), 120);
    } catch (RuntimeException e) {
      System.err.println(name + " could not start: " + explain(e));
      System.exit(1);
      return;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("{} stopping", name);
                  await(service.close(), 30);
                },
                name + "-shutdown"));
  }

  /** The message an operator needs, without a wall of stack trace. */
  public static String explain(Throwable error) {
    Throwable cause = error;
    while (!(cause instanceof StartupException || cause instanceof ConfigurationException)
        && cause.getCause() != null
        && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    if (cause instanceof StartupException || cause instanceof ConfigurationException) {
      return cause.getMessage();
    }
    return error.getMessage() != null ? error.getMessage() : error.toString();
  }

  /**
   * Waits on a future from a non-Vert.x thread (main, a shutdown hook): never call it on an event
   * loop.
   */
  public static <T> T await(Future<T> future, int timeoutSeconds) {
    CountDownLatch latch = new CountDownLatch(1);
    future.onComplete(done -> latch.countDown());
    try {
      if (!latch.await(timeoutSeconds, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out after " + timeoutSeconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (future.failed()) {
      Throwable cause = future.cause();
      throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
    return future.result();
  }
}
