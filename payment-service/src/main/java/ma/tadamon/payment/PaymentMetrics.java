package ma.tadamon.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentFailed;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PaymentVoided;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Payments by method and outcome ({@code tadamon_payments_total}), counted from the events the
 * service commits, so that the figure matches what the rest of the platform is told. Tags are the
 * method and the outcome only: never a shopper, an order or a card. Money stays in the ledger
 * (integer centimes), not in a floating-point metric.
 */
final class PaymentMetrics {

  private final MeterRegistry registry;

  private PaymentMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  static void countCommitted(Outbox outbox, MeterRegistry registry) {
    PaymentMetrics metrics = new PaymentMetrics(registry);
    outbox.onCommitted(metrics::count);
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
