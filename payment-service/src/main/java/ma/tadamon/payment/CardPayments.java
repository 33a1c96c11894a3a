package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentFailed;
import ma.tadamon.payment.domain.Ledger;
import ma.tadamon.payment.domain.PartStatus;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentPart;
import ma.tadamon.payment.domain.PaymentStatus;
import ma.tadamon.payment.gateway.CallbackOutcome;
import ma.tadamon.payment.gateway.CardGateway;
import ma.tadamon.payment.store.CallbackAuditStore;
import ma.tadamon.payment.store.CardAttemptStore;
import ma.tadamon.payment.store.CardAttemptStore.CardAttempt;
import ma.tadamon.payment.store.LedgerStore;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Card payments through the gateway's hosted page: sending the shopper there with a signed request,
 * and applying the gateway's signed callback. A callback is verified before anything else; one that
 * is not genuine, not for an open attempt or not for the attempt's amount changes nothing. Every
 * callback, whatever becomes of it, is kept in the audit trail.
 */
public final class CardPayments {

  private static final Logger log = LoggerFactory.getLogger(CardPayments.class);

  /** Where the gateway sends the shopper back and posts its result. */
  public record Addresses(String shopperReturnUrl, String callbackBaseUrl) {}

  /**
   * What the gateway is told: {@code status} 200 with the outcome, or a problem for a rejected
   * callback.
   */
  /**
   * What a verified callback came to; {@code approved} is what the acquirer said, which decides the
   * answer it gets (capture an approval, acknowledge a decline).
   */
  /**
   * What became of a callback, and whether its answer captures the approval at once ({@code
   * ACTION=POSTAUTH}) or only acknowledges it (a decline, or a hold kept for capture on delivery).
   */
  public record CallbackReply(CallbackOutcome outcome, String detail, boolean captureNow) {}

  /** When an approved card payment is captured: PAYMENT_CARD_CAPTURE. */
  public enum CaptureMode {
    /** By the callback's answer, as soon as the shopper's bank approved (the default). */
    ON_CONFIRMATION,
    /** Held until the order's parts are delivered, declined or cancelled ({@link CardHolds}). */
    ON_DELIVERY;

    public static CaptureMode of(String setting) {
      return switch (setting) {
        case "on-confirmation" -> ON_CONFIRMATION;
        case "on-delivery" -> ON_DELIVERY;
        default ->
            throw new IllegalArgumentException(
                "PAYMENT_CARD_CAPTURE is on-confirmation or on-delivery, not " + setting);
      };
    }
  }

  private final Pool pool;
  private final PaymentStore payments;
  private final CardAttemptStore attempts;
  private final CallbackAuditStore audit;
  private final LedgerStore ledger;
  private final Refunds refunds;
  private final Outbox outbox;
  private final CardGateway gateway;
  private final Addresses addresses;
  private final CardHolds holds;
  private final CaptureMode captureMode;

  public CardPayments(
      Pool pool,
      PaymentStore payments,
      CardAttemptStore attempts,
      CallbackAuditStore audit,
      LedgerStore ledger,
      Refunds refunds,
      CardHolds holds,
      Outbox outbox,
      CardGateway gateway,
      Addresses addresses,
      CaptureMode captureMode) {
    this.holds = holds;
    this.captureMode = captureMode;
    this.pool = pool;
    this.payments = payments;
    this.attempts = attempts;
    this.audit = audit;
    this.ledger = ledger;
    this.refunds = refunds;
    this.outbox = outbox;
    this.gateway = gateway;
    this.addresses = addresses;
  }

  /**
   * A new trip to the hosted page for an order's card payment; {@code orderToken} is the shopper's
   * tracking token. Each call opens a new attempt, so a shopper who closed the page can come back.
   */
  public Future<CardGateway.HostedPaymentPage> start(
      UUID orderId, String orderToken, CardGateway.Payer payer) {
    return Transactions.run(
        pool,
        tx ->
            payments
                .lockForOrder(tx, orderId)
                .compose(
                    found -> {
                      Payment payment =
                          found
                              .filter(candidate -> candidate.isTrackedBy(orderToken))
                              .orElseThrow(
                                  () ->
                                      DomainException.notFound(
                                          "not-found",
                                          "No payment for this order yet",
                                          "Either the order's stock is not held yet (try again in a moment) or the order and its token do not "
                                              + "match."));
                      if (payment.method() != PaymentMethod.CARD) {
                        throw DomainException.conflict(
                            "not-a-card-payment",
                            "This order is paid cash on delivery",
                            "Nothing to pay online: the cooperative collects the payment at the door.");
                      }
                      if (payment.status() != PaymentStatus.PENDING) {
                        throw DomainException.conflict(
                                "payment-closed",
                                "This payment is no longer open",
                                switch (payment.status()) {
                                  case AUTHORIZED -> "The order is already paid.";
                                  case FAILED ->
                                      "The card was declined and the order cancelled; place a new order to try again.";
                                  default -> "The order was cancelled.";
                                })
                            .with("paymentStatus", payment.status().name());
                      }
                      CardAttempt attempt =
                          new CardAttempt(
                              UUID.randomUUID(),
                              payment.id(),
                              gateway.provider(),
                              payment.amountCentimes(),
                              "OPEN");
                      String back =
                          addresses.shopperReturnUrl()
                              + (addresses.shopperReturnUrl().contains("?") ? "&" : "?")
                              + "order="
                              + orderId
                              + "&payment=";
                      return attempts
                          .open(tx, attempt)
                          .map(
                              v ->
                                  gateway.hostedPage(
                                      new CardGateway.PaymentRequest(
                                          attempt.id(),
                                          attempt.amountCentimes(),
                                          payment.language(),
                                          payer,
                                          back + "approved",
                                          back + "declined",
                                          addresses.callbackBaseUrl()
                                              + "/api/payments/callback/"
                                              + gateway.provider())));
                    }));
  }

  /** Applies a gateway's callback, or refuses it; either way it is written to the audit trail. */
  public Future<CallbackReply> onCallback(String provider, Map<String, String> parameters) {
    if (!gateway.provider().equals(provider)) {
      return rejected(
          provider,
          new CardGateway.Rejected(
              CallbackOutcome.UNKNOWN_PROVIDER,
              "no payment provider is called '" + provider + "'",
              null),
          parameters);
    }
    CardGateway.CallbackVerdict verdict = gateway.verify(parameters);
    if (verdict instanceof CardGateway.Rejected rejection) {
      return rejected(provider, rejection, parameters);
    }
    CardGateway.GatewayResult result = ((CardGateway.Verified) verdict).result();
    return Transactions.run(
            pool,
            tx ->
                attempts
                    .lock(tx, result.attemptId())
                    .compose(
                        found -> {
                          if (found.isEmpty()) {
                            return Future.succeededFuture(
                                new CardGateway.Rejected(
                                    CallbackOutcome.UNKNOWN_ATTEMPT,
                                    "no attempt " + result.attemptId(),
                                    result.attemptId()));
                          }
                          CardAttempt attempt = found.get();
                          if (!attempt.isOpen()) {
                            return Future.succeededFuture(
                                new CallbackReply(
                                    CallbackOutcome.REPLAYED,
                                    "attempt already " + attempt.status().toLowerCase(),
                                    captureNow(result.approved())));
                          }
                          if (result.amountCentimes() != attempt.amountCentimes()) {
                            return Future.succeededFuture(
                                new CardGateway.Rejected(
                                    CallbackOutcome.AMOUNT_MISMATCH,
                                    "the callback says "
                                        + result.amountCentimes()
                                        + " centimes, the attempt was for "
                                        + attempt.amountCentimes(),
                                    attempt.id()));
                          }
                          return attempts
                              .decide(
                                  tx,
                                  attempt.id(),
                                  result.approved(),
                                  result.transactionId(),
                                  result.maskedPan())
                              .compose(v -> payments.lock(tx, attempt.paymentId()))
                              .compose(payment -> apply(tx, payment.orElseThrow(), result));
                        })
                    .compose(
                        outcome -> {
                          if (outcome instanceof CardGateway.Rejected rejection) {
                            return Future.succeededFuture(rejection);
                          }
                          CallbackReply reply = (CallbackReply) outcome;
                          return audit
                              .record(
                                  tx,
                                  provider,
                                  result.attemptId(),
                                  result.transactionId(),
                                  reply.outcome(),
                                  reply.detail(),
                                  parameters)
                              .map(reply);
                        }))
        .compose(
            outcome ->
                outcome instanceof CardGateway.Rejected rejection
                    ? rejected(provider, rejection, parameters)
                    : Future.succeededFuture((CallbackReply) outcome));
  }

  private Future<Object> apply(
      SqlConnection tx, Payment payment, CardGateway.GatewayResult result) {
    if (payment.status() == PaymentStatus.PENDING) {
      if (!result.approved()) {
        return fail(tx, payment, result)
            .map(
                new CallbackReply(
                    CallbackOutcome.APPLIED, "declined: the order is cancelled", false));
      }
      return captureMode == CaptureMode.ON_DELIVERY
          ? hold(tx, payment, result)
              .map(
                  new CallbackReply(
                      CallbackOutcome.APPLIED,
                      "approved and held: the order can be confirmed, the money is captured on"
                          + " delivery",
                      false))
          : authorize(tx, payment, result)
              .map(
                  new CallbackReply(
                      CallbackOutcome.APPLIED, "approved: the order can be confirmed", true));
    }
    if (!result.approved()) {
      return Future.succeededFuture(
          new CallbackReply(
              CallbackOutcome.LATE_AFTER_CANCEL,
              "declined after the payment was "
                  + payment.status().name().toLowerCase()
                  + "; nothing to do",
              false));
    }
    if (payment.status() == PaymentStatus.AUTHORIZED) {
      // Two pages paid the same order (two browser tabs): the second payment is the shopper's to
      // get back; a second hold is never captured and lapses by itself.
      boolean captured = captureMode == CaptureMode.ON_CONFIRMATION;
      log.error(
          "payment {} was approved twice (second transaction {}){}",
          payment.id(),
          result.transactionId(),
          captured ? "; refund it at the gateway" : "; the second hold is never captured");
      return Future.succeededFuture(
          new CallbackReply(
              CallbackOutcome.DUPLICATE_PAYMENT,
              "the order was already paid; transaction "
                  + result.transactionId()
                  + (captured
                      ? " must be refunded at the gateway"
                      : " is a hold never captured: it lapses"),
              captured));
    }
    if (captureMode == CaptureMode.ON_DELIVERY) {
      // Approved after the order ended: the hold is released at once, nothing is taken.
      return payments
          .recordCardTransaction(tx, payment.id(), result.transactionId())
          .compose(v -> payments.hold(tx, payment.id(), true))
          .compose(v -> holds.release(tx, payment.id()))
          .map(
              new CallbackReply(
                  CallbackOutcome.LATE_AFTER_CANCEL,
                  "approved after the payment was "
                      + payment.status().name().toLowerCase()
                      + "; the hold is released",
                  false));
    }
    // The money came after the order ended (the shopper paid after the deadline): it goes straight
    // back.
    Payment received =
        payment.withParts(payment.parts().stream().map(PaymentPart::received).toList());
    return received(tx, received, result)
        .compose(
            v ->
                refunds.refundEverything(
                    tx,
                    received,
                    "paid after the order was " + payment.status().name().toLowerCase()))
        .map(
            done ->
                new CallbackReply(
                    CallbackOutcome.LATE_AFTER_CANCEL,
                    "approved after the payment was "
                        + payment.status().name().toLowerCase()
                        + "; refunded in full",
                    true));
  }

  private boolean captureNow(boolean approved) {
    return approved && captureMode == CaptureMode.ON_CONFIRMATION;
  }

  /**
   * Approved as a pre-authorisation kept for capture on delivery: the order goes on, nothing is
   * booked (no money moved yet), the parts wait for their deliveries.
   */
  private Future<Void> hold(SqlConnection tx, Payment payment, CardGateway.GatewayResult result) {
    Payment held =
        payment.withParts(
            payment.parts().stream().map(part -> part.withStatus(PartStatus.AUTHORIZED)).toList());
    return payments
        .updateStatus(tx, payment.id(), PaymentStatus.AUTHORIZED, null)
        .compose(v -> payments.recordCardTransaction(tx, payment.id(), result.transactionId()))
        .compose(v -> payments.hold(tx, payment.id(), true))
        .compose(v -> saveParts(tx, held))
        .compose(v -> announceAuthorized(tx, payment));
  }

  private Future<Void> authorize(
      SqlConnection tx, Payment payment, CardGateway.GatewayResult result) {
    Payment authorized =
        payment.withParts(
            payment.parts().stream()
                .map(part -> part.received().withStatus(PartStatus.AUTHORIZED))
                .toList());
    return payments
        .updateStatus(tx, payment.id(), PaymentStatus.AUTHORIZED, null)
        .compose(v -> received(tx, authorized, result))
        .compose(v -> announceAuthorized(tx, payment));
  }

  /** The order may go on: its card payment is approved (captured, or held for capture). */
  private Future<Void> announceAuthorized(SqlConnection tx, Payment payment) {
    return outbox.append(
        tx,
        Topics.PAYMENT_EVENTS,
        new PaymentAuthorized(
            payment.id(), payment.orderId(), payment.method(), payment.amountCentimes()));
  }

  /**
   * The card money reached the acquirer: its transaction, the parts as they now stand, the ledger.
   */
  private Future<Void> received(
      SqlConnection tx, Payment payment, CardGateway.GatewayResult result) {
    return payments
        .recordCardTransaction(tx, payment.id(), result.transactionId())
        .compose(v -> saveParts(tx, payment))
        .compose(v -> ledger.record(tx, Ledger.cardPaymentReceived(payment)))
        .mapEmpty();
  }

  private Future<Void> fail(SqlConnection tx, Payment payment, CardGateway.GatewayResult result) {
    String reason = "card declined by the issuer (code " + result.responseCode() + ")";
    Payment voided =
        payment.withParts(
            payment.parts().stream().map(part -> part.withStatus(PartStatus.VOIDED)).toList());
    return payments
        .updateStatus(tx, payment.id(), PaymentStatus.FAILED, reason)
        .compose(v -> saveParts(tx, voided))
        .compose(
            v ->
                outbox.append(
                    tx,
                    Topics.PAYMENT_EVENTS,
                    new PaymentFailed(payment.id(), payment.orderId(), payment.method(), reason)));
  }

  private Future<Void> saveParts(SqlConnection tx, Payment payment) {
    Future<Void> chain = Future.succeededFuture();
    for (PaymentPart part : payment.parts()) {
      chain = chain.compose(v -> payments.updatePart(tx, payment.id(), part));
    }
    return chain;
  }

  private Future<CallbackReply> rejected(
      String provider, CardGateway.Rejected rejection, Map<String, String> parameters) {
    log.warn(
        "gateway callback to '{}' refused: {} ({})",
        provider,
        rejection.outcome(),
        rejection.detail());
    return audit
        .record(
            pool,
            provider,
            rejection.attemptId(),
            parameters.get("TransId"),
            rejection.outcome(),
            rejection.detail(),
            parameters)
        .compose(v -> Future.failedFuture(refusalOf(rejection)));
  }

  private static DomainException refusalOf(CardGateway.Rejected rejection) {
    DomainException refusal =
        switch (rejection.outcome()) {
          case FORGED ->
              DomainException.of(
                  DomainException.Kind.FORBIDDEN,
                  "callback-not-genuine",
                  "This callback is not signed by the gateway",
                  rejection.detail());
          case AMOUNT_MISMATCH ->
              DomainException.refused(
                  "callback-amount-mismatch",
                  "The amount is not the payment's",
                  rejection.detail());
          case UNKNOWN_PROVIDER ->
              DomainException.notFound(
                  "unknown-provider", "No such payment provider", rejection.detail());
          case UNKNOWN_ATTEMPT ->
              DomainException.notFound(
                  "unknown-attempt", "No such payment attempt", rejection.detail());
          default ->
              DomainException.of(
                  DomainException.Kind.MALFORMED,
                  "malformed-callback",
                  "This is not a readable callback",
                  rejection.detail());
        };
    return refusal.with("outcome", rejection.outcome().name());
  }
}
