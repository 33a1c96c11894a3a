package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.payment.domain.Ledger;
import ma.tadamon.payment.domain.PartStatus;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentPart;
import ma.tadamon.payment.domain.PaymentStatus;
import ma.tadamon.payment.gateway.CardGateway;
import ma.tadamon.payment.store.CardAttemptStore;
import ma.tadamon.payment.store.CardSettlementStore;
import ma.tadamon.payment.store.CardSettlementStore.Kind;
import ma.tadamon.payment.store.CardSettlementStore.Settlement;
import ma.tadamon.payment.store.CardSettlementStore.Status;
import ma.tadamon.payment.store.LedgerStore;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card money captured on delivery (PAYMENT_CARD_CAPTURE=on-delivery). The shopper's approval is a
 * pre-authorisation held at the acquirer; each part is delivered, declined or cancelled on its own;
 * and once none is still open, the order's hold is settled in one request, since the acquirer
 * captures a pre-authorisation once: a capture ("PostAuth") of what was delivered, the rest
 * released, or a release ("Void") when nothing was. The money is booked when the acquirer says it
 * is captured, never before.
 *
 * <p>Like a refund, a settlement is sent at most once by itself (marked sent and committed first);
 * only a request that never reached the acquirer is sent again, and one whose answer was lost waits
 * for an operator, who checks the acquirer's back office.
 */
public final class CardHolds {

  private static final Logger log = LoggerFactory.getLogger(CardHolds.class);
  private static final int DUE_BATCH = 20;

  private final PaymentStore payments;
  private final CardSettlementStore settlements;
  private final CardAttemptStore attempts;
  private final LedgerStore ledger;
  private final Captures captures;
  private final CardGateway gateway;

  public CardHolds(
      PaymentStore payments,
      CardSettlementStore settlements,
      CardAttemptStore attempts,
      LedgerStore ledger,
      Captures captures,
      CardGateway gateway) {
    this.payments = payments;
    this.settlements = settlements;
    this.attempts = attempts;
    this.ledger = ledger;
    this.captures = captures;
    this.gateway = gateway;
  }

  /**
   * After a part of a held payment (locked by the caller) came to an end: when none is still open,
   * asks for the settlement — a capture of what was delivered, or the hold's release.
   */
  public Future<Void> settleIfDone(SqlConnection tx, UUID paymentId) {
    return payments
        .lock(tx, paymentId)
        .compose(
            found -> {
              Payment payment = found.orElseThrow();
              if (!payment.holdCanBeSettled()) {
                return Future.succeededFuture();
              }
              long delivered = payment.deliveredCentimes();
              return settlements.request(
                  tx, payment.id(), delivered > 0 ? Kind.CAPTURE : Kind.VOID, delivered);
            });
  }

  /** A hold nothing will be delivered for (approved after its order ended): released at once. */
  public Future<Void> release(SqlConnection tx, UUID paymentId) {
    return settlements.request(tx, paymentId, Kind.VOID, 0);
  }

  /** Sends due settlements to the acquirer; answers how many were settled. */
  public Future<Integer> settleDue(Pool pool) {
    return AtMostOnce.sendDue(
        pool,
        DUE_BATCH,
        tx -> settlements.lockDue(tx, 1).map(due -> due.stream().findFirst()),
        (tx, settlement) ->
            settlements.markSent(tx, settlement.paymentId(), AtMostOnce.SENT_UNANSWERED),
        settlement -> send(pool, settlement));
  }

  private Future<Boolean> send(Pool pool, Settlement settlement) {
    return attempts
        .paidWith(pool, settlement.paymentId())
        .compose(
            heldWith -> {
              if (heldWith.isEmpty()) {
                return Future.succeededFuture(
                    (CardGateway.MerchantApiAnswer)
                        new CardGateway.Declined("no approved card attempt holds this payment"));
              }
              String orderId = heldWith.get().toString();
              return settlement.kind() == Kind.CAPTURE
                  ? gateway.capture(orderId, settlement.amountCentimes())
                  : gateway.releaseHold(orderId);
            })
        .compose(
            answer ->
                Transactions.run(
                    pool,
                    // The settlement first, then its payment: the order an operator's recording
                    // takes.
                    tx ->
                        settlements
                            .lock(tx, settlement.paymentId())
                            .compose(
                                current ->
                                    current.orElseThrow().status() != Status.REQUESTED
                                        ? Future.succeededFuture(true)
                                        : payments
                                            .lock(tx, settlement.paymentId())
                                            .compose(
                                                payment ->
                                                    apply(
                                                        tx,
                                                        payment.orElseThrow(),
                                                        settlement,
                                                        answer)))));
  }

  private Future<Boolean> apply(
      SqlConnection tx,
      Payment payment,
      Settlement settlement,
      CardGateway.MerchantApiAnswer answer) {
    if (answer instanceof CardGateway.Approved approved) {
      return settled(tx, payment, settlement, approved.reference()).map(true);
    }
    if (answer instanceof CardGateway.Declined declined) {
      // A hold that lapsed, an order the acquirer no longer knows: the money for what was
      // delivered was not taken. The operator must settle it with the shopper.
      log.error(
          "the acquirer refused the {} of payment {}: {}",
          settlement.kind(),
          payment.id(),
          declined.reason());
      return settlements.fail(tx, payment.id(), declined.reason()).map(true);
    }
    if (answer instanceof CardGateway.NotSent notSent) {
      if (settlement.attempts() + 1 >= AtMostOnce.MAX_ATTEMPTS) {
        return settlements
            .fail(tx, payment.id(), AtMostOnce.unreachable(notSent.reason()))
            .map(true);
      }
      Duration delay = AtMostOnce.backoff(settlement.attempts());
      log.warn(
          "the {} of payment {} did not reach the acquirer ({}); sent again in {}",
          settlement.kind(),
          payment.id(),
          notSent.reason(),
          delay);
      return settlements.postpone(tx, payment.id(), notSent.reason(), delay).map(false);
    }
    String lost = ((CardGateway.AnswerLost) answer).reason();
    log.error(
        "the {} of payment {}: the acquirer's answer was lost ({}); an operator must check it in"
            + " the acquirer's back office",
        settlement.kind(),
        payment.id(),
        lost);
    return settlements.awaitOperator(tx, payment.id(), AtMostOnce.answerLost(lost)).map(false);
  }

  /**
   * The acquirer did it. A capture books the card money captured and makes each delivered part its
   * cooperative's; a release frees the payment. Either way the payment is no longer held.
   */
  private Future<Void> settled(
      SqlConnection tx, Payment payment, Settlement settlement, String reference) {
    return settlements
        .complete(tx, payment.id(), reference)
        .compose(
            completed -> {
              if (!completed) {
                return Future.succeededFuture();
              }
              Future<Void> chain = payments.hold(tx, payment.id(), false);
              if (settlement.kind() == Kind.CAPTURE) {
                chain =
                    chain.compose(
                        v ->
                            ledger
                                .record(
                                    tx, Ledger.cardCaptured(payment, settlement.amountCentimes()))
                                .mapEmpty());
                for (PaymentPart part : payment.parts()) {
                  if (part.status() == PartStatus.DELIVERED) {
                    chain = chain.compose(v -> captures.capture(tx, payment, part, false));
                  }
                }
              } else if (payment.parts().stream()
                  .allMatch(part -> part.status() == PartStatus.VOIDED)) {
                chain =
                    chain.compose(
                        v ->
                            payments.updateStatus(
                                tx,
                                payment.id(),
                                PaymentStatus.VOIDED,
                                "nothing was delivered: the card's hold was released"));
              }
              return chain;
            });
  }

  /**
   * An operator did the settlement in the acquirer's back office (or found it done there after a
   * lost answer): it completes as if the acquirer had answered. The same reference again answers
   * the same settlement.
   */
  public Future<Settlement> doneAtAcquirer(Pool pool, UUID paymentId, String reference) {
    String recorded = "back-office:" + reference;
    return Transactions.run(
        pool,
        tx ->
            settlements
                .lock(tx, paymentId)
                .map(found -> found.orElseThrow(() -> DomainException.notFound("This settlement")))
                .compose(
                    settlement -> {
                      if (settlement.status() == Status.COMPLETED
                          && recorded.equals(settlement.providerReference())) {
                        return Future.succeededFuture(settlement);
                      }
                      if (settlement.status() != Status.REQUESTED) {
                        throw notWaiting(settlement);
                      }
                      return payments
                          .lock(tx, paymentId)
                          .compose(
                              payment -> settled(tx, payment.orElseThrow(), settlement, recorded))
                          .compose(v -> settlements.byId(tx, paymentId))
                          .map(Optional::orElseThrow);
                    }));
  }

  /** An operator found in the back office that a settlement whose answer was lost was not done. */
  public Future<Settlement> sendAgain(Pool pool, UUID paymentId, String operator) {
    return settlements
        .sendAgain(pool, paymentId, "to be sent again, as " + operator + " asked")
        .compose(
            again ->
                again.isPresent()
                    ? Future.succeededFuture(again.get())
                    : settlements
                        .byId(pool, paymentId)
                        .compose(
                            found ->
                                Future.failedFuture(
                                    found.isEmpty()
                                        ? DomainException.notFound("This settlement")
                                        : notWaiting(found.get()))));
  }

  public Future<List<Settlement>> list(Pool pool, Status status, int limit) {
    return settlements.byStatus(pool, status, limit);
  }

  private static DomainException notWaiting(Settlement settlement) {
    return DomainException.conflict(
            "settlement-not-waiting",
            "This settlement is not waiting for an operator",
            "It is "
                + settlement.status()
                + (settlement.awaitingOperator() ? "" : ", not sent without an answer")
                + ".")
        .with("settlementStatus", settlement.status().name());
  }
}
