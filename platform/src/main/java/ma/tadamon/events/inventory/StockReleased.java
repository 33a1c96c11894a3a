package ma.tadamon.events.inventory;

import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * Stock held or sold for an order is back on sale: the order was cancelled, a cooperative declined
 * its part, or the hold expired before anything confirmed it ({@code reason} EXPIRED). {@code
 * lines} says which products and how many.
 */
@EventType("ma.tadamon.inventory.stock.released.v1")
public record StockReleased(UUID orderId, String reason, List<Line> lines)
    implements IntegrationEvent {

  public static final String EXPIRED = "EXPIRED";
  public static final String ORDER_CANCELLED = "ORDER_CANCELLED";
  public static final String ORDER_REJECTED = "ORDER_REJECTED";
  public static final String COOPERATIVE_DECLINED = "COOPERATIVE_DECLINED";

  public record Line(UUID productId, int quantity) {}

  @Override
  public String subject() {
    return orderId.toString();
  }
}
