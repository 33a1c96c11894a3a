package ma.tadamon.events.inventory;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/** Every line of the order is held in stock, all or nothing. */
@EventType("ma.tadamon.inventory.stock.reserved.v1")
public record StockReserved(UUID orderId) implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
