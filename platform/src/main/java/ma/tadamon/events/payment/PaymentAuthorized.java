package ma.tadamon.events.payment;

import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** The order's payment is authorized: cash on delivery accepted, or a card payment approved. */
@EventType("ma.tadamon.payment.authorized.v1")
public record PaymentAuthorized(
    UUID paymentId, UUID orderId, PaymentMethod method, long amountCentimes)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
