package ma.tadamon.platform.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.sqlclient.Pool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import ma.tadamon.platform.kafka.KafkaSettings;

/**
 * What an orchestrator and an operator ask every service: is it alive, is it ready (can it reach
 * PostgreSQL and Kafka), and its metrics in Prometheus format.
 */
public final class OperationalRoutes {

  private static final long READINESS_TIMEOUT_MS = 2_000;

  private OperationalRoutes() {}

  /**
   * The reachability checks of a service's two dependencies, whether it has the keys to verify
   * tokens with (once it has had them, an identity provider out of reach no longer matters: the
   * keys stay), and whether it is shutting down.
   */
  public record Checks(
      Pool pool, KafkaAdminClient kafka, BooleanSupplier signingKeys, AtomicBoolean draining) {

    /**
     * From now on the service reports itself not ready, so that traffic goes to the other replicas.
     */
    public void startDraining() {
      draining.set(true);
    }

    public Future<Void> postgresWithin(long millis) {
      return pool.query("SELECT 1")
          .execute()
          .<Void>mapEmpty()
          .timeout(millis, TimeUnit.MILLISECONDS);
    }

    public Future<Void> kafkaWithin(long millis) {
      return kafka.describeCluster().<Void>mapEmpty().timeout(millis, TimeUnit.MILLISECONDS);
    }
  }

  public static Checks checks(
      Vertx vertx, Pool pool, KafkaSettings kafka, BooleanSupplier signingKeys) {
    return new Checks(
        pool, KafkaAdminClient.create(vertx, kafka.admin()), signingKeys, new AtomicBoolean());
  }

  public static void mount(Router router, Checks checks, PrometheusMeterRegistry registry) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> ready(ctx, checks));
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape()));
  }

  /**
   * Health routes of a process that depends on nothing (the storefront's static files, the
   * sandboxes): ready as soon as it is alive.
   */
  public static void mountSelfContained(Router router) {
    router.get("/health/live").handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
    router
        .get("/health/ready")
        .handler(ctx -> json(ctx, 200, new JsonObject().put("status", "UP")));
  }

  private static void ready(RoutingContext ctx, Checks checks) {
    if (checks.draining().get()) {
      json(ctx, 503, new JsonObject().put("status", "DRAINING"));
      return;
    }
    Future<Void> postgres = checks.postgresWithin(READINESS_TIMEOUT_MS);
    Future<Void> kafka = checks.kafkaWithin(READINESS_TIMEOUT_MS);
    Future.join(postgres, kafka)
        .onComplete(
            done -> {
              boolean keys = checks.signingKeys().getAsBoolean();
              JsonObject results =
                  new JsonObject()
                      .put("postgresql", status(postgres))
                      .put("kafka", status(kafka))
                      .put("signing-keys", keys ? "UP" : "DOWN");
              boolean up = postgres.succeeded() && kafka.succeeded() && keys;
              json(
                  ctx,
                  up ? 200 : 503,
                  new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", results));
            });
  }

  private static String status(Future<?> check) {
    return check.succeeded() ? "UP" : "DOWN";
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }
}
