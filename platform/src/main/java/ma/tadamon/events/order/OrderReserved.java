package ma.tadamon.events.order;

import java.util.List;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The order's stock is held; payment-service answers by opening its payment. {@code
 * accessTokenDigest} is the SHA-256 (base64url) of the shopper's tracking token: payment-service
 * can check the token a shopper presents at card checkout without ever holding the token or the
 * secret that makes it.
 */
@EventType("ma.tadamon.order.reserved.v1")
public record OrderReserved(
    UUID orderId,
    String code,
    String language,
    PaymentMethod paymentMethod,
    long totalCentimes,
    List<CooperativeAmount> cooperativeOrders,
    String accessTokenDigest)
    implements IntegrationEvent {

  /** One cooperative's part: {@code amountCentimes} includes its {@code shippingCentimes}. */
  public record CooperativeAmount(UUID cooperativeId, long amountCentimes, long shippingCentimes) {}

  @Override
  public String subject() {
    return orderId.toString();
  }
}
