package ma.tadamon.order.domain;

/** How the shopper pays. */
public enum PaymentMethod {
  CASH_ON_DELIVERY,
  CARD
}
