package ma.tadamon.notification.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  @Test
  void the_signature_is_hmac_sha256_of_timestamp_dot_body_in_hex() {
    String body =
        "{\"type\":\"cooperative.new-order\",\"orderId\":\"00000000-0000-0000-0000-000000000042\"}";

    // Computed once by hand, outside this code base (Python's hmac module), for
    // docs/notifications.md.
    assertThat(WebhookSender.signature("webhook-secret-0123456789", "1764547200", body))
        .isEqualTo("4a5f67ca38495912017073c42807a5310ac95f1a89c4a0889f533e62d696e821");
  }
}
