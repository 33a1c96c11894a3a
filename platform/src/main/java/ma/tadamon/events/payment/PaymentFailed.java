package ma.tadamon.events.payment;

import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** The order's payment cannot be authorized; the order is cancelled and its stock released. */
@EventType("ma.tadamon.payment.failed.v1")
public record PaymentFailed(UUID paymentId, UUID orderId, PaymentMethod method, String reason)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
