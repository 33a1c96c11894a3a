package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.payment.domain.Ledger;
import ma.tadamon.payment.domain.PartStatus;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentPart;
import ma.tadamon.payment.domain.Refund;
import ma.tadamon.payment.gateway.CardGateway;
import ma.tadamon.payment.store.CardAttemptStore;
import ma.tadamon.payment.store.LedgerStore;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.payment.store.RefundStore;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Money going back to shoppers. A refund is reserved on its part the moment it is asked for (so two
 * refunds can never exceed what was received), then completed: cash refunds at once (the operator
 * records cash already handed back), card refunds when the gateway confirms them. Completion books
 * the ledger and announces {@code payment.refunded} in one transaction.
 */
public final class Refunds {

  private static final Logger log = LoggerFactory.getLogger(Refunds.class);
  private static final int DUE_BATCH = 20;

  private final PaymentStore payments;
  private final RefundStore refunds;
  private final LedgerStore ledger;
  private final Outbox outbox;
  private final CardGateway gateway;
  private final CardAttemptStore attempts;

  public Refunds(
      PaymentStore payments,
      RefundStore refunds,
      LedgerStore ledger,
      Outbox outbox,
      CardGateway gateway,
      CardAttemptStore attempts) {
    this.attempts = attempts;
    this.payments = payments;
    this.refunds = refunds;
    this.ledger = ledger;
    this.outbox = outbox;
    this.gateway = gateway;
  }

  /**
   * Reserves a refund of {@code amountCentimes} of a part of a payment locked by the caller, and
   * completes it at once for cash. The caller has checked the amount against the part's refundable
   * sum.
   */
  public Future<Refund> request(
      SqlConnection tx,
      Payment payment,
      UUID cooperativeId,
      long amountCentimes,
      String reason,
      String requestedBy,
      String idempotencyKey,
      String requestHash) {
    PaymentPart part = payment.part(cooperativeId);
    requireRefundable(part, amountCentimes);
    return reserve(
        tx,
        payment,
        Refund.of(payment.id(), part, amountCentimes, reason, requestedBy),
        idempotencyKey,
        requestHash);
  }

  /**
   * Reserves the refund of a shopper's withdrawal on its part of a locked payment: sent to the
   * gateway for a card, owed by bank transfer for cash paid at the door.
   */
  public Future<Refund> requestForWithdrawal(
      SqlConnection tx,
      Payment payment,
      UUID cooperativeId,
      long amountCentimes,
      UUID withdrawalId) {
    return refunds
        .ofWithdrawal(tx, withdrawalId)
        .compose(
            earlier -> {
              if (earlier.isPresent()) {
                // The same withdrawal announced again (a replay under another event id).
                return Future.succeededFuture(earlier.get());
              }
              PaymentPart part = payment.part(cooperativeId);
              requireRefundable(part, amountCentimes);
              boolean byTransfer = payment.method() == PaymentMethod.CASH_ON_DELIVERY;
              return reserve(
                  tx,
                  payment,
                  Refund.ofWithdrawal(payment.id(), part, amountCentimes, withdrawalId, byTransfer),
                  null,
                  null);
            });
  }

  private static void requireRefundable(PaymentPart part, long amountCentimes) {
    if (amountCentimes <= 0 || amountCentimes > part.refundableCentimes()) {
      throw new IllegalArgumentException(
          "a refund of "
              + amountCentimes
              + " exceeds the part's refundable "
              + part.refundableCentimes());
    }
  }

  /**
   * Saves the refund and holds its amount on the part; cash handed back by the operator completes
   * at once, cash owed by transfer and card money wait.
   */
  private Future<Refund> reserve(
      SqlConnection tx, Payment payment, Refund refund, String idempotencyKey, String requestHash) {
    PaymentPart part = payment.part(refund.cooperativeId());
    PaymentPart reserved = part.withRefunded(part.refundedCentimes() + refund.amountCentimes());
    Future<Void> saved =
        refunds
            .insert(tx, refund, idempotencyKey, requestHash)
            .compose(v -> payments.updatePart(tx, payment.id(), reserved));
    if (payment.method() == PaymentMethod.CASH_ON_DELIVERY && !refund.owedByTransfer()) {
      return saved.compose(v -> complete(tx, payment, refund, "cash")).map(refund);
    }
    return saved.map(refund);
  }

  /**
   * Refunds every centime still refundable on each part of a locked payment (a cancellation, a late
   * approval).
   */
  public Future<List<Refund>> refundEverything(SqlConnection tx, Payment payment, String reason) {
    Future<List<Refund>> chain = Future.succeededFuture(new ArrayList<>());
    for (PaymentPart part : payment.parts()) {
      if (part.refundableCentimes() > 0) {
        chain =
            chain.compose(
                done ->
                    request(
                            tx,
                            payment,
                            part.cooperativeId(),
                            part.refundableCentimes(),
                            reason,
                            "system",
                            null,
                            null)
                        .map(
                            refund -> {
                              done.add(refund);
                              return done;
                            }));
      }
    }
    return chain;
  }

  /**
   * Sends due card refunds to the acquirer; answers how many were settled (completed or refused).
   * The acquirer's refund API knows no refund id, so a refund is sent at most once by itself: it is
   * marked sent, and committed, before it goes; a lost answer leaves it to an operator, who checks
   * the acquirer's back office ({@link #doneAtAcquirer}, {@link #sendAgain}).
   */
  public Future<Integer> sendDue(Pool pool) {
    return AtMostOnce.sendDue(
        pool,
        DUE_BATCH,
        tx -> refunds.lockDue(tx, 1).map(due -> due.stream().findFirst()),
        (tx, refund) -> refunds.markSent(tx, refund.id(), AtMostOnce.SENT_UNANSWERED),
        refund -> send(pool, refund));
  }

  /** One refund at the acquirer, then its outcome in a transaction of its own. */
  private Future<Boolean> send(Pool pool, Refund refund) {
    return attempts
        .paidWith(pool, refund.paymentId())
        .compose(
            paidWith ->
                paidWith.isEmpty()
                    ? Future.succeededFuture(
                        (CardGateway.MerchantApiAnswer)
                            new CardGateway.Declined("no approved card payment to refund"))
                    : gateway.refund(paidWith.get().toString(), refund.amountCentimes()))
        .compose(
            outcome ->
                Transactions.run(
                    pool,
                    // The refund first, then its payment: the order an operator's recording takes.
                    tx ->
                        refunds
                            .lock(tx, refund.id())
                            .compose(
                                current ->
                                    current.orElseThrow().status() != Refund.RefundStatus.REQUESTED
                                        ? Future.succeededFuture(true) // an operator settled it
                                        : payments
                                            .lock(tx, refund.paymentId())
                                            .compose(
                                                found ->
                                                    settle(
                                                        tx,
                                                        found.orElseThrow(),
                                                        refund,
                                                        outcome)))));
  }

  private Future<Boolean> settle(
      SqlConnection tx, Payment payment, Refund refund, CardGateway.MerchantApiAnswer outcome) {
    if (outcome instanceof CardGateway.Approved approved) {
      return complete(tx, payment, refund, approved.reference()).map(true);
    }
    if (outcome instanceof CardGateway.Declined declined) {
      return failed(tx, payment, refund, declined.reason()).map(true);
    }
    if (outcome instanceof CardGateway.NotSent notSent) {
      if (refund.attempts() + 1 >= AtMostOnce.MAX_ATTEMPTS) {
        return failed(tx, payment, refund, AtMostOnce.unreachable(notSent.reason())).map(true);
      }
      Duration delay = AtMostOnce.backoff(refund.attempts());
      log.warn(
          "refund {} did not reach the acquirer ({}); sent again in {}",
          refund.id(),
          notSent.reason(),
          delay);
      return refunds.postpone(tx, refund.id(), notSent.reason(), delay).map(false);
    }
    String lost = ((CardGateway.AnswerLost) outcome).reason();
    log.error(
        "refund {} of payment {}: the acquirer's answer was lost ({}); an operator must check it"
            + " in the acquirer's back office",
        refund.id(),
        payment.id(),
        lost);
    return refunds.awaitOperator(tx, refund.id(), AtMostOnce.answerLost(lost)).map(false);
  }

  /**
   * An operator checked the acquirer's back office: a refund whose answer was lost was not made
   * there, so it is sent again. Only such a refund can be (409 otherwise).
   */
  public Future<Refund> sendAgain(Pool pool, UUID refundId, String operator) {
    return refunds
        .sendAgain(pool, refundId, "to be sent again, as " + operator + " asked")
        .compose(
            again ->
                again.isPresent()
                    ? Future.succeededFuture(again.get())
                    : refunds
                        .byId(pool, refundId)
                        .compose(
                            found ->
                                Future.failedFuture(
                                    found.isEmpty()
                                        ? DomainException.notFound("This refund")
                                        : DomainException.conflict(
                                                "refund-not-awaiting-check",
                                                "This refund cannot be sent again",
                                                "Only a card refund sent to the acquirer whose"
                                                    + " answer was lost can be sent again.")
                                            .with("refundStatus", found.get().status().name()))));
  }

  /**
   * A card refund the operator made in the acquirer's back office (where the acquirer offers no
   * refund API, or it refused): recorded with the back office's reference, and the ledger and the
   * shopper's notice follow as if the API had done it. Only a refund still waiting can be; the same
   * reference recorded again answers the same refund.
   */
  public Future<Refund> doneAtAcquirer(Pool pool, UUID refundId, String reference) {
    return madeElsewhere(
        pool,
        refundId,
        "back-office:" + reference,
        refund -> !refund.owedByTransfer(),
        "it is owed by bank transfer: record the transfer instead");
  }

  /**
   * Cash owed to a shopper (a withdrawal from a cash-on-delivery part) was paid by bank transfer:
   * recorded with the transfer's reference, and the ledger and the shopper's notice follow.
   */
  public Future<Refund> paidByTransfer(Pool pool, UUID refundId, String reference) {
    return madeElsewhere(
        pool,
        refundId,
        "transfer:" + reference,
        Refund::owedByTransfer,
        "it is not owed by transfer");
  }

  private Future<Refund> madeElsewhere(
      Pool pool, UUID refundId, String recorded, Predicate<Refund> applies, String otherwise) {
    return Transactions.run(
        pool,
        tx ->
            refunds
                .lock(tx, refundId)
                .map(found -> found.orElseThrow(() -> DomainException.notFound("This refund")))
                .compose(
                    refund -> {
                      if (refund.status() == Refund.RefundStatus.COMPLETED
                          && recorded.equals(refund.providerReference())) {
                        // The operator's retry (a lost answer, a second click): already recorded.
                        return Future.succeededFuture(refund);
                      }
                      if (refund.status() != Refund.RefundStatus.REQUESTED) {
                        throw DomainException.conflict(
                                "refund-not-waiting",
                                "This refund is not waiting to be made",
                                "It is "
                                    + refund.status()
                                    + "; only a refund still waiting can be recorded as made.")
                            .with("refundStatus", refund.status().name());
                      }
                      if (!applies.test(refund)) {
                        throw DomainException.conflict(
                            "refund-made-otherwise",
                            "This refund is made another way",
                            "This refund cannot be recorded so: " + otherwise + ".");
                      }
                      return payments
                          .lock(tx, refund.paymentId())
                          .compose(payment -> complete(tx, payment.orElseThrow(), refund, recorded))
                          .compose(v -> refunds.byId(tx, refundId))
                          .map(Optional::orElseThrow);
                    }));
  }

  private Future<Void> complete(
      SqlConnection tx, Payment payment, Refund refund, String reference) {
    return refunds
        .complete(tx, refund.id(), reference)
        .compose(
            completed -> {
              if (!completed) {
                return Future.succeededFuture();
              }
              return ledger
                  .record(tx, Ledger.refunded(payment, refund))
                  .compose(
                      v -> markRefundedWhenNothingLeft(tx, payment.id(), refund.cooperativeId()))
                  .compose(
                      v ->
                          outbox.append(
                              tx,
                              Topics.PAYMENT_EVENTS,
                              new PaymentRefunded(
                                  refund.id(),
                                  payment.id(),
                                  payment.orderId(),
                                  refund.cooperativeId(),
                                  payment.method(),
                                  refund.amountCentimes(),
                                  refund.reason(),
                                  refund.withdrawalId())));
            });
  }

  /**
   * The gateway refused for good: the reserved amount is refundable again, and the operator sees
   * why.
   */
  private Future<Void> failed(SqlConnection tx, Payment payment, Refund refund, String reason) {
    log.error("the gateway refused refund {} of payment {}: {}", refund.id(), payment.id(), reason);
    PaymentPart part = payment.part(refund.cooperativeId());
    return refunds
        .fail(tx, refund.id(), reason)
        .compose(
            failed ->
                !failed
                    ? Future.succeededFuture()
                    : payments.updatePart(
                        tx,
                        payment.id(),
                        part.withRefunded(part.refundedCentimes() - refund.amountCentimes())));
  }

  private Future<Void> markRefundedWhenNothingLeft(
      SqlConnection tx, UUID paymentId, UUID cooperativeId) {
    return payments
        .lock(tx, paymentId)
        .compose(
            found -> {
              PaymentPart part = found.orElseThrow().part(cooperativeId);
              if (part.receivedCentimes() > 0
                  && part.refundableCentimes() == 0
                  && part.status() != PartStatus.REFUNDED) {
                return payments.updatePart(tx, paymentId, part.withStatus(PartStatus.REFUNDED));
              }
              return Future.succeededFuture();
            });
  }
}
