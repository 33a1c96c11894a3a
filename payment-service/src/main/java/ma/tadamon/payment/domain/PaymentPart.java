package ma.tadamon.payment.domain;

import java.util.UUID;

/**
 * One cooperative's share of a payment. {@code received} is money that reached the platform for it
 * (the card payment on approval, the cash on delivery), {@code captured} what the cooperative
 * earned on delivery, {@code commission} the platform's share of that, {@code refunded} what went
 * back.
 */
public record PaymentPart(
    UUID cooperativeId,
    long amountCentimes,
    long shippingCentimes,
    PartStatus status,
    long receivedCentimes,
    long capturedCentimes,
    long commissionCentimes,
    long refundedCentimes) {

  public static PaymentPart opened(
      UUID cooperativeId, long amountCentimes, long shippingCentimes, PartStatus status) {
    return new PaymentPart(cooperativeId, amountCentimes, shippingCentimes, status, 0, 0, 0, 0);
  }

  public PaymentPart withStatus(PartStatus newStatus) {
    return new PaymentPart(
        cooperativeId,
        amountCentimes,
        shippingCentimes,
        newStatus,
        receivedCentimes,
        capturedCentimes,
        commissionCentimes,
        refundedCentimes);
  }

  public PaymentPart withRefunded(long newRefundedCentimes) {
    return new PaymentPart(
        cooperativeId,
        amountCentimes,
        shippingCentimes,
        status,
        receivedCentimes,
        capturedCentimes,
        commissionCentimes,
        newRefundedCentimes);
  }

  /** The whole part's money reached the platform (a card approval, cash at the door). */
  public PaymentPart received() {
    return new PaymentPart(
        cooperativeId,
        amountCentimes,
        shippingCentimes,
        status,
        amountCentimes,
        capturedCentimes,
        commissionCentimes,
        refundedCentimes);
  }

  /** Delivered: the whole part is the cooperative's, less {@code commission}. */
  public PaymentPart captured(long commission) {
    return new PaymentPart(
        cooperativeId,
        amountCentimes,
        shippingCentimes,
        PartStatus.CAPTURED,
        amountCentimes,
        amountCentimes,
        commission,
        refundedCentimes);
  }

  /** What can still go back to the shopper: what was received, less what already went back. */
  public long refundableCentimes() {
    return receivedCentimes - refundedCentimes;
  }

  public boolean isCaptured() {
    return capturedCentimes > 0;
  }

  /** The goods, without the shipping fee: what the commission is taken on. */
  public long goodsCentimes() {
    return amountCentimes - shippingCentimes;
  }
}
