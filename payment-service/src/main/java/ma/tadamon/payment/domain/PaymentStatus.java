package ma.tadamon.payment.domain;

/**
 * Where a payment stands as a whole. What happened to the money since (captured on delivery,
 * refunded) is told by each cooperative's {@link PaymentPart}.
 */
public enum PaymentStatus {
  /** A card payment waiting for the shopper at the gateway. */
  PENDING,
  /** Cash on delivery agreed, or the card money received: the order can be confirmed. */
  AUTHORIZED,
  /** The gateway declined the card: the order is cancelled. */
  FAILED,
  /** The order ended before any money moved. */
  VOIDED
}
