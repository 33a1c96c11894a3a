package ma.tadamon.payment.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.events.order.WithdrawalReceived;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentVoided;
import ma.tadamon.payment.Captures;
import ma.tadamon.payment.CardHolds;
import ma.tadamon.payment.PaymentMetrics;
import ma.tadamon.payment.Refunds;
import ma.tadamon.payment.domain.PartStatus;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentPart;
import ma.tadamon.payment.domain.PaymentStatus;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.platform.consumer.Consumed;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the order's life means for its payment: opened when the stock is held (a card's) or the
 * order confirmed (cash on delivery's), captured part by part as cooperatives deliver, voided or
 * refunded when a part is declined or the order cancelled. Each handler locks the payment; one that
 * finds the step already taken (a replayed event) changes nothing.
 */
public final class OrderPayments {

  private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

  private final PaymentStore payments;
  private final Refunds refunds;
  private final Outbox outbox;
  private final Captures captures;
  private final CardHolds holds;
  private final PaymentMetrics metrics;

  public OrderPayments(
      PaymentStore payments,
      Refunds refunds,
      Outbox outbox,
      Captures captures,
      CardHolds holds,
      PaymentMetrics metrics) {
    this.payments = payments;
    this.refunds = refunds;
    this.outbox = outbox;
    this.captures = captures;
    this.holds = holds;
    this.metrics = metrics;
  }

  /**
   * A card order's stock is held: its payment opens, PENDING until the shopper pays at the gateway.
   * A cash-on-delivery order is opened from its confirmation instead; one announced here (by an
   * order-service from before cash orders were confirmed without waiting) is opened AUTHORIZED and
   * answered, as that order-service waits for the answer.
   */
  public Future<Void> onOrderReserved(
      OrderReserved order, EventEnvelope envelope, SqlConnection tx) {
    return open(tx, envelope, order, true);
  }

  /**
   * Cash-on-delivery orders are confirmed as soon as their stock is held (nothing to authorize: the
   * cash is collected at the door): their payments open AUTHORIZED here, a batch's together in one
   * statement, and nobody waits for an answer. A card order's payment exists already.
   */
  public Future<Void> onOrdersConfirmed(
      List<Consumed<OrderConfirmed>> confirmed, SqlConnection tx) {
    List<Payment> opening = new ArrayList<>();
    for (Consumed<OrderConfirmed> each : confirmed) {
      OrderConfirmed order = each.event();
      if (order.paymentMethod() == PaymentMethod.CARD) {
        continue;
      }
      if (order.cooperativeOrders() == null) {
        unusable(each.envelope(), order.paymentMethod());
      } else {
        paymentFor(each.envelope(), order.asReservation()).ifPresent(opening::add);
      }
    }
    if (opening.isEmpty()) {
      return Future.succeededFuture();
    }
    return payments
        .insertAllIfAbsent(tx, opening)
        .map(
            opened -> {
              opening.stream()
                  .filter(payment -> opened.contains(payment.id()))
                  .filter(payment -> payment.status() == PaymentStatus.AUTHORIZED)
                  .forEach(payment -> metrics.openedAuthorized(tx, payment.method()));
              return null;
            });
  }

  /**
   * Opens the order's payment unless it has one (a re-published event opens no second one); a
   * payment authorized on opening is announced when {@code answered}.
   */
  private Future<Void> open(
      SqlConnection tx, EventEnvelope envelope, OrderReserved order, boolean answered) {
    Optional<Payment> opening = paymentFor(envelope, order);
    if (opening.isEmpty()) {
      return Future.succeededFuture();
    }
    Payment payment = opening.get();
    return payments
        .insertIfAbsent(tx, payment)
        .compose(
            opened -> {
              if (!opened || payment.status() != PaymentStatus.AUTHORIZED) {
                return Future.succeededFuture();
              }
              if (!answered) {
                metrics.openedAuthorized(tx, payment.method());
                return Future.succeededFuture();
              }
              return outbox.append(
                  tx,
                  Topics.PAYMENT_EVENTS,
                  new PaymentAuthorized(
                      payment.id(), payment.orderId(), payment.method(), payment.amountCentimes()));
            });
  }

  /** The payment the order opens; none, and logged, when the event cannot open one. */
  private Optional<Payment> paymentFor(EventEnvelope envelope, OrderReserved order) {
    PaymentMethod method = order.paymentMethod();
    if (method == null
        || method == PaymentMethod.UNKNOWN
        || order.cooperativeOrders() == null
        || order.cooperativeOrders().isEmpty()) {
      unusable(envelope, method);
      return Optional.empty();
    }
    return Optional.of(
        Payment.openFor(
            order.orderId(),
            order.code(),
            order.language(),
            method,
            order.totalCentimes(),
            order.accessTokenDigest(),
            order.cooperativeOrders().stream()
                .map(
                    part ->
                        PaymentPart.opened(
                            part.cooperativeId(),
                            part.amountCentimes(),
                            part.shippingCentimes(),
                            PartStatus.PENDING))
                .toList()));
  }

  private void unusable(EventEnvelope envelope, PaymentMethod method) {
    log.error(
        "{} {} names payment method '{}' or no cooperative parts; no payment opened",
        envelope.type(),
        envelope.id(),
        method);
  }

  /**
   * Delivered: the part is the cooperative's now (for cash on delivery, the cash was collected at
   * the door).
   */
  public Future<Void> onDelivered(
      CooperativeOrderDelivered event, EventEnvelope envelope, SqlConnection tx) {
    return withPart(
        tx,
        event.orderId(),
        event.cooperativeId(),
        envelope,
        (payment, part) -> {
          if (part.status() != PartStatus.AUTHORIZED) {
            log.warn(
                "part of cooperative {} in order {} is {}; delivery ({}) captures nothing",
                part.cooperativeId(),
                payment.orderId(),
                part.status(),
                envelope.id());
            return Future.succeededFuture();
          }
          if (payment.cardHeld()) {
            // Its money is still a hold at the acquirer: captured with the order's other parts.
            return payments
                .updatePart(tx, payment.id(), part.withStatus(PartStatus.DELIVERED))
                .compose(v -> holds.settleIfDone(tx, payment.id()));
          }
          return captures.capture(tx, payment, part, event.atStand());
        });
  }

  /**
   * The goods of a shopper's withdrawal are back: what they cost goes back to the shopper (the
   * gateway for a card, a bank transfer owed for cash), the commission on it returned. Never more
   * than is still refundable (an operator may have refunded some already); once per withdrawal.
   */
  public Future<Void> onWithdrawalReceived(
      WithdrawalReceived event, EventEnvelope envelope, SqlConnection tx) {
    return withPart(
        tx,
        event.orderId(),
        event.cooperativeId(),
        envelope,
        (payment, part) -> {
          long amount = Math.min(event.amountCentimes(), part.refundableCentimes());
          if (!part.isCaptured() || amount <= 0) {
            log.warn(
                "withdrawal {} of order {}: the part is {} with {} refundable; nothing refunded",
                event.withdrawalId(),
                payment.orderId(),
                part.status(),
                part.refundableCentimes());
            return Future.succeededFuture();
          }
          if (amount < event.amountCentimes()) {
            log.warn(
                "withdrawal {} of order {}: {} centimes asked, {} still refundable",
                event.withdrawalId(),
                payment.orderId(),
                event.amountCentimes(),
                amount);
          }
          return refunds
              .requestForWithdrawal(tx, payment, part.cooperativeId(), amount, event.withdrawalId())
              .mapEmpty();
        });
  }

  /** Nobody paid for a parcel refused at the door: its part of the payment is voided. */
  public Future<Void> onRefused(
      CooperativeOrderRefused event, EventEnvelope envelope, SqlConnection tx) {
    return withPart(
        tx,
        event.orderId(),
        event.cooperativeId(),
        envelope,
        (payment, part) ->
            release(tx, payment, part, "refused at the door")
                .compose(v -> settleHold(tx, payment)));
  }

  public Future<Void> onDeclined(
      CooperativeOrderDeclined event, EventEnvelope envelope, SqlConnection tx) {
    return withPart(
        tx,
        event.orderId(),
        event.cooperativeId(),
        envelope,
        (payment, part) ->
            release(tx, payment, part, "declined by the cooperative: " + event.reason())
                .compose(v -> settleHold(tx, payment)));
  }

  public Future<Void> onCancelled(OrderCancelled event, EventEnvelope envelope, SqlConnection tx) {
    return payments
        .lockForOrder(tx, event.orderId())
        .compose(
            found -> {
              if (found.isEmpty() || found.get().status() == PaymentStatus.FAILED) {
                return Future
                    .succeededFuture(); // cancelled before it was reserved, or because the card
                // failed
              }
              Payment payment = found.get();
              String reason = "order cancelled: " + event.reason();
              Future<Void> chain =
                  payment.status() == PaymentStatus.PENDING
                      ? payments.updateStatus(tx, payment.id(), PaymentStatus.VOIDED, reason)
                      : Future.succeededFuture();
              for (PaymentPart part : payment.parts()) {
                chain = chain.compose(v -> release(tx, payment, part, reason));
              }
              return chain.compose(v -> settleHold(tx, payment));
            });
  }

  /** A held card payment whose parts have all come to an end is captured or released. */
  private Future<Void> settleHold(SqlConnection tx, Payment payment) {
    return payment.cardHeld() ? holds.settleIfDone(tx, payment.id()) : Future.succeededFuture();
  }

  /**
   * A part that will not be delivered: voided if no money came for it (nor will: a held card's part
   * is left out of the capture), refunded if the card money did. A delivered part keeps its
   * capture; refunding it is the operator's decision.
   */
  private Future<Void> release(SqlConnection tx, Payment payment, PaymentPart part, String reason) {
    if (part.status() == PartStatus.CAPTURED
        || part.status() == PartStatus.DELIVERED
        || part.status() == PartStatus.VOIDED
        || part.status() == PartStatus.REFUNDED) {
      return Future.succeededFuture();
    }
    if (part.refundableCentimes() > 0) {
      return refunds
          .request(
              tx,
              payment,
              part.cooperativeId(),
              part.refundableCentimes(),
              reason,
              "system",
              null,
              null)
          .mapEmpty();
    }
    if (part.receivedCentimes() > 0) {
      return Future.succeededFuture(); // its refund is already on its way
    }
    return payments
        .updatePart(tx, payment.id(), part.withStatus(PartStatus.VOIDED))
        .compose(
            v ->
                outbox.append(
                    tx,
                    Topics.PAYMENT_EVENTS,
                    new PaymentVoided(
                        payment.id(),
                        payment.orderId(),
                        part.cooperativeId(),
                        payment.method(),
                        part.amountCentimes(),
                        reason)));
  }

  private interface PartStep {
    Future<Void> apply(Payment payment, PaymentPart part);
  }

  private Future<Void> withPart(
      SqlConnection tx, UUID orderId, UUID cooperativeId, EventEnvelope envelope, PartStep step) {
    return payments
        .lockForOrder(tx, orderId)
        .compose(
            found -> {
              PaymentPart part = found.map(payment -> payment.part(cooperativeId)).orElse(null);
              if (part == null) {
                log.warn(
                    "{} {} is about a payment part this service does not have (order {}, cooperative {}); ignored",
                    envelope.type(),
                    envelope.id(),
                    orderId,
                    cooperativeId);
                return Future.succeededFuture();
              }
              return step.apply(found.get(), part);
            });
  }
}
