package ma.tadamon.platform.service;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import ma.tadamon.platform.config.Settings;

/**
 * What a service's main verticle is given: its name, its settings, its metrics registry and the steps
 * it takes before stopping.
 */
public record ServiceContext(String name, Settings settings, PrometheusMeterRegistry registry,
    GracefulShutdown shutdown) {
}
