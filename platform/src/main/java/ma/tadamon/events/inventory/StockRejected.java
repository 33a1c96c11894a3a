package ma.tadamon.events.inventory;

import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * At least one line could not be held; nothing was reserved. {@code shortages} says which and why.
 */
@EventType("ma.tadamon.inventory.stock.rejected.v1")
public record StockRejected(UUID orderId, List<Shortage> shortages) implements IntegrationEvent {

  public record Shortage(UUID productId, int requested, int available) {}

  @Override
  public String subject() {
    return orderId.toString();
  }
}
