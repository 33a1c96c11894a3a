package ma.tadamon.events.order;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The shopper withdrew from (some lines of) a delivered cooperative's part within the legal window:
 * the cooperative is told to expect the goods back. {@code amountCentimes} is what will be refunded
 * once they arrive, and {@code refundDueBy} the day the law's 15 days run out.
 */
@EventType("ma.tadamon.order.withdrawal-requested.v1")
public record WithdrawalRequested(
    UUID withdrawalId,
    UUID orderId,
    String orderCode,
    UUID cooperativeId,
    String language,
    List<Line> lines,
    long amountCentimes,
    Instant refundDueBy)
    implements IntegrationEvent {

  public record Line(UUID productId, Map<String, String> name, int quantity) {}

  @Override
  public String subject() {
    return orderId.toString();
  }
}
