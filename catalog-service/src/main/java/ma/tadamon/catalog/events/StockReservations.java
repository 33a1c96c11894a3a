package ma.tadamon.catalog.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;
import ma.tadamon.catalog.domain.HoldEnding;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductChanges;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.StockReservation;
import ma.tadamon.catalog.domain.StockReservation.Availability;
import ma.tadamon.catalog.domain.StockReservation.Held;
import ma.tadamon.catalog.domain.StockReservation.Held.Status;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.catalog.store.StockStore;
import ma.tadamon.events.inventory.StockRejected;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.events.order.OrderRejected;
import ma.tadamon.events.order.WithdrawalReceived;
import ma.tadamon.platform.consumer.Consumed;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock side of the order saga: holds an order's stock all-or-nothing when it is placed, sells
 * it when it is confirmed, gives it back when the order is cancelled or a cooperative declines its
 * part, and releases holds nobody confirmed in time. Each step runs in one transaction with the
 * product rows locked, and answers on {@code inventory.events}; a product that sells out or comes
 * back is announced on {@code catalog.events}.
 */
public final class StockReservations {

  private static final Logger log = LoggerFactory.getLogger(StockReservations.class);
  private static final int EXPIRY_BATCH = 50;
  private static final List<Status> GIVEN_BACK_FROM = List.of(Status.HELD, Status.SOLD);

  private final ProductStore products;
  private final StockStore stock;
  private final Outbox outbox;
  private final Duration holdFor;
  private final Clock clock;

  public StockReservations(
      ProductStore products, StockStore stock, Outbox outbox, Duration holdFor, Clock clock) {
    this.products = products;
    this.stock = stock;
    this.outbox = outbox;
    this.holdFor = holdFor;
    this.clock = clock;
  }

  /**
   * Holds each placed order's stock, all or nothing, deciding the orders one after another in the
   * order they came: their products locked together (in id order, as always), the decisions taken
   * here, the holds written together. Each order's answer goes out in its own trace.
   */
  public Future<Void> onOrdersPlaced(List<Consumed<OrderPlaced>> placed, SqlConnection tx) {
    Map<UUID, Map<UUID, Integer>> requested = new LinkedHashMap<>();
    Set<UUID> productIds = new TreeSet<>();
    for (Consumed<OrderPlaced> each : placed) {
      Map<UUID, Integer> lines =
          StockReservation.totalsByProduct(
              each.event().lines().stream()
                  .map(line -> Map.entry(line.productId(), line.quantity()))
                  .toList());
      requested.put(each.event().orderId(), lines);
      productIds.addAll(lines.keySet());
    }
    // Asked together, in one round trip: the rows are locked for nothing only when every order was
    // placed before, which is rare.
    Future<Map<UUID, StockStore.OrderReservation>> before = stock.statusOf(tx, requested.keySet());
    Future<Map<UUID, ProductListing>> locked = products.lockAll(tx, productIds);
    return Future.all(before, locked)
        .compose(both -> reserve(placed, requested, before.result(), locked.result(), tx));
  }

  /** Confirmed orders' holds become sales, a batch's together. */
  public Future<Void> onOrdersConfirmed(
      List<Consumed<OrderConfirmed>> confirmed, SqlConnection tx) {
    return end(
        tx,
        confirmed.stream().map(each -> each.event().orderId()).toList(),
        List.of(Status.HELD),
        Optional.empty(),
        held -> held.endedAs(Status.SOLD),
        HoldEnding.ORDER_CONFIRMED);
  }

  public Future<Void> onOrderCancelled(
      OrderCancelled order, EventEnvelope envelope, SqlConnection tx) {
    return giveBack(tx, order.orderId(), Optional.empty(), HoldEnding.ORDER_CANCELLED);
  }

  public Future<Void> onOrderRejected(
      OrderRejected order, EventEnvelope envelope, SqlConnection tx) {
    // A rejected order normally held nothing; this covers a hold that raced a rejection.
    return giveBack(tx, order.orderId(), Optional.empty(), HoldEnding.ORDER_REJECTED);
  }

  public Future<Void> onCooperativeOrderDeclined(
      CooperativeOrderDeclined part, EventEnvelope envelope, SqlConnection tx) {
    return giveBack(
        tx, part.orderId(), Optional.of(part.cooperativeId()), HoldEnding.COOPERATIVE_DECLINED);
  }

  /** A cash-on-delivery parcel refused at the door is back: its stock is on the shelf again. */
  public Future<Void> onCooperativeOrderRefused(
      CooperativeOrderRefused part, EventEnvelope envelope, SqlConnection tx) {
    return giveBack(
        tx, part.orderId(), Optional.of(part.cooperativeId()), HoldEnding.PARCEL_REFUSED);
  }

  /**
   * The goods of a shopper's withdrawal are back with the cooperative: on the shelf again. Their
   * reservation stays SOLD (they were sold, then returned under the law); the return is counted on
   * the product's stock alone.
   */
  public Future<Void> onWithdrawalReceived(
      WithdrawalReceived returned, EventEnvelope envelope, SqlConnection tx) {
    Map<UUID, Integer> quantities =
        StockReservation.totalsByProduct(
            returned.lines().stream()
                .map(line -> Map.entry(line.productId(), line.quantity()))
                .toList());
    return products
        .lockAll(tx, quantities.keySet())
        .compose(
            before -> {
              Map<UUID, Integer> known = new HashMap<>(quantities);
              known.keySet().retainAll(before.keySet());
              log.info(
                  "withdrawal {} of order {}: {} products back on the shelf",
                  returned.withdrawalId(),
                  returned.orderId(),
                  known.size());
              // On the shelf again: the counters move as for a return.
              List<Held> back =
                  known.entrySet().stream()
                      .map(line -> new Held(line.getKey(), line.getValue(), Status.RETURNED))
                      .toList();
              return Future.all(stock.move(tx, back), announceAvailability(tx, before, back))
                  .mapEmpty();
            });
  }

  /**
   * Releases the holds past their time, a batch per transaction; returns how many orders it
   * released.
   */
  public Future<Integer> releaseExpiredHolds(Pool pool) {
    return Transactions.run(
        pool,
        tx ->
            stock
                .ordersWithExpiredHolds(tx, Instant.now(clock), EXPIRY_BATCH)
                .compose(
                    orders ->
                        end(
                                tx,
                                orders,
                                GIVEN_BACK_FROM,
                                Optional.empty(),
                                Held::givenBack,
                                HoldEnding.EXPIRED)
                            .map(orders.size())));
  }

  /**
   * Decides the placed orders one after another on the shelf their {@code locked} products make,
   * then writes the holds, every order's answer (in its own trace) and what sold out, together.
   */
  private Future<Void> reserve(
      List<Consumed<OrderPlaced>> placed,
      Map<UUID, Map<UUID, Integer>> requested,
      Map<UUID, StockStore.OrderReservation> before,
      Map<UUID, ProductListing> locked,
      SqlConnection tx) {
    StockReservation.Shelf shelf =
        new StockReservation.Shelf(
            locked.values().stream()
                .map(
                    listing ->
                        new Availability(
                            listing.product().id(),
                            listing.product().stockOnHand(),
                            listing.product().stockReserved(),
                            listing.sellable()))
                .toList());
    Map<UUID, List<Held>> holds = new LinkedHashMap<>();
    List<Outbox.Traced> answers = new ArrayList<>();
    for (Consumed<OrderPlaced> each : placed) {
      UUID orderId = each.event().orderId();
      StockStore.OrderReservation status =
          holds.containsKey(orderId) ? StockStore.OrderReservation.ACTIVE : before.get(orderId);
      IntegrationEvent answer;
      if (status != null) {
        // The same order placed again (a re-published event): its stock is held once. Still held
        // or sold: the answer is repeated; already given back: nothing to say that was not said.
        if (status == StockStore.OrderReservation.ENDED) {
          continue;
        }
        answer = new StockReserved(orderId);
      } else {
        List<StockReservation.Shortage> shortages = shelf.hold(requested.get(orderId));
        if (shortages.isEmpty()) {
          holds.put(
              orderId,
              requested.get(orderId).entrySet().stream()
                  .map(line -> new Held(line.getKey(), line.getValue(), Status.HELD))
                  .toList());
          answer = new StockReserved(orderId);
        } else {
          answer =
              new StockRejected(
                  orderId,
                  shortages.stream()
                      .map(
                          s ->
                              new StockRejected.Shortage(
                                  s.productId(), s.requested(), s.available()))
                      .toList());
        }
      }
      answers.add(each.inItsTrace(() -> Outbox.Traced.here(answer)));
    }
    return Future.all(
            outbox.appendTraced(tx, Topics.INVENTORY_EVENTS, answers),
            stock.hold(tx, holds, Instant.now(clock).plus(holdFor)),
            announceAvailability(
                tx, locked, holds.values().stream().flatMap(List::stream).toList()))
        .mapEmpty();
  }

  private Future<Void> giveBack(
      SqlConnection tx, UUID orderId, Optional<UUID> cooperativeId, HoldEnding reason) {
    return end(tx, List.of(orderId), GIVEN_BACK_FROM, cooperativeId, Held::givenBack, reason);
  }

  /**
   * Ends the orders' reservations in {@code from} as {@code next} decides, moving the counters;
   * what goes back on sale is announced as released, order by order. An order with nothing left in
   * those states changes nothing: a late or repeated event is harmless.
   */
  private Future<Void> end(
      SqlConnection tx,
      List<UUID> orderIds,
      List<Status> from,
      Optional<UUID> cooperativeId,
      UnaryOperator<Held> next,
      HoldEnding reason) {
    // The reservations, then their products, locked in that order as always, in one round trip.
    Future<Map<UUID, List<Held>>> reservations =
        stock.lockReservations(tx, orderIds, from, cooperativeId);
    Future<Map<UUID, ProductListing>> locked =
        products.lockReservedBy(
            tx, orderIds, from.stream().map(Enum::name).toList(), cooperativeId);
    return Future.all(reservations, locked)
        .compose(
            both -> {
              if (reservations.result().isEmpty()) {
                return Future.succeededFuture();
              }
              Map<UUID, List<Held>> ended = new LinkedHashMap<>();
              reservations
                  .result()
                  .forEach((order, held) -> ended.put(order, held.stream().map(next).toList()));
              List<Future<Void>> writes = new ArrayList<>();
              writes.add(stock.end(tx, ended, reason.name()));
              ended.forEach((order, held) -> writes.add(announceRelease(tx, order, held, reason)));
              writes.add(
                  announceAvailability(
                      tx, locked.result(), ended.values().stream().flatMap(List::stream).toList()));
              return Future.all(writes).mapEmpty();
            });
  }

  private Future<Void> announceRelease(
      SqlConnection tx, UUID orderId, List<Held> ended, HoldEnding reason) {
    List<StockReleased.Line> lines =
        ended.stream()
            .filter(held -> held.status() == Status.RELEASED || held.status() == Status.RETURNED)
            .map(held -> new StockReleased.Line(held.productId(), held.quantity()))
            .toList();
    if (lines.isEmpty() || reason.released().isEmpty()) {
      return Future.succeededFuture();
    }
    log.info("stock of order {} back on sale ({}): {} lines", orderId, reason, lines.size());
    return outbox.append(
        tx, Topics.INVENTORY_EVENTS, new StockReleased(orderId, reason.released().get(), lines));
  }

  /**
   * Products whose free stock crosses zero by {@code moved} (the reservations as they now are, with
   * their rows locked as {@code before}) are announced: sold out, or back. Computed from the moves,
   * as the store writes them, without reading the rows again.
   */
  private Future<Void> announceAvailability(
      SqlConnection tx, Map<UUID, ProductListing> before, List<Held> moved) {
    Map<UUID, Product> after = new HashMap<>();
    before.forEach((id, listing) -> after.put(id, listing.product()));
    for (Held move : moved) {
      after.computeIfPresent(move.productId(), (id, product) -> move.appliedTo(product));
    }
    List<IntegrationEvent> changes = new ArrayList<>();
    after.forEach(
        (id, product) -> changes.addAll(ProductChanges.between(before.get(id).product(), product)));
    return changes.isEmpty()
        ? Future.succeededFuture()
        : outbox.append(tx, Topics.CATALOG_EVENTS, changes);
  }
}
