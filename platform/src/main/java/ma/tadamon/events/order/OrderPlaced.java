package ma.tadamon.events.order;

import java.util.List;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** An order was accepted at checkout; catalog-service answers by reserving its stock. */
@EventType("ma.tadamon.order.placed.v1")
public record OrderPlaced(
    UUID orderId, PaymentMethod paymentMethod, long totalCentimes, List<Line> lines)
    implements IntegrationEvent {

  public record Line(UUID productId, UUID cooperativeId, int quantity) {}

  @Override
  public String subject() {
    return orderId.toString();
  }
}
