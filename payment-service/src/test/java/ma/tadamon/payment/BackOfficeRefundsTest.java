package ma.tadamon.payment;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.platform.events.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the acquirer offers no refund API (PAYMENT_CARD_REFUNDS=back-office), an operator makes a
 * card refund in its back office and records the reference: the ledger and the shopper's notice
 * follow as if the API had done it.
 */
@ExtendWith(VertxExtension.class)
class BackOfficeRefundsTest {

  private static PaymentsUnderTest payments;

  @BeforeAll
  static void start(Vertx vertx) {
    payments =
        PaymentsUnderTest.start(
            vertx, "payments_back_office", Map.of("PAYMENT_CARD_REFUNDS", "back-office"));
  }

  @AfterAll
  static void stop() {
    payments.close();
  }

  @Test
  void a_card_refund_made_in_the_back_office_is_recorded_with_its_reference_once() {
    var order = payments.reserve(PaymentMethod.CARD, 20_000);
    payments.payAtGateway(order, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    UUID cooperative = payments.cooperative(order, 0);
    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDelivered(order.id(), cooperative, PaymentMethod.CARD, 20_000, false));
    payments.payments.awaitEvent(PaymentCaptured.class, order.id());
    long atTheAcquirerBefore =
        payments.balances().getJsonObject("accounts").getLong("gateway:card");

    HttpResponse<Buffer> asked =
        post(
            "/api/payments/" + payments.payment(order).getString("id") + "/refunds",
            new JsonObject()
                .put("cooperativeId", cooperative.toString())
                .put("amountCentimes", 5_000)
                .put("reason", "a jar arrived broken"),
            UUID.randomUUID().toString());
    assertThat(asked.statusCode()).isEqualTo(201);
    JsonObject refund = asked.bodyAsJsonObject().getJsonArray("refunds").getJsonObject(0);
    assertThat(refund.getString("status")).as("waiting for the operator").isEqualTo("REQUESTED");
    String path = "/api/payments/refunds/" + refund.getString("id") + "/done-at-acquirer";

    assertThat(post(path, new JsonObject().put("reference", " "), null).statusCode())
        .isEqualTo(422);
    HttpResponse<Buffer> recorded =
        post(path, new JsonObject().put("reference", "BO-2026-0077"), null);
    HttpResponse<Buffer> retried =
        post(path, new JsonObject().put("reference", "BO-2026-0077"), null);
    HttpResponse<Buffer> again =
        post(path, new JsonObject().put("reference", "BO-2026-0078"), null);
    HttpResponse<Buffer> unknown =
        post(
            "/api/payments/refunds/" + UUID.randomUUID() + "/done-at-acquirer",
            new JsonObject().put("reference", "BO-1"),
            null);

    assertThat(recorded.statusCode()).isEqualTo(200);
    assertThat(recorded.bodyAsJsonObject().getString("status")).isEqualTo("COMPLETED");
    assertThat(recorded.bodyAsJsonObject().getString("providerReference"))
        .isEqualTo("back-office:BO-2026-0077");
    assertThat(retried.statusCode()).as("the same reference again").isEqualTo(200);
    assertThat(retried.bodyAsJsonObject().getString("id")).isEqualTo(refund.getString("id"));
    assertThat(again.statusCode()).as("another reference").isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("refundStatus")).isEqualTo("COMPLETED");
    assertThat(unknown.statusCode()).isEqualTo(404);
    // Answered after its transaction: booked once, announced once, nothing sent to an API.
    assertThat(payments.orderEvents().published(PaymentRefunded.class, order.id())).isEqualTo(1);
    assertThat(payments.balances().getJsonObject("accounts").getLong("gateway:card"))
        .isEqualTo(atTheAcquirerBefore - 5_000);
    assertThat(payments.refundsAtGateway()).isEmpty();
  }

  private static HttpResponse<Buffer> post(String path, JsonObject body, String idempotencyKey) {
    var request = payments.http.post(path).bearerTokenAuthentication(payments.operator);
    if (idempotencyKey != null) {
      request.putHeader("Idempotency-Key", idempotencyKey);
    }
    return await(request.sendJsonObject(body), 10);
  }
}
