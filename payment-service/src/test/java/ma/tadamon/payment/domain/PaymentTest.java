package ma.tadamon.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class PaymentTest {

  @Test
  void cash_on_delivery_is_authorized_when_the_order_is_reserved() {
    Payment payment = Payment.openFor(UUID.randomUUID(), "CASH_ON_DELIVERY", 26_500);

    assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(payment.amountCentimes()).isEqualTo(26_500);
  }

  @Test
  void a_card_payment_waits_for_the_shopper_at_the_gateway() {
    assertThat(Payment.openFor(UUID.randomUUID(), "CARD", 26_500).status()).isEqualTo(PaymentStatus.PENDING);
  }
}
