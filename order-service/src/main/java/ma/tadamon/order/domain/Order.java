package ma.tadamon.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.CooperativeOrderAccepted;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.CooperativeOrderShipped;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderCompleted;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderRejected;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.events.order.PhoneConfirmationRequested;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * An order's rules in one place. Given the order as it stands and what happened (an answer of the
 * saga's participants) or what someone asks (a cooperative's action, the shopper's cancellation),
 * it decides where the order and its parts go and what to announce. It holds no connection and
 * saves nothing: the caller locks the order, loads it, asks, and saves the {@link OrderDecision}.
 *
 * <p>The saga's answers never fail: one the order's state does not allow (late or replayed) is
 * ignored, with the reason. People's commands that the state does not allow are refused with a
 * {@link DomainException} naming the state.
 */
public final class Order {

  private final OrderView state;

  private Order(OrderView state) {
    this.state = state;
  }

  public static Order of(OrderView state) {
    return new Order(state);
  }

  public UUID id() {
    return state.id();
  }

  public String code() {
    return state.code();
  }

  public OrderStatus status() {
    return state.status();
  }

  // The saga.

  /**
   * The catalog holds the stock. An order whose shopper must prove the phone waits for it until
   * {@code phoneDeadline} and nobody else hears of it yet. A cash-on-delivery order is then
   * confirmed at once: there is nothing to authorize (the cash is collected at the door), so it
   * does not wait for payment-service, which opens its payment from the confirmation. A card order
   * goes on to payment-service and waits for the shopper to pay.
   */
  public OrderDecision stockReserved(ShopperAccess access, Instant phoneDeadline) {
    if (state.status() != OrderStatus.PLACED) {
      return OrderDecision.ignored(state.id(), "it is " + state.status() + ", no longer PLACED");
    }
    if (state.phoneCheck() == PhoneCheck.AWAITING) {
      return sagaStep(
          OrderStatus.RESERVED,
          "stock reserved; waiting for the shopper to confirm the phone",
          null,
          new PhoneConfirmationRequested(
              state.id(),
              state.code(),
              state.language(),
              state.contact().phone(),
              phoneDeadline,
              state.shopperSubject()));
    }
    if (state.paymentMethod() == PaymentMethod.CASH_ON_DELIVERY) {
      return sagaStep(
          OrderStatus.CONFIRMED,
          "stock reserved; cash on delivery",
          CooperativeOrderStatus.NEW,
          confirmed(access));
    }
    return sagaStep(OrderStatus.RESERVED, "stock reserved", null, reserved(access));
  }

  /**
   * The shopper proved the phone of a cash-on-delivery order: it is confirmed, as one whose phone
   * needed no proof is when its stock is held. A confirmation that comes after the order ended
   * (past its deadline) changes nothing.
   */
  public OrderDecision phoneConfirmed(ShopperAccess access) {
    if (state.phoneCheck() == PhoneCheck.CONFIRMED) {
      return OrderDecision.alreadyDone(state.id());
    }
    if (state.phoneCheck() != PhoneCheck.AWAITING || state.status() != OrderStatus.RESERVED) {
      return OrderDecision.ignored(
          state.id(), "it is " + state.status() + " and waits for no phone confirmation");
    }
    OrderDecision confirmed =
        sagaStep(
            OrderStatus.CONFIRMED,
            "phone confirmed; cash on delivery",
            CooperativeOrderStatus.NEW,
            confirmed(access));
    return confirmed.withPhoneCheck(PhoneCheck.CONFIRMED);
  }

  /** The phone cannot be confirmed (or was not in time): the order ends and its stock goes back. */
  public OrderDecision phoneNotConfirmed(String cause) {
    if (state.phoneCheck() != PhoneCheck.AWAITING) {
      return OrderDecision.ignored(state.id(), "it waits for no phone confirmation");
    }
    return cancelledBySaga(cause);
  }

  private OrderReserved reserved(ShopperAccess access) {
    return new OrderReserved(
        state.id(),
        state.code(),
        state.language(),
        state.paymentMethod(),
        state.totalCentimes(),
        state.cooperativeOrders().stream()
            .map(
                part ->
                    new OrderReserved.CooperativeAmount(
                        part.cooperativeId(), part.amountCentimes(), part.shippingCentimes()))
            .toList(),
        access.tokenDigest());
  }

  /** The catalog cannot hold the stock: the order is over before it began. */
  public OrderDecision stockRejected(String reason) {
    return sagaStep(
        OrderStatus.REJECTED,
        reason,
        CooperativeOrderStatus.REJECTED,
        new OrderRejected(state.id(), reason));
  }

  /**
   * The card payment is authorized: every cooperative now has its part to fulfil. An order still
   * waiting for its shopper's phone is not confirmed by a payment, whatever sent it.
   */
  public OrderDecision paymentAuthorized(String cause, ShopperAccess access) {
    if (state.status() != OrderStatus.RESERVED || state.phoneCheck() == PhoneCheck.AWAITING) {
      return OrderDecision.ignored(
          state.id(),
          "it is "
              + state.status()
              + (state.phoneCheck() == PhoneCheck.AWAITING ? ", waiting for the phone," : "")
              + " and waits for no payment");
    }
    return sagaStep(OrderStatus.CONFIRMED, cause, CooperativeOrderStatus.NEW, confirmed(access));
  }

  /** The payment failed, nobody paid in time, or the stock hold expired: the order is cancelled. */
  public OrderDecision cancelledBySaga(String cause) {
    return sagaStep(
        OrderStatus.CANCELLED,
        cause,
        CooperativeOrderStatus.CANCELLED,
        new OrderCancelled(state.id(), cause));
  }

  /**
   * The catalog let the stock hold expire. An order confirmed just before the catalog heard of it
   * stands (its cooperatives check the shelf); any other is cancelled.
   */
  public OrderDecision stockHoldExpired() {
    if (state.status() == OrderStatus.CONFIRMED) {
      return OrderDecision.ignored(
          state.id(), "it was confirmed before its stock hold expired; the order stands");
    }
    return cancelledBySaga("stock hold expired before the payment");
  }

  // People's commands.

  /** The shopper (or an operator) cancels before anything has shipped; twice is harmless. */
  public OrderDecision cancel(String cause) {
    if (state.status() == OrderStatus.CANCELLED) {
      return OrderDecision.alreadyDone(state.id());
    }
    boolean somethingShipped =
        state.cooperativeOrders().stream().anyMatch(part -> part.status().isOnItsWay());
    if (!state.status().canMoveTo(OrderStatus.CANCELLED) || somethingShipped) {
      throw DomainException.conflict(
              "too-late-to-cancel",
              "This order can no longer be cancelled",
              "The order is "
                  + state.status()
                  + (state.status() == OrderStatus.CONFIRMED ? " and part of it has shipped" : "")
                  + "; contact the cooperative or refuse the delivery.")
          .with("orderStatus", state.status().name());
    }
    return cancelledBySaga(cause);
  }

  /**
   * A cooperative acts on its part. Asking again for what is already done (a retry) changes
   * nothing. When no part can move any more, the order is over: COMPLETED if something was
   * delivered, CANCELLED if every cooperative declined.
   */
  public OrderDecision act(
      UUID cooperativeId, FulfilmentAction asked, FulfilmentAction.Details details) {
    DomainException.requireValid(details.problemsFor(asked));
    OrderView.Part part =
        find(cooperativeId)
            .orElseThrow(() -> DomainException.notFound("This cooperative's part of the order"));
    // "Refused" of a parcel already on its way can only be the shopper's, at the door.
    FulfilmentAction action =
        asked == FulfilmentAction.DECLINE && part.status() == CooperativeOrderStatus.SHIPPED
            ? FulfilmentAction.REFUSE
            : asked;
    if (action == FulfilmentAction.REFUSE
        && state.paymentMethod() != PaymentMethod.CASH_ON_DELIVERY) {
      throw DomainException.conflict(
              "refusal-is-for-cash-on-delivery",
              "Only a cash-on-delivery parcel is refused at the door",
              "This order was paid by card: a parcel that comes back is a refund, by an operator.")
          .with("paymentMethod", state.paymentMethod().name());
    }
    if (part.status() == action.target()) {
      return OrderDecision.alreadyDone(state.id());
    }
    if (part.collectedAtStand()
        && (action == FulfilmentAction.SHIP || action == FulfilmentAction.REFUSE)) {
      throw DomainException.conflict(
              "collected-at-stand",
              "This part is collected at the stand",
              "The shopper collects it at stand "
                  + part.pickupStand()
                  + ": hand it over with the order's code, nothing is shipped.")
          .with("stand", part.pickupStand());
    }
    if (state.status() != OrderStatus.CONFIRMED
        || !part.status().canMoveTo(action.target(), part.collectedAtStand())) {
      throw illegal(action, part.status());
    }
    String declineReason = action == FulfilmentAction.DECLINE ? details.reason().trim() : null;
    String tracking =
        action == FulfilmentAction.SHIP ? blankToNull(details.trackingReference()) : null;
    OrderDecision.PartMove partMove =
        new OrderDecision.PartMove(
            cooperativeId, part.status(), action.target(), declineReason, tracking, true);
    List<IntegrationEvent> events = new ArrayList<>();
    events.add(
        switch (action) {
          case ACCEPT -> new CooperativeOrderAccepted(state.id(), cooperativeId);
          case DECLINE -> new CooperativeOrderDeclined(state.id(), cooperativeId, declineReason);
          case SHIP ->
              new CooperativeOrderShipped(
                  state.id(),
                  cooperativeId,
                  tracking != null ? tracking : part.trackingReference());
          case DELIVER ->
              new CooperativeOrderDelivered(
                  state.id(),
                  cooperativeId,
                  state.paymentMethod(),
                  part.amountCentimes(),
                  part.collectedAtStand());
          case REFUSE ->
              new CooperativeOrderRefused(state.id(), cooperativeId, details.courierCostCentimes());
        });
    Optional<OrderDecision.Move> completion = completionAfter(cooperativeId, action.target());
    completion.ifPresent(
        move ->
            events.add(
                move.to() == OrderStatus.COMPLETED
                    ? new OrderCompleted(state.id())
                    : new OrderCancelled(state.id(), move.cause())));
    return new OrderDecision(
        state.id(),
        completion,
        List.of(partMove),
        List.copyOf(events),
        Optional.empty(),
        Optional.empty());
  }

  private Optional<OrderDecision.Move> completionAfter(
      UUID movedCooperative, CooperativeOrderStatus movedTo) {
    List<CooperativeOrderStatus> after =
        state.cooperativeOrders().stream()
            .map(part -> part.cooperativeId().equals(movedCooperative) ? movedTo : part.status())
            .toList();
    if (!after.stream().allMatch(CooperativeOrderStatus::isFinal)) {
      return Optional.empty();
    }
    return Optional.of(
        after.contains(CooperativeOrderStatus.DELIVERED)
            ? new OrderDecision.Move(
                OrderStatus.CONFIRMED, OrderStatus.COMPLETED, "every part delivered or declined")
            : new OrderDecision.Move(
                OrderStatus.CONFIRMED,
                OrderStatus.CANCELLED,
                "every part declined, or refused at the door"));
  }

  /**
   * A move of the whole order, announced by {@code event}; when {@code parts} is given, every part
   * that may go there follows (a part already declined or delivered keeps what happened to it).
   */
  private OrderDecision sagaStep(
      OrderStatus target, String cause, CooperativeOrderStatus parts, IntegrationEvent event) {
    if (!state.status().canMoveTo(target)) {
      return OrderDecision.ignored(
          state.id(), "it is " + state.status() + " and cannot move to " + target);
    }
    List<OrderDecision.PartMove> partMoves =
        parts == null
            ? List.of()
            : state.cooperativeOrders().stream()
                .filter(part -> part.status().canMoveTo(parts))
                .map(
                    part ->
                        new OrderDecision.PartMove(
                            part.cooperativeId(), part.status(), parts, null, null, false))
                .toList();
    return new OrderDecision(
        state.id(),
        Optional.of(new OrderDecision.Move(state.status(), target, cause)),
        partMoves,
        List.of(event),
        Optional.empty(),
        Optional.empty());
  }

  private OrderConfirmed confirmed(ShopperAccess access) {
    return new OrderConfirmed(
        state.id(),
        state.code(),
        state.language(),
        new OrderConfirmed.Contact(
            state.contact().name(), state.contact().phone(), state.contact().email()),
        state.shippingAddress().city(),
        state.paymentMethod(),
        state.totalCentimes(),
        state.cooperativeOrders().stream()
            .map(
                part ->
                    new OrderConfirmed.CooperativePart(
                        part.cooperativeId(),
                        part.amountCentimes(),
                        state.lines().stream()
                            .filter(line -> line.cooperativeId().equals(part.cooperativeId()))
                            .map(
                                line ->
                                    new OrderConfirmed.Item(
                                        line.productId(),
                                        line.productName(),
                                        line.quantity(),
                                        line.unitPriceCentimes()))
                            .toList(),
                        part.pickupStand(),
                        part.shippingCentimes()))
            .toList(),
        state.marketingConsent(),
        access.orderLink(),
        state.shopperSubject(),
        access.tokenDigest());
  }

  private Optional<OrderView.Part> find(UUID cooperativeId) {
    return state.cooperativeOrders().stream()
        .filter(part -> part.cooperativeId().equals(cooperativeId))
        .findFirst();
  }

  private DomainException illegal(FulfilmentAction action, CooperativeOrderStatus part) {
    String detail =
        state.status() != OrderStatus.CONFIRMED
            ? "The order is " + state.status() + "; a cooperative acts on it once it is CONFIRMED."
            : "This part is "
                + part
                + "; it cannot be "
                + action.target().name().toLowerCase(Locale.ROOT)
                + " now.";
    return DomainException.conflict("illegal-transition", "Not possible in this state", detail)
        .with("partStatus", part.name())
        .with("orderStatus", state.status().name());
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
