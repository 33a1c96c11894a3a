package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative's part reached the shopper: for cash on delivery, the cash was collected for {@code
 * amountCentimes}.
 */
@EventType("ma.tadamon.order.cooperative-order.delivered.v1")
public record CooperativeOrderDelivered(
    UUID orderId, UUID cooperativeId, PaymentMethod paymentMethod, long amountCentimes)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
