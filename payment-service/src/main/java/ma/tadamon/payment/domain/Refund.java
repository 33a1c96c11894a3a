package ma.tadamon.payment.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * Money going back to a shopper for one cooperative's part. How the ledger books it is fixed when
 * it is asked for: {@code afterCapture} (out of the cooperative's earnings and the commission) or
 * before (out of the shopper's prepayment), and the commission it hands back.
 */
public record Refund(
    UUID id,
    UUID paymentId,
    UUID cooperativeId,
    long amountCentimes,
    boolean afterCapture,
    long commissionReturnedCentimes,
    String reason,
    String requestedBy,
    RefundStatus status,
    String providerReference,
    int attempts,
    String lastError,
    Instant createdAt,
    Instant completedAt,
    UUID withdrawalId,
    boolean owedByTransfer,
    boolean awaitingOperator) {

  /**
   * REQUESTED until the gateway (or, for cash, the operator's record) completes it; FAILED if
   * refused.
   */
  public enum RefundStatus {
    REQUESTED,
    COMPLETED,
    FAILED
  }

  /**
   * A refund of {@code amountCentimes} of {@code part}, taking back the matching share of the
   * commission.
   */
  public static Refund of(
      UUID paymentId, PaymentPart part, long amountCentimes, String reason, String requestedBy) {
    return of(paymentId, part, amountCentimes, reason, requestedBy, null, false);
  }

  /**
   * The refund of a shopper's withdrawal. Cash paid at the door cannot go back through a card: it
   * is {@code owedByTransfer}, REQUESTED until an operator records the bank transfer that paid it.
   */
  public static Refund ofWithdrawal(
      UUID paymentId,
      PaymentPart part,
      long amountCentimes,
      UUID withdrawalId,
      boolean owedByTransfer) {
    return of(
        paymentId,
        part,
        amountCentimes,
        "the shopper withdrew from the sale",
        "withdrawal",
        withdrawalId,
        owedByTransfer);
  }

  private static Refund of(
      UUID paymentId,
      PaymentPart part,
      long amountCentimes,
      String reason,
      String requestedBy,
      UUID withdrawalId,
      boolean owedByTransfer) {
    boolean afterCapture = part.isCaptured();
    long commissionReturned =
        afterCapture ? Commission.returnedBy(part, part.refundedCentimes(), amountCentimes) : 0;
    return new Refund(
        UUID.randomUUID(),
        paymentId,
        part.cooperativeId(),
        amountCentimes,
        afterCapture,
        commissionReturned,
        reason,
        requestedBy,
        RefundStatus.REQUESTED,
        null,
        0,
        null,
        null,
        null,
        withdrawalId,
        owedByTransfer,
        false);
  }
}
