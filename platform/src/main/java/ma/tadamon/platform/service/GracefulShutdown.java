package ma.tadamon.platform.service;

import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service does, in order, before its Vert.x instance closes, so that stopping a pod (a
 * rolling update, a node drain, scaling down after the fair) drops nothing: it stops taking work,
 * finishes the work in hand, and publishes what that work wrote to the outbox.
 */
public final class GracefulShutdown {

  private static final Logger log = LoggerFactory.getLogger(GracefulShutdown.class);

  private final List<Supplier<Future<?>>> steps = new CopyOnWriteArrayList<>();

  /** Adds a step; steps run one after the other, in the order they were added. */
  public void then(Supplier<Future<?>> step) {
    steps.add(step);
  }

  /** Runs every step; a step that fails is logged and the next one still runs. */
  Future<Void> run() {
    Future<Void> chain = Future.succeededFuture();
    for (Supplier<Future<?>> step : steps) {
      chain =
          chain.compose(
              v ->
                  step.get()
                      .<Void>mapEmpty()
                      .recover(
                          err -> {
                            log.warn("a shutdown step failed, going on: {}", err.toString());
                            return Future.succeededFuture();
                          }));
    }
    return chain;
  }
}
