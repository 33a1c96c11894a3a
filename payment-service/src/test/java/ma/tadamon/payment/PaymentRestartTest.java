package ma.tadamon.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.HashMap;
import java.util.Map;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.payment.api.CardApi;
import ma.tadamon.platform.events.EventMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service stops after applying a callback and before publishing its outcome: the outcome waits
 * in the outbox, is published once when the service is back, and the gateway's retry of the same
 * callback changes nothing.
 */
@ExtendWith(VertxExtension.class)
class PaymentRestartTest {

  private static PaymentsUnderTest payments;

  @BeforeAll
  static void start(Vertx vertx) {
    // The relay held back, so the stop falls between the callback's commit and the event's
    // publication.
    payments =
        PaymentsUnderTest.start(vertx, "payments_restart", Map.of("OUTBOX_RELAY_ENABLED", "false"));
  }

  @AfterAll
  static void stop() {
    payments.close();
  }

  @Test
  void a_restart_between_callback_and_publication_neither_loses_nor_duplicates_the_outcome() {
    var order = payments.reserve(PaymentMethod.CARD, 18_000);
    payments.payAtGateway(order, "approve");
    assertThat(payments.payment(order).getString("status")).isEqualTo("AUTHORIZED");
    // Written to publish, and waiting in the outbox: the relay is off.
    assertThat(
            payments
                .orderEvents()
                .count(
                    "SELECT count(*) FROM payments.outbox WHERE message_key = ? AND event_type = ?",
                    order.id().toString(),
                    EventMapper.typeOf(PaymentAuthorized.class)))
        .isEqualTo(1);

    payments.stopService();
    payments.startService(Map.of("OUTBOX_RELAY_ENABLED", "true"));

    assertThat(payments.payments.awaitEvent(PaymentAuthorized.class, order.id()).amountCentimes())
        .isEqualTo(18_000);
    Map<String, String> callback = new HashMap<>();
    payments.callbacksSent().stream()
        .map(sent -> sent.getJsonObject("fields"))
        .filter(fields -> payments.lastAttempt(order).equals(fields.getString("oid")))
        .findFirst()
        .orElseThrow()
        .forEach(field -> callback.put(field.getKey(), String.valueOf(field.getValue())));
    var replay = payments.postCallback("cmi", callback);
    assertThat(replay.getHeader(CardApi.OUTCOME_HEADER)).isEqualTo("REPLAYED");
    // The acquirer is told the same as the first time: capture the approval.
    assertThat(replay.bodyAsString()).isEqualTo("ACTION=POSTAUTH");
    assertThat(payments.orderEvents().published(PaymentAuthorized.class, order.id())).isEqualTo(1);
    assertThat(payments.payment(order).getString("status")).isEqualTo("AUTHORIZED");
  }
}
