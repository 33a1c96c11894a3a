package ma.tadamon.platform.service;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.consumer.ConsumerSettings;
import ma.tadamon.platform.consumer.DeadLetters;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.consumer.IdempotentConsumer;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.http.ClientAddress;
import ma.tadamon.platform.http.OperationalRoutes;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.ProblemHandler;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.observability.LogFields;
import ma.tadamon.platform.outbox.Outbox;
import ma.tadamon.platform.outbox.OutboxRelay;
import ma.tadamon.platform.outbox.OutboxSettings;
import ma.tadamon.platform.ratelimit.ProofOfWork;
import ma.tadamon.platform.ratelimit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service stands on, prepared in the order a service starts: migrate its schema, open
 * its pool, make sure Kafka answers, set up JWT verification. Then it offers the router, the outbox
 * and its relay, idempotent consumers and the HTTP server, so that a service's main verticle holds
 * only what is its own.
 */
public final class Foundation {

  private static final Logger log = LoggerFactory.getLogger(Foundation.class);
  private static final int MAX_BODY_BYTES = 256 * 1024;

  private final Vertx vertx;
  private final ServiceContext context;
  private final String schema;
  private final KafkaSettings kafka;
  private final Pool pool;
  private final Authentication authentication;
  private final OperationalRoutes.Checks checks;
  private final Outbox outbox;

  /** What takes work in (HTTP servers, consumers), undeployed first on shutdown, then the relay. */
  private final List<String> intake = new CopyOnWriteArrayList<>();

  private final List<String> relays = new CopyOnWriteArrayList<>();

  private Foundation(
      Vertx vertx,
      ServiceContext context,
      String schema,
      KafkaSettings kafka,
      Pool pool,
      Authentication authentication,
      OperationalRoutes.Checks checks) {
    this.vertx = vertx;
    this.context = context;
    this.schema = schema;
    this.kafka = kafka;
    this.pool = pool;
    this.authentication = authentication;
    this.checks = checks;
    this.outbox = new Outbox(new EventMapper("/" + context.name()));
    context.shutdown().then(this::drain);
  }

  /**
   * The first steps of stopping: readiness answers 503 so that no new traffic is routed here; HTTP
   * servers answer the requests in flight and consumers finish and commit their batch; then the
   * outbox relay publishes everything that work wrote before it stops.
   */
  private Future<Void> drain() {
    checks.startDraining();
    log.info("{} draining: HTTP and consumers first, then the outbox", context.name());
    return Future.join(intake.stream().map(vertx::undeploy).toList())
        .transform(intakeStopped -> Future.join(relays.stream().map(vertx::undeploy).toList()))
        .mapEmpty();
  }

  public static Future<Foundation> prepare(Vertx vertx, ServiceContext context, String schema) {
    PostgresSettings pg = PostgresSettings.from(context.settings());
    KafkaSettings kafka = KafkaSettings.from(context.settings(), context.name());
    return Database.migrate(vertx, pg, schema)
        .recover(
            err ->
                Future.failedFuture(
                    new StartupException(
                        "cannot prepare schema '"
                            + schema
                            + "' in PostgreSQL at "
                            + pg.describe()
                            + " (PG_HOST, PG_PORT, PG_DATABASE, PG_USER, PG_PASSWORD): "
                            + rootMessage(err),
                        err)))
        .compose(
            migrated -> {
              Pool pool = Database.pool(vertx, pg, schema, context.name());
              return Authentication.create(vertx, context.settings())
                  .compose(
                      auth ->
                          reachKafka(
                                  OperationalRoutes.checks(
                                      vertx, pool, kafka, auth::hasSigningKeys),
                                  kafka)
                              .map(
                                  checks ->
                                      new Foundation(
                                          vertx, context, schema, kafka, pool, auth, checks)));
            });
  }

  private static Future<OperationalRoutes.Checks> reachKafka(
      OperationalRoutes.Checks checks, KafkaSettings kafka) {
    return checks
        .kafkaWithin(15_000)
        .recover(
            err ->
                Future.failedFuture(
                    new StartupException(
                        "cannot reach Kafka at "
                            + kafka.bootstrapServers()
                            + " (KAFKA_BOOTSTRAP_SERVERS): "
                            + rootMessage(err),
                        err)))
        .map(checks);
  }

  public Pool pool() {
    return pool;
  }

  public Outbox outbox() {
    return outbox;
  }

  public Authentication authentication() {
    return authentication;
  }

  /**
   * The service's rate limits, shared by its replicas through its schema; buckets full for a while
   * are purged every minute.
   */
  public Future<RateLimiter> rateLimiter() {
    RateLimiter limiter = new RateLimiter(pool, context.registry());
    return vertx
        .deployVerticle(
            new PeriodicTask(
                "full rate-limit buckets", Duration.ofMinutes(1), limiter::purgeExpired))
        .map(limiter);
  }

  /**
   * ALTCHA proofs of work signed with {@code secret}, at the difficulty the settings give; spent
   * challenges past their expiry are purged every minute.
   */
  public Future<ProofOfWork> proofOfWork(String secret) {
    ProofOfWork proofs =
        new ProofOfWork(
            pool,
            secret,
            ProofOfWork.Difficulty.fromSettings(context.settings()),
            context.registry());
    return vertx
        .deployVerticle(
            new PeriodicTask("spent proofs of work", Duration.ofMinutes(1), proofs::purgeExpired))
        .map(proofs);
  }

  public ServiceContext context() {
    return context;
  }

  /**
   * Releases what the foundation holds beyond the pool (closed with Vert.x): the health-check Kafka
   * client.
   */
  public Future<Void> close() {
    return checks.kafka().close();
  }

  /**
   * A larger body than the default for the paths {@code path} matches (a photo's bytes, say); every
   * other request keeps the default limit.
   */
  public record BodyLimit(Pattern path, long bytes) {}

  /** A router with body limits, problem responses and the health and metrics routes in place. */
  public Router router() {
    return router(new BodyLimit[0]);
  }

  /** The same, with larger bodies allowed where {@code larger} says. */
  public Router router(BodyLimit... larger) {
    Router router = Router.router(vertx);
    ProblemHandler.install(router);
    router.route().handler(Foundation::rejectMalformedQuery);
    ClientAddress.install(router, context.settings().getInt("HTTP_TRUSTED_PROXIES", 0));
    router
        .route()
        .handler(
            ctx -> {
              LogFields.fromPath(ctx.request().path());
              ctx.next();
            });
    BodyHandler standard = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    List<Map.Entry<Pattern, BodyHandler>> exceptions =
        Arrays.stream(larger)
            .map(
                limit ->
                    Map.entry(limit.path(), BodyHandler.create(false).setBodyLimit(limit.bytes())))
            .toList();
    router
        .route()
        .handler(
            ctx ->
                exceptions.stream()
                    .filter(exception -> exception.getKey().matcher(ctx.request().path()).matches())
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(standard)
                    .handle(ctx));
    OperationalRoutes.mount(router, checks, context.registry());
    return router;
  }

  /**
   * Which transport the event loops use: epoll, or Java's selector and why, when a native one was
   * asked for (for the start-up log).
   */
  private String transport() {
    if (vertx.isNativeTransportEnabled()) {
      return "epoll";
    }
    Throwable why = vertx.unavailableNativeTransportCause();
    return why == null ? "Java NIO" : "Java NIO: " + rootMessage(why);
  }

  /**
   * Serves the router on HTTP_PORT from HTTP_EVENT_LOOPS event loops (one per core by default). The
   * router's handlers must therefore be safe to call from several threads: they hold no mutable
   * state of their own, only stores, pools and thread-safe indexes.
   */
  public Future<String> listen(Router router, int defaultPort) {
    int port = context.settings().getInt("HTTP_PORT", defaultPort);
    int eventLoops =
        context.settings().getInt("HTTP_EVENT_LOOPS", Runtime.getRuntime().availableProcessors());
    int drainSeconds = context.settings().getInt("HTTP_DRAIN_SECONDS", 10);
    return vertx
        .deployVerticle(
            () -> new HttpServerVerticle(router, port, drainSeconds),
            new DeploymentOptions().setInstances(Math.max(1, eventLoops)))
        .onSuccess(intake::add)
        .onSuccess(
            id ->
                log.info(
                    "{} listening on http://localhost:{} ({} event loops, {})",
                    context.name(),
                    port,
                    eventLoops,
                    transport()))
        .recover(
            err ->
                Future.failedFuture(
                    new StartupException(
                        context.name()
                            + " cannot listen on port "
                            + port
                            + " (HTTP_PORT): "
                            + rootMessage(err),
                        err)));
  }

  /**
   * Starts publishing this service's outbox, unless OUTBOX_RELAY_ENABLED is false: where the relay
   * runs as a process of its own, or while an operator holds publication back (the rows wait, none
   * is lost).
   */
  public Future<String> startOutboxRelay() {
    if (!context.settings().getBoolean("OUTBOX_RELAY_ENABLED", true)) {
      log.warn(
          "{}: the outbox relay is disabled (OUTBOX_RELAY_ENABLED=false); events wait in the outbox",
          context.name());
      return Future.succeededFuture("no relay");
    }
    return vertx
        .deployVerticle(
            new OutboxRelay(
                pool,
                outbox,
                schema,
                kafka,
                OutboxSettings.from(context.settings()),
                context.registry()))
        .onSuccess(relays::add);
  }

  /**
   * Lists what this service's consumers gave up on, at {@code <apiPrefix>/ops/dead-letters}, for
   * operators.
   */
  public void mountDeadLetters(Router router, String apiPrefix) {
    DeadLetters.mount(router, apiPrefix, pool, authentication);
  }

  /**
   * Starts an idempotent consumer; {@code purpose} names it within the service, e.g. {@code saga}.
   */
  public Future<String> consume(String purpose, Set<String> topics, EventHandlers handlers) {
    String group = context.name() + "." + purpose;
    return vertx
        .deployVerticle(
            new IdempotentConsumer(
                group,
                topics,
                handlers,
                pool,
                kafka,
                ConsumerSettings.from(context.settings()),
                context.registry(),
                context.telemetry().getTracer(group)))
        .onSuccess(intake::add);
  }

  /**
   * Netty decodes the query lazily and throws on a bad escape such as {@code %zz}: make that a 400
   * up front.
   */
  private static void rejectMalformedQuery(RoutingContext ctx) {
    try {
      ctx.request().params();
    } catch (IllegalArgumentException e) {
      ctx.fail(ProblemException.badRequest("The query string is not validly percent-encoded."));
      return;
    }
    ctx.next();
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() != null ? root.getMessage() : root.toString();
  }
}
