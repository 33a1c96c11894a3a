package ma.tadamon.events.payment;

import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative's part is paid for good: delivered, so its amount is earned. {@code
 * commissionCentimes} is the platform's share of it; the rest is owed to the cooperative.
 */
@EventType("ma.tadamon.payment.captured.v1")
public record PaymentCaptured(
    UUID paymentId,
    UUID orderId,
    UUID cooperativeId,
    PaymentMethod method,
    long amountCentimes,
    long commissionCentimes)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
