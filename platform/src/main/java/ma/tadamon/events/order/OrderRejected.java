package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The order could not be reserved and is over; {@code reason} says why, for the shopper and the
 * logs.
 */
@EventType("ma.tadamon.order.rejected.v1")
public record OrderRejected(UUID orderId, String reason) implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
