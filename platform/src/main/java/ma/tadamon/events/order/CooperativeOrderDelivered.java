package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative's part reached the shopper: for cash on delivery, the cash was collected for {@code
 * amountCentimes}. {@code atStand}: handed over at the cooperative's fair stand, where the cash, if
 * any, was paid to the cooperative itself rather than to a carrier (false in events from before).
 */
@EventType("ma.tadamon.order.cooperative-order.delivered.v1")
public record CooperativeOrderDelivered(
    UUID orderId,
    UUID cooperativeId,
    PaymentMethod paymentMethod,
    long amountCentimes,
    boolean atStand)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
