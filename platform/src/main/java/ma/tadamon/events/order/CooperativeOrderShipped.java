package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** A cooperative handed its part to the carrier; {@code trackingReference} may be null. */
@EventType("ma.tadamon.order.cooperative-order.shipped.v1")
public record CooperativeOrderShipped(UUID orderId, UUID cooperativeId, String trackingReference)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
