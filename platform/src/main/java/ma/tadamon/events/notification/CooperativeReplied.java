package ma.tadamon.events.notification;

import java.util.UUID;
import ma.tadamon.events.CooperativeAction;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative answered an order by SMS, from its own phone: {@code action} is accept, decline,
 * ship or deliver (order-service's fulfilment actions), {@code argument} a decline's reason or a
 * shipment's tracking reference. order-service applies it with its usual rules and answers {@code
 * commandId}.
 */
@EventType("ma.tadamon.notification.cooperative-replied.v1")
public record CooperativeReplied(
    UUID commandId, UUID orderId, UUID cooperativeId, CooperativeAction action, String argument)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
