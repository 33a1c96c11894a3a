package ma.tadamon.events.payment;

import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * Money went back to the shopper for (part of) a cooperative's part of an order; {@code
 * withdrawalId} names the shopper's withdrawal it settles, if it was one (absent in events written
 * before withdrawals).
 */
@EventType("ma.tadamon.payment.refunded.v1")
public record PaymentRefunded(
    UUID refundId,
    UUID paymentId,
    UUID orderId,
    UUID cooperativeId,
    PaymentMethod method,
    long amountCentimes,
    String reason,
    UUID withdrawalId)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
