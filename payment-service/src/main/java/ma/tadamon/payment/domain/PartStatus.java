package ma.tadamon.payment.domain;

/** What became of one cooperative's part of a payment. */
public enum PartStatus {
  /** Waiting for the card payment. */
  PENDING,
  /** Paid for (card) or agreed (cash on delivery), not yet delivered. */
  AUTHORIZED,
  /**
   * Delivered, its card money still held at the acquirer: captured with the rest of the order's
   * (PAYMENT_CARD_CAPTURE=on-delivery).
   */
  DELIVERED,
  /** Delivered: earned by the cooperative, less the platform's commission. */
  CAPTURED,
  /** Ended before any money moved for it. */
  VOIDED,
  /** Every centime received for it went back to the shopper. */
  REFUNDED
}
