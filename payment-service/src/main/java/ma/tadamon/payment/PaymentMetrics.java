package ma.tadamon.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.sqlclient.SqlConnection;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentFailed;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PaymentVoided;
import ma.tadamon.platform.db.AfterCommit;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Payments by method and outcome ({@code tadamon_payments_total}), counted from the events the
 * service commits, so that the figure matches what the rest of the platform is told, and from the
 * cash payments opened authorized, which nobody is told of (the order is confirmed already). Tags
 * are the method and the outcome only: never a shopper, an order or a card. Money stays in the
 * ledger (integer centimes), not in a floating-point metric.
 */
public final class PaymentMetrics {

  private final MeterRegistry registry;

  private PaymentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  static PaymentMetrics countCommitted(Outbox outbox, MeterRegistry registry) {
    PaymentMetrics metrics = new PaymentMetrics(registry);
    outbox.onCommitted(metrics::count);
    return metrics;
  }

  /** A payment opened authorized in {@code tx} and announced to nobody, counted once committed. */
  public void openedAuthorized(SqlConnection tx, PaymentMethod method) {
    AfterCommit.run(tx, () -> record(method, "authorized"));
  }

  private void count(IntegrationEvent event) {
    if (event instanceof PaymentAuthorized authorized) {
      record(authorized.method(), "authorized");
    } else if (event instanceof PaymentFailed failed) {
      record(failed.method(), "failed");
    } else if (event instanceof PaymentCaptured captured) {
      record(captured.method(), "captured");
    } else if (event instanceof PaymentVoided voided) {
      record(voided.method(), "voided");
    } else if (event instanceof PaymentRefunded refunded) {
      record(refunded.method(), "refunded");
    }
  }

  private void record(PaymentMethod method, String outcome) {
    Counter.builder("tadamon.payments")
        .tag("method", method.name())
        .tag("outcome", outcome)
        .description("Payments and payment parts, by method and what became of them")
        .register(registry)
        .increment();
  }
}
