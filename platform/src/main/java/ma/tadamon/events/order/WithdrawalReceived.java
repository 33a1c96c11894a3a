package ma.tadamon.events.order;

import java.util.List;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The goods of a withdrawal are back with the cooperative (it said so, or an operator did): the
 * catalog puts them on the shelf again and payment-service refunds {@code amountCentimes} of the
 * cooperative's part.
 */
@EventType("ma.tadamon.order.withdrawal-received.v1")
public record WithdrawalReceived(
    UUID withdrawalId,
    UUID orderId,
    UUID cooperativeId,
    PaymentMethod paymentMethod,
    List<Line> lines,
    long amountCentimes)
    implements IntegrationEvent {

  public record Line(UUID productId, int quantity) {}

  @Override
  public String subject() {
    return orderId.toString();
  }
}
