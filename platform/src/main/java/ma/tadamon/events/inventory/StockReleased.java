package ma.tadamon.events.inventory;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
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
public record StockReleased(UUID orderId, Reason reason, List<Line> lines)
    implements IntegrationEvent {

  /** Why the stock came back; a reason a newer producer adds reads as {@link #UNKNOWN}. */
  public enum Reason {
    EXPIRED,
    ORDER_CANCELLED,
    ORDER_REJECTED,
    COOPERATIVE_DECLINED,
    /** A cash-on-delivery parcel refused at the door came back to the cooperative. */
    PARCEL_REFUSED,
    /** Never written: what a reader sees for a reason it does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
  }

  public record Line(UUID productId, int quantity) {}

  @Override
  public String subject() {
    return orderId.toString();
  }
}
