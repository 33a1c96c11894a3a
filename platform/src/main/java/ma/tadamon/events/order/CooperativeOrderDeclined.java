package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative declined its part of an order: that part's stock goes back on sale and its payment
 * is refunded or voided.
 */
@EventType("ma.tadamon.order.cooperative-order.declined.v1")
public record CooperativeOrderDeclined(UUID orderId, UUID cooperativeId, String reason)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
