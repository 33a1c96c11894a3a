package ma.tadamon.catalog.events;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases stock held for orders nobody confirmed in time, on a timer. Several instances may run: each
 * batch skips the holds another instance is releasing.
 */
public final class HoldExpiry extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(HoldExpiry.class);

  private final Pool pool;
  private final StockReservations reservations;
  private final Duration every;
  private long timer = -1;
  private boolean running;

  public HoldExpiry(Pool pool, StockReservations reservations, Duration every) {
    this.pool = pool;
    this.reservations = reservations;
    this.every = every;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(every.toMillis(), id -> releaseExpired());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void releaseExpired() {
    if (running) {
      return;  // the previous round is still at it
    }
    running = true;
    reservations.releaseExpiredHolds(pool)
        .onSuccess(released -> {
          if (released > 0) {
            log.info("released the expired stock holds of {} orders", released);
          }
        })
        .onFailure(error -> log.warn("could not release expired stock holds; next round retries: {}",
            error.getMessage()))
        .onComplete(done -> running = false);
  }
}
