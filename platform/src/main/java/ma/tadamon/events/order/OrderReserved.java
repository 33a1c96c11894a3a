package ma.tadamon.events.order;

import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** The order's stock is held; payment-service answers by authorizing its payment. */
@EventType("ma.tadamon.order.reserved.v1")
public record OrderReserved(UUID orderId, String paymentMethod, long totalCentimes,
    List<CooperativeAmount> cooperativeOrders) implements IntegrationEvent {

  public record CooperativeAmount(UUID cooperativeId, long amountCentimes) {
  }

  @Override
  public String subject() {
    return orderId.toString();
  }
}
