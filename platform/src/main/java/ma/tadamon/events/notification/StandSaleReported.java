package ma.tadamon.events.notification;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative reported a sale at its fair stand by SMS from its own phone ("VENTE 3 2"): {@code
 * productNumber} is the product's number within the cooperative. catalog-service records it as a
 * portal's sale would be, and answers {@code commandId} with {@code StandSaleAnswered}.
 */
@EventType("ma.tadamon.notification.stand-sale-reported.v1")
public record StandSaleReported(UUID commandId, UUID cooperativeId, int productNumber, int quantity)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return cooperativeId.toString();
  }
}
