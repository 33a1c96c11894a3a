package ma.tadamon.events.payment;

import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative's part will never be paid (declined or cancelled before any money changed hands).
 */
@EventType("ma.tadamon.payment.voided.v1")
public record PaymentVoided(
    UUID paymentId,
    UUID orderId,
    UUID cooperativeId,
    PaymentMethod method,
    long amountCentimes,
    String reason)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
