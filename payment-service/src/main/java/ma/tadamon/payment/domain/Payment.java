package ma.tadamon.payment.domain;

import java.util.UUID;

/** The payment of one order. */
public record Payment(UUID id, UUID orderId, String method, PaymentStatus status, long amountCentimes) {

  public static final String CASH_ON_DELIVERY = "CASH_ON_DELIVERY";

  /**
   * The payment a reserved order opens: cash on delivery is authorized on the spot (it is captured when
   * the cooperative delivers); a card payment waits for the shopper at the gateway.
   */
  public static Payment openFor(UUID orderId, String method, long amountCentimes) {
    PaymentStatus status = CASH_ON_DELIVERY.equals(method) ? PaymentStatus.AUTHORIZED : PaymentStatus.PENDING;
    return new Payment(UUID.randomUUID(), orderId, method, status, amountCentimes);
  }
}
