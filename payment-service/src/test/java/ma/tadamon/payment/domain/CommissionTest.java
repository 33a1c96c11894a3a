package ma.tadamon.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommissionTest {

  private final Commission fivePercent = new Commission(500);

  @Test
  void is_taken_on_the_goods_never_on_the_shipping_and_rounded_in_the_cooperatives_favour() {
    PaymentPart part =
        PaymentPart.opened(UUID.randomUUID(), 12_999 + 2_500, 2_500, PartStatus.AUTHORIZED);

    // 5 % of 129.99 MAD is 6.4995 MAD: the half centime stays with the cooperative.
    assertThat(fivePercent.on(part)).isEqualTo(649);
  }

  @Test
  void a_full_refund_in_pieces_hands_back_exactly_the_commission_one_refund_would() {
    Random random = new Random(42);
    for (int round = 0; round < 1_000; round++) {
      long amount = 100 + random.nextInt(500_000);
      long shipping = random.nextInt((int) Math.min(amount, 5_000));
      PaymentPart opened =
          PaymentPart.opened(UUID.randomUUID(), amount, shipping, PartStatus.AUTHORIZED);
      PaymentPart captured = opened.captured(fivePercent.on(opened));

      long refunded = 0;
      long returned = 0;
      while (refunded < amount) {
        long piece = Math.min(amount - refunded, 1 + random.nextInt((int) amount));
        long back = Commission.returnedBy(captured, refunded, piece);
        assertThat(back).isBetween(0L, piece);
        returned += back;
        refunded += piece;
      }
      assertThat(returned).isEqualTo(captured.commissionCentimes());
    }
  }

  @Test
  void is_a_share_between_nothing_and_everything() {
    assertThat(
            new Commission(0)
                .on(PaymentPart.opened(UUID.randomUUID(), 10_000, 0, PartStatus.AUTHORIZED)))
        .isZero();
    assertThatThrownBy(() -> new Commission(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Commission(10_001)).isInstanceOf(IllegalArgumentException.class);
  }
}
