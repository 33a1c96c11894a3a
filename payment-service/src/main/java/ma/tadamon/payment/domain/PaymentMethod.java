package ma.tadamon.payment.domain;

/** How a shopper pays; the names are those of the order events. */
public enum PaymentMethod {
  CASH_ON_DELIVERY,
  CARD;

  /** The method an order event names, or empty for one this service does not know. */
  public static java.util.Optional<PaymentMethod> named(String name) {
    for (PaymentMethod method : values()) {
      if (method.name().equals(name)) {
        return java.util.Optional.of(method);
      }
    }
    return java.util.Optional.empty();
  }
}
