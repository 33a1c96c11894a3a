package ma.tadamon.payment.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;

/**
 * How each movement of money is booked. Accounts: money the platform holds ({@value #CARD_GATEWAY}
 * at the acquirer, {@value #CASH_ON_DELIVERY} collected by carriers, {@value #PAYOUT_BANK} paid
 * out), what it owes ({@value #SHOPPER_PREPAYMENTS} for card parts not yet delivered, {@code
 * cooperative:<id>} to each cooperative) and what it earns ({@value #COMMISSION}).
 */
public final class Ledger {

  public static final String CARD_GATEWAY = "gateway:card";
  public static final String CASH_ON_DELIVERY = "cash:on-delivery";
  public static final String SHOPPER_PREPAYMENTS = "shoppers:prepaid";
  public static final String COMMISSION = "platform:commission";
  public static final String PAYOUT_BANK = "bank:payouts";
  public static final String COOPERATIVE_PREFIX = "cooperative:";

  private Ledger() {}

  public static String cooperativeAccount(UUID cooperativeId) {
    return COOPERATIVE_PREFIX + cooperativeId;
  }

  /** The card money reached the acquirer; it is the shoppers' until the parts are delivered. */
  public static Journal cardPaymentReceived(Payment payment) {
    return cardMoney(payment, "CARD_RECEIVED", "card-received:", payment.amountCentimes());
  }

  /**
   * A card hold was captured (PAYMENT_CARD_CAPTURE=on-delivery): the delivered parts' money reached
   * the acquirer, the shoppers' until each capture entry makes it the cooperatives'.
   */
  public static Journal cardCaptured(Payment payment, long amountCentimes) {
    return cardMoney(payment, "CARD_CAPTURED", "card-captured:", amountCentimes);
  }

  private static Journal cardMoney(
      Payment payment, String kind, String referencePrefix, long amountCentimes) {
    return new Journal(
        UUID.randomUUID(),
        kind,
        referencePrefix + payment.id(),
        payment.id(),
        payment.orderId(),
        payment.orderCode(),
        null,
        List.of(
            new Journal.Line(CARD_GATEWAY, null, amountCentimes),
            new Journal.Line(SHOPPER_PREPAYMENTS, null, -amountCentimes)));
  }

  /**
   * A delivered part becomes the cooperative's, less the commission. Cash paid at the cooperative's
   * fair stand ({@code cashAtStand}) never reaches the platform: the cooperative keeps it and owes
   * the commission instead.
   */
  public static Journal captured(
      Payment payment, PaymentPart part, long commissionCentimes, boolean cashAtStand) {
    String cooperative = cooperativeAccount(part.cooperativeId());
    List<Journal.Line> lines;
    if (cashAtStand && payment.method() == PaymentMethod.CASH_ON_DELIVERY) {
      lines =
          List.of(
              new Journal.Line(cooperative, part.cooperativeId(), commissionCentimes),
              new Journal.Line(COMMISSION, null, -commissionCentimes));
    } else {
      String from = payment.method() == PaymentMethod.CARD ? SHOPPER_PREPAYMENTS : CASH_ON_DELIVERY;
      long amount = part.amountCentimes();
      lines =
          List.of(
              new Journal.Line(from, null, amount),
              new Journal.Line(cooperative, part.cooperativeId(), -(amount - commissionCentimes)),
              new Journal.Line(COMMISSION, null, -commissionCentimes));
    }
    return new Journal(
        UUID.randomUUID(),
        "CAPTURE",
        "capture:" + payment.id() + ":" + part.cooperativeId(),
        payment.id(),
        payment.orderId(),
        payment.orderCode(),
        part.cooperativeId(),
        lines);
  }

  /**
   * Money goes back to the shopper. Before delivery it only leaves the shoppers' prepayments;
   * after, it comes out of what the cooperative earned and of the commission, in proportion.
   */
  public static Journal refunded(Payment payment, Refund refund) {
    List<Journal.Line> lines = new ArrayList<>();
    String moneyAccount = payment.method() == PaymentMethod.CARD ? CARD_GATEWAY : CASH_ON_DELIVERY;
    long amountCentimes = refund.amountCentimes();
    long commissionReturnedCentimes = refund.commissionReturnedCentimes();
    if (refund.afterCapture()) {
      lines.add(
          new Journal.Line(
              cooperativeAccount(refund.cooperativeId()),
              refund.cooperativeId(),
              amountCentimes - commissionReturnedCentimes));
      lines.add(new Journal.Line(COMMISSION, null, commissionReturnedCentimes));
    } else {
      lines.add(new Journal.Line(SHOPPER_PREPAYMENTS, null, amountCentimes));
    }
    lines.add(new Journal.Line(moneyAccount, null, -amountCentimes));
    return new Journal(
        UUID.randomUUID(),
        "REFUND",
        "refund:" + refund.id(),
        payment.id(),
        payment.orderId(),
        payment.orderCode(),
        refund.cooperativeId(),
        lines);
  }

  /** The operator paid a cooperative what its statement says it is owed. */
  public static Journal paidOut(UUID statementId, UUID cooperativeId, long netCentimes) {
    return new Journal(
        UUID.randomUUID(),
        "PAYOUT",
        "payout:" + statementId,
        null,
        null,
        null,
        cooperativeId,
        List.of(
            new Journal.Line(cooperativeAccount(cooperativeId), cooperativeId, netCentimes),
            new Journal.Line(PAYOUT_BANK, null, -netCentimes)));
  }
}
