package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** A cooperative accepted its part of a confirmed order and prepares it. */
@EventType("ma.tadamon.order.cooperative-order.accepted.v1")
public record CooperativeOrderAccepted(UUID orderId, UUID cooperativeId)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
