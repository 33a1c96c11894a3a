package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** Every part of the order was delivered or declined, at least one delivered: the order is over. */
@EventType("ma.tadamon.order.completed.v1")
public record OrderCompleted(UUID orderId) implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
