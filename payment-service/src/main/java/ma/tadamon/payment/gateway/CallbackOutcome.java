package ma.tadamon.payment.gateway;

/** What became of a gateway callback: the audit trail's vocabulary. */
public enum CallbackOutcome {
  /** Verified and applied: the payment is authorized or failed. */
  APPLIED,
  /** Verified, but it arrived after the order was cancelled: an approval is refunded at once. */
  LATE_AFTER_CANCEL,
  /**
   * Verified and approved, but the order was already paid by another attempt: refunded at the
   * gateway by the operator.
   */
  DUPLICATE_PAYMENT,
  /** Verified, but its attempt was already decided: nothing changes. */
  REPLAYED,
  /** No signature, or one that does not match: nothing changes. */
  FORGED,
  /** Signed, but the amount is not the attempt's: nothing changes. */
  AMOUNT_MISMATCH,
  /** Signed, but for no attempt this service made. */
  UNKNOWN_ATTEMPT,
  /** Not a callback at all: fields missing or unreadable. */
  MALFORMED,
  /** Sent to a provider this service does not have. */
  UNKNOWN_PROVIDER
}
