package ma.tadamon.payment.domain;

import java.util.Optional;

/** How a shopper pays; the names are those of the order events. */
public enum PaymentMethod {
  CASH_ON_DELIVERY,
  CARD;

  /** The method an order event names, or empty for one this service does not know. */
  public static Optional<PaymentMethod> named(String name) {
    for (PaymentMethod method : values()) {
      if (method.name().equals(name)) {
        return Optional.of(method);
      }
    }
    return Optional.empty();
  }
}
