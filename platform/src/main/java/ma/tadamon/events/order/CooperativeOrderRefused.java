package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The shopper refused a cooperative's cash-on-delivery parcel at the door and it came back: the
 * part's stock goes back on sale, its payment is voided (nobody paid), and the cooperative's
 * courier costs for the round trip, when it gave them, are {@code courierCostCentimes}.
 */
@EventType("ma.tadamon.order.cooperative-order.refused.v1")
public record CooperativeOrderRefused(UUID orderId, UUID cooperativeId, Long courierCostCentimes)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
