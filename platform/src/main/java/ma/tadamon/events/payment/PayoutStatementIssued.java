package ma.tadamon.events.payment;

import java.time.Instant;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative's payout statement for a period is ready: what it sold, the commission, refunds and
 * net owed.
 */
@EventType("ma.tadamon.payment.payout-statement.issued.v1")
public record PayoutStatementIssued(
    UUID statementId,
    UUID cooperativeId,
    Instant periodEnd,
    long salesCentimes,
    long commissionCentimes,
    long refundsCentimes,
    long netCentimes)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return cooperativeId.toString();
  }
}
