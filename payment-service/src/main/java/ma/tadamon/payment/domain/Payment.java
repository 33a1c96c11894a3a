package ma.tadamon.payment.domain;

import java.util.List;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.auth.TokenDigest;
import ma.tadamon.platform.domain.TimeOrderedIds;

/** The payment of one order, with each cooperative's part of it. */
public record Payment(
    UUID id,
    UUID orderId,
    String orderCode,
    String language,
    PaymentMethod method,
    PaymentStatus status,
    long amountCentimes,
    String accessTokenDigest,
    String cardTransactionId,
    List<PaymentPart> parts,
    boolean cardHeld) {

  /**
   * The payment a reserved order opens: cash on delivery is authorized on the spot (it is captured
   * when each cooperative delivers); a card payment waits for the shopper at the gateway.
   */
  public static Payment openFor(
      UUID orderId,
      String orderCode,
      String language,
      PaymentMethod method,
      long amountCentimes,
      String accessTokenDigest,
      List<PaymentPart> parts) {
    PaymentStatus status =
        method == PaymentMethod.CASH_ON_DELIVERY ? PaymentStatus.AUTHORIZED : PaymentStatus.PENDING;
    PartStatus partStatus =
        status == PaymentStatus.AUTHORIZED ? PartStatus.AUTHORIZED : PartStatus.PENDING;
    return new Payment(
        TimeOrderedIds.next(),
        orderId,
        orderCode,
        language,
        method,
        status,
        amountCentimes,
        accessTokenDigest,
        null,
        parts.stream()
            .map(
                part ->
                    PaymentPart.opened(
                        part.cooperativeId(),
                        part.amountCentimes(),
                        part.shippingCentimes(),
                        partStatus))
            .toList(),
        false);
  }

  /**
   * Whether a shopper's tracking token is this order's: its SHA-256 is what order-service
   * announced, so the token itself is never stored here. Constant-time.
   */
  public boolean isTrackedBy(String token) {
    return TokenDigest.matches(token, accessTokenDigest);
  }

  public PaymentPart part(UUID cooperativeId) {
    return parts.stream()
        .filter(part -> part.cooperativeId().equals(cooperativeId))
        .findFirst()
        .orElse(null);
  }

  public Payment withParts(List<PaymentPart> newParts) {
    return new Payment(
        id,
        orderId,
        orderCode,
        language,
        method,
        status,
        amountCentimes,
        accessTokenDigest,
        cardTransactionId,
        newParts,
        cardHeld);
  }

  /**
   * A held card payment whose parts have all come to an end (delivered, declined, cancelled): the
   * moment to capture what was delivered, or to release the hold.
   */
  public boolean holdCanBeSettled() {
    return cardHeld
        && parts.stream()
            .noneMatch(
                part ->
                    part.status() == PartStatus.AUTHORIZED || part.status() == PartStatus.PENDING);
  }

  /** What a held payment's capture takes: its delivered parts. */
  public long deliveredCentimes() {
    return parts.stream()
        .filter(part -> part.status() == PartStatus.DELIVERED)
        .mapToLong(PaymentPart::amountCentimes)
        .sum();
  }

  public long refundableCentimes() {
    return parts.stream().mapToLong(PaymentPart::refundableCentimes).sum();
  }
}
