package ma.tadamon.payment.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentStatus;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/** Opens the payment of each reserved order; cash on delivery is authorized at once. */
public final class PaymentAuthorizations {

  private final PaymentStore payments;
  private final Outbox outbox;

  public PaymentAuthorizations(PaymentStore payments, Outbox outbox) {
    this.payments = payments;
    this.outbox = outbox;
  }

  public Future<Void> onOrderReserved(OrderReserved order, EventEnvelope envelope, SqlConnection tx) {
    Payment payment = Payment.openFor(order.orderId(), order.paymentMethod(), order.totalCentimes());
    // An order already holding a payment (a re-published event) opens no second one.
    return payments.insertIfAbsent(tx, payment).compose(opened -> opened && payment.status() == PaymentStatus.AUTHORIZED
        ? outbox.append(tx, Topics.PAYMENT_EVENTS,
            new PaymentAuthorized(payment.id(), payment.orderId(), payment.method(), payment.amountCentimes()))
        : Future.succeededFuture());
  }
}
