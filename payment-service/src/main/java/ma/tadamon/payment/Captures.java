package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.payment.domain.Commission;
import ma.tadamon.payment.domain.Ledger;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentPart;
import ma.tadamon.payment.store.LedgerStore;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * A delivered part whose money is here (cash collected at the door, card money captured) becomes
 * its cooperative's, less the platform's commission: the part, the ledger and {@code
 * payment.captured}, in the caller's transaction.
 */
public final class Captures {

  private final PaymentStore payments;
  private final LedgerStore ledger;
  private final Outbox outbox;
  private final Commission commission;

  public Captures(PaymentStore payments, LedgerStore ledger, Outbox outbox, Commission commission) {
    this.payments = payments;
    this.ledger = ledger;
    this.outbox = outbox;
    this.commission = commission;
  }

  /** {@code cashAtStand}: the part was handed over at a fair stand, its cash paid there. */
  public Future<Void> capture(
      SqlConnection tx, Payment payment, PaymentPart part, boolean cashAtStand) {
    PaymentPart captured = part.captured(commission.on(part));
    return payments
        .updatePart(tx, payment.id(), captured)
        .compose(
            v ->
                ledger.record(
                    tx,
                    Ledger.captured(payment, captured, captured.commissionCentimes(), cashAtStand)))
        .compose(
            v ->
                outbox.append(
                    tx,
                    Topics.PAYMENT_EVENTS,
                    new PaymentCaptured(
                        payment.id(),
                        payment.orderId(),
                        part.cooperativeId(),
                        payment.method(),
                        captured.capturedCentimes(),
                        captured.commissionCentimes())))
        .mapEmpty();
  }
}
