package ma.tadamon.platform.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import ma.tadamon.platform.config.Settings;

/**
 * What a service's main verticle is given: its name, its settings, its metrics registry, its
 * tracing and the steps it takes before stopping.
 */
public record ServiceContext(
    String name,
    Settings settings,
    PrometheusMeterRegistry registry,
    OpenTelemetry telemetry,
    GracefulShutdown shutdown) {}
