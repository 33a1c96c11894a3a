package ma.tadamon.platform.service;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Housekeeping on a timer (expired holds, unpaid orders, due refunds): one round at a time, a
 * failed round logged and retried by the next. The round answers how many things it handled, for
 * the log.
 */
public final class PeriodicTask extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

  private final String what;
  private final Duration every;
  private final Supplier<Future<Integer>> round;
  private long timer = -1;
  private boolean running;

  /**
   * @param what what a round handles, plural, for the log: "expired stock holds"
   */
  public PeriodicTask(String what, Duration every, Supplier<Future<Integer>> round) {
    this.what = what;
    this.every = every;
    this.round = round;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(every.toMillis(), id -> runRound());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void runRound() {
    if (running) {
      return; // the previous round is still at it
    }
    running = true;
    Future<Integer> handled;
    try {
      handled = round.get();
    } catch (RuntimeException e) {
      handled = Future.failedFuture(e);
    }
    handled
        .onSuccess(
            count -> {
              if (count > 0) {
                log.info("handled {} {}", count, what);
              }
            })
        .onFailure(
            error ->
                log.warn(
                    "could not handle {}; the next round retries: {}", what, error.getMessage()))
        .onComplete(done -> running = false);
  }
}
