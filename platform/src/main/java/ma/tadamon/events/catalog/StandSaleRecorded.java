package ma.tadamon.events.catalog;

import java.time.Instant;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative sold at its stand of a fair, paid in cash there: the stock it also sells online is
 * already lower, and the fair's figures count the sale under its campaign tag. {@code via}: {@code
 * PORTAL} or {@code SMS}.
 */
@EventType("ma.tadamon.catalog.stand-sale.recorded.v1")
public record StandSaleRecorded(
    UUID saleId,
    UUID fairId,
    String campaignTag,
    UUID cooperativeId,
    UUID productId,
    int quantity,
    long amountCentimes,
    String via,
    Instant soldAt)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return cooperativeId.toString();
  }
}
