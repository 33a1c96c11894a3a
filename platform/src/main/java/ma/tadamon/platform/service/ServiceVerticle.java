package ma.tadamon.platform.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * A service's main verticle: its foundation (pool, migrations, Kafka, auth, outbox) prepared first,
 * then the service wires its own stores, handlers, routes and consumers on it; stopping releases
 * it.
 */
public abstract class ServiceVerticle extends VerticleBase {

  protected final ServiceContext context;
  private final String schema;
  private Foundation foundation;

  protected ServiceVerticle(ServiceContext context, String schema) {
    this.context = context;
    this.schema = schema;
  }

  @Override
  public final Future<?> start() {
    return checkConfiguration()
        .compose(checked -> Foundation.prepare(vertx, context, schema))
        .onSuccess(prepared -> foundation = prepared)
        .compose(this::wire);
  }

  @Override
  public Future<?> stop() {
    return foundation == null ? Future.succeededFuture() : foundation.close();
  }

  /**
   * Settings the service cannot run without, read before anything is started so that a mistake is
   * reported at once; none by default.
   */
  protected Future<Void> checkConfiguration() {
    return Future.succeededFuture();
  }

  /** Wires the service on its prepared foundation, ending with listening for HTTP. */
  protected abstract Future<?> wire(Foundation foundation);
}
