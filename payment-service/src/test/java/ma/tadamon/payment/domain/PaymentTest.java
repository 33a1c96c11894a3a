package ma.tadamon.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.auth.TokenDigest;
import org.junit.jupiter.api.Test;

class PaymentTest {

  private static final List<PaymentPart> PARTS =
      List.of(
          PaymentPart.opened(UUID.randomUUID(), 16_500, 2_500, PartStatus.PENDING),
          PaymentPart.opened(UUID.randomUUID(), 10_000, 2_500, PartStatus.PENDING));

  @Test
  void cash_on_delivery_is_authorized_when_the_order_is_reserved() {
    Payment payment =
        Payment.openFor(
            UUID.randomUUID(), "TDM-1", "fr", PaymentMethod.CASH_ON_DELIVERY, 26_500, null, PARTS);

    assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(payment.parts()).extracting(PaymentPart::status).containsOnly(PartStatus.AUTHORIZED);
    // Agreed, not received: nothing can be refunded before the cash is collected.
    assertThat(payment.refundableCentimes()).isZero();
  }

  @Test
  void a_card_payment_waits_for_the_shopper_at_the_gateway() {
    Payment payment =
        Payment.openFor(UUID.randomUUID(), "TDM-1", "fr", PaymentMethod.CARD, 26_500, null, PARTS);

    assertThat(payment.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(payment.parts()).extracting(PaymentPart::status).containsOnly(PartStatus.PENDING);
  }

  @Test
  void only_the_orders_own_token_tracks_its_payment() {
    // SHA-256 of "the-token", base64url without padding, as order-service announces it.
    String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(sha256("the-token"));
    assertThat(TokenDigest.of("the-token")).isEqualTo(digest);
    Payment payment =
        Payment.openFor(
            UUID.randomUUID(), "TDM-1", "fr", PaymentMethod.CARD, 26_500, digest, PARTS);

    assertThat(payment.isTrackedBy("the-token")).isTrue();
    assertThat(payment.isTrackedBy("the-token ")).isTrue();
    assertThat(payment.isTrackedBy("another-token")).isFalse();
    assertThat(payment.isTrackedBy(null)).isFalse();
    assertThat(payment.isTrackedBy(digest)).isFalse();
  }

  @Test
  void a_received_part_can_be_refunded_until_all_of_it_went_back() {
    PaymentPart part = PARTS.get(0).received();

    assertThat(part.refundableCentimes()).isEqualTo(16_500);
    assertThat(part.withRefunded(6_500).refundableCentimes()).isEqualTo(10_000);
    assertThat(part.goodsCentimes()).isEqualTo(14_000);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
