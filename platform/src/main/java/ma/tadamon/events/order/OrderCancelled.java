package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The order is over before fulfilment (payment failed or the shopper cancelled); its stock is to be
 * released.
 */
@EventType("ma.tadamon.order.cancelled.v1")
public record OrderCancelled(UUID orderId, String reason) implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
