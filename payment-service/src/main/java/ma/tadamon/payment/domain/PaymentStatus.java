package ma.tadamon.payment.domain;

/** Where a payment stands. Card payments start PENDING at the gateway; cash on delivery is AUTHORIZED at once. */
public enum PaymentStatus {
  PENDING,
  AUTHORIZED,
  FAILED,
  CAPTURED,
  VOIDED,
  REFUNDED
}
