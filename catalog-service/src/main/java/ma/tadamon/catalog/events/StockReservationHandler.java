package ma.tadamon.catalog.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.domain.StockReservation;
import ma.tadamon.catalog.store.StockStore;
import ma.tadamon.events.inventory.StockRejected;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Answers each placed order on {@code inventory.events}: all its stock held, or none of it and why.
 * Runs inside the consumer's transaction, with the product rows locked.
 */
public final class StockReservationHandler {

  private final StockStore stock;
  private final Outbox outbox;
  private final Duration holdFor;
  private final Clock clock;

  public StockReservationHandler(StockStore stock, Outbox outbox, Duration holdFor, Clock clock) {
    this.stock = stock;
    this.outbox = outbox;
    this.holdFor = holdFor;
    this.clock = clock;
  }

  public Future<Void> onOrderPlaced(OrderPlaced order, EventEnvelope envelope, SqlConnection tx) {
    return stock.hasReservation(tx, order.orderId()).compose(alreadyHeld -> alreadyHeld
        // The same order placed twice (a re-published event): its stock is held once, the answer repeated.
        ? outbox.append(tx, Topics.INVENTORY_EVENTS, new StockReserved(order.orderId()))
        : reserve(order, tx));
  }

  private Future<Void> reserve(OrderPlaced order, SqlConnection tx) {
    Map<UUID, Integer> requested = StockReservation.totalsByProduct(order.lines().stream()
        .map(line -> Map.entry(line.productId(), line.quantity())).toList());
    return stock.lock(tx, List.copyOf(requested.keySet())).compose(available -> {
      List<StockReservation.Shortage> shortages = StockReservation.shortages(requested, available);
      if (!shortages.isEmpty()) {
        return outbox.append(tx, Topics.INVENTORY_EVENTS, new StockRejected(order.orderId(), shortages.stream()
            .map(s -> new StockRejected.Shortage(s.productId(), s.requested(), s.available())).toList()));
      }
      Instant expiresAt = Instant.now(clock).plus(holdFor);
      return stock.hold(tx, order.orderId(), requested, expiresAt)
          .compose(held -> outbox.append(tx, Topics.INVENTORY_EVENTS, new StockReserved(order.orderId())));
    });
  }
}
