package ma.tadamon.order.domain;

/**
 * Whether an order waits for its shopper to prove the phone given at checkout. Cash-on-delivery
 * orders do, unless a signed-in shopper proved that phone before; card orders never do (the bank
 * verifies the card holder).
 */
public enum PhoneCheck {
  NOT_REQUIRED,
  AWAITING,
  CONFIRMED;

  /** What a new order needs, from its payment method and whether its shopper proved the phone. */
  public static PhoneCheck forNewOrder(boolean cashOnDelivery, boolean phoneProvedBefore) {
    return cashOnDelivery && !phoneProvedBefore ? AWAITING : NOT_REQUIRED;
  }
}
