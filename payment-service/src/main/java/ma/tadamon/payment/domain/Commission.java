package ma.tadamon.payment.domain;

/**
 * The platform's commission, in basis points of the goods (never of the shipping fee, which pays
 * the carrier). Rounded down: a fraction of a centime stays with the cooperative. When part of a
 * sale is refunded, the same share of the commission goes back, so a full refund returns all of it.
 */
public record Commission(int basisPoints) {

  public Commission {
    if (basisPoints < 0 || basisPoints > 10_000) {
      throw new IllegalArgumentException(
          "a commission is between 0 and 10000 basis points, not " + basisPoints);
    }
  }

  public long on(PaymentPart part) {
    return Math.multiplyExact(part.goodsCentimes(), (long) basisPoints) / 10_000;
  }

  /**
   * The commission handed back by a refund of {@code refundCentimes} of a captured part, once
   * {@code alreadyRefundedCentimes} went back before: the commission kept always equals the
   * commission on what is left, rounded down, so refunds in pieces return exactly what one refund
   * would.
   */
  public static long returnedBy(
      PaymentPart part, long alreadyRefundedCentimes, long refundCentimes) {
    long before =
        Math.multiplyExact(part.commissionCentimes(), alreadyRefundedCentimes)
            / part.capturedCentimes();
    long after =
        Math.multiplyExact(part.commissionCentimes(), alreadyRefundedCentimes + refundCentimes)
            / part.capturedCentimes();
    return after - before;
  }
}
