package ma.tadamon.events.payment;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The operator paid a cooperative its statement's net amount (e.g. by bank transfer {@code
 * reference}).
 */
@EventType("ma.tadamon.payment.payout.paid.v1")
public record PayoutPaid(UUID statementId, UUID cooperativeId, long netCentimes, String reference)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return cooperativeId.toString();
  }
}
