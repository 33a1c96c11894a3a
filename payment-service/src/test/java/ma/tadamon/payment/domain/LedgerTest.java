package ma.tadamon.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import org.junit.jupiter.api.Test;

class LedgerTest {

  private final UUID cooperative = UUID.randomUUID();
  private final Commission commission = new Commission(500);

  @Test
  void a_journal_that_does_not_balance_cannot_be_made() {
    assertThatThrownBy(
            () ->
                new Journal(
                    UUID.randomUUID(),
                    "CAPTURE",
                    "x",
                    null,
                    null,
                    null,
                    null,
                    List.of(
                        new Journal.Line(Ledger.CASH_ON_DELIVERY, null, 100),
                        new Journal.Line(Ledger.COMMISSION, null, -99))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("off by 1");
  }

  @Test
  void a_delivered_cash_part_is_owed_to_the_cooperative_less_the_commission() {
    Payment payment = payment(PaymentMethod.CASH_ON_DELIVERY);
    PaymentPart part = payment.parts().get(0);
    PaymentPart captured = part.captured(commission.on(part));

    Journal journal = Ledger.captured(payment, captured, captured.commissionCentimes(), false);

    assertThat(journal.lines())
        .containsExactlyInAnyOrder(
            new Journal.Line(Ledger.CASH_ON_DELIVERY, null, 12_500),
            new Journal.Line(Ledger.cooperativeAccount(cooperative), cooperative, -(12_500 - 500)),
            new Journal.Line(Ledger.COMMISSION, null, -500));
  }

  @Test
  void cash_paid_at_the_cooperatives_fair_stand_stays_with_it_and_it_owes_the_commission() {
    Payment payment = payment(PaymentMethod.CASH_ON_DELIVERY);
    PaymentPart part = payment.parts().get(0);
    PaymentPart captured = part.captured(commission.on(part));

    Journal journal = Ledger.captured(payment, captured, captured.commissionCentimes(), true);

    assertThat(journal.lines())
        .containsExactlyInAnyOrder(
            new Journal.Line(Ledger.cooperativeAccount(cooperative), cooperative, 500),
            new Journal.Line(Ledger.COMMISSION, null, -500));
    Payment byCard = payment(PaymentMethod.CARD);
    PaymentPart cardPart = byCard.parts().get(0);
    assertThat(
            Ledger.captured(byCard, cardPart.captured(commission.on(cardPart)), 500, true).lines())
        .as("card money at the stand still came through the acquirer")
        .contains(new Journal.Line(Ledger.SHOPPER_PREPAYMENTS, null, 12_500));
  }

  @Test
  void a_card_refund_before_delivery_only_gives_back_the_shoppers_prepayment() {
    Payment payment = payment(PaymentMethod.CARD);
    PaymentPart part = payment.parts().get(0).received();
    Refund refund = Refund.of(payment.id(), part, 12_500, "declined", "system");

    Journal journal = Ledger.refunded(payment, refund);

    assertThat(refund.afterCapture()).isFalse();
    assertThat(journal.lines())
        .containsExactlyInAnyOrder(
            new Journal.Line(Ledger.SHOPPER_PREPAYMENTS, null, 12_500),
            new Journal.Line(Ledger.CARD_GATEWAY, null, -12_500));
  }

  @Test
  void a_refund_after_delivery_comes_out_of_the_cooperatives_earnings_and_the_commission() {
    Payment payment = payment(PaymentMethod.CARD);
    PaymentPart part = payment.parts().get(0);
    PaymentPart captured = part.captured(commission.on(part));
    Refund refund = Refund.of(payment.id(), captured, 5_000, "a broken jar", "operator");

    Journal journal = Ledger.refunded(payment, refund);

    assertThat(refund.commissionReturnedCentimes()).isEqualTo(200);
    assertThat(journal.lines())
        .containsExactlyInAnyOrder(
            new Journal.Line(Ledger.cooperativeAccount(cooperative), cooperative, 4_800),
            new Journal.Line(Ledger.COMMISSION, null, 200),
            new Journal.Line(Ledger.CARD_GATEWAY, null, -5_000));
  }

  private Payment payment(PaymentMethod method) {
    return Payment.openFor(
        UUID.randomUUID(),
        "TDM-7",
        "ar",
        method,
        12_500,
        null,
        List.of(PaymentPart.opened(cooperative, 12_500, 2_500, PartStatus.PENDING)));
  }
}
