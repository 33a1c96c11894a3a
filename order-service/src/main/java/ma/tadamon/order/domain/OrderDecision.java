package ma.tadamon.order.domain;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * What the {@link Order} aggregate decided: the order's move (if any), the parts' moves, where the
 * check of the shopper's phone stands now (if it changed) and the events to announce, all to be
 * saved in one transaction; or nothing, with the reason a late or replayed message changes nothing.
 */
public record OrderDecision(
    UUID orderId,
    Optional<Move> move,
    List<PartMove> partMoves,
    List<IntegrationEvent> events,
    Optional<String> ignoredBecause,
    Optional<PhoneCheck> phoneCheck) {

  /** The order moves {@code from} → {@code to}, and its history records {@code cause}. */
  public record Move(OrderStatus from, OrderStatus to, String cause) {}

  /**
   * One cooperative's part moves; a decline keeps its reason and a shipment its tracking reference.
   * {@code byCooperative} parts' moves are the cooperative's own actions and enter the part's
   * history; the others follow the whole order.
   */
  public record PartMove(
      UUID cooperativeId,
      CooperativeOrderStatus from,
      CooperativeOrderStatus to,
      String declineReason,
      String trackingReference,
      boolean byCooperative) {}

  public static OrderDecision ignored(UUID orderId, String because) {
    return new OrderDecision(
        orderId, Optional.empty(), List.of(), List.of(), Optional.of(because), Optional.empty());
  }

  /** Asked again for what is already done: nothing to save, nothing to announce. */
  public static OrderDecision alreadyDone(UUID orderId) {
    return new OrderDecision(
        orderId, Optional.empty(), List.of(), List.of(), Optional.empty(), Optional.empty());
  }

  /** The same decision, which also records where the check of the shopper's phone now stands. */
  public OrderDecision withPhoneCheck(PhoneCheck check) {
    return new OrderDecision(orderId, move, partMoves, events, ignoredBecause, Optional.of(check));
  }

  public boolean changesNothing() {
    return move.isEmpty() && partMoves.isEmpty() && events.isEmpty() && phoneCheck.isEmpty();
  }
}
