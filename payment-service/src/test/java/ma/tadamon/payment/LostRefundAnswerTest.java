package ma.tadamon.payment;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
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
 * CMI's refund API knows no refund id, so a refund whose answer was lost is never sent again by
 * itself (that could give the money back twice): it waits for an operator, who looks in the
 * acquirer's back office and either records the refund made there or sends it again.
 */
@ExtendWith(VertxExtension.class)
class LostRefundAnswerTest {

  private static PaymentsUnderTest payments;

  @BeforeAll
  static void start(Vertx vertx) {
    payments = PaymentsUnderTest.start(vertx, "payments_lost_refund_answer", Map.of());
  }

  @AfterAll
  static void stop() {
    payments.close();
  }

  @Test
  void a_refund_made_but_unanswered_is_recorded_by_the_operator_not_sent_twice() {
    Delivered paid = deliveredCardOrder(20_000);
    payments.loseNextMerchantApiAnswer(true);

    JsonObject refund = askRefund(paid, 5_000);
    List<JsonObject> credits = await().until(() -> creditsFor(paid), list -> list.size() == 1);
    assertThat(credits.get(0).getString("Response")).isEqualTo("Approved");
    JsonObject waiting = awaitLastError(refund.getString("id"), "answer was lost");
    assertThat(waiting.getString("status")).isEqualTo("REQUESTED");
    assertThat(waiting.getBoolean("awaitingOperator")).isTrue();
    // A refund asked after it is made by the task's next rounds, which pass the first one by.
    JsonObject later = askRefund(paid, 1_000);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                creditsFor(paid).stream()
                    .anyMatch(credit -> "10.00".equals(credit.getString("Total"))));
    awaitStatus(later.getString("id"), "COMPLETED");
    assertThat(creditsFor(paid))
        .as("the first never sent a second time by itself")
        .extracting(credit -> credit.getString("Total"))
        .containsExactly("50.00", "10.00");

    HttpResponse<Buffer> recorded =
        post(
            "/api/payments/refunds/" + refund.getString("id") + "/done-at-acquirer",
            new JsonObject().put("reference", credits.get(0).getString("TransId")));
    assertThat(recorded.statusCode()).isEqualTo(200);
    assertThat(recorded.bodyAsJsonObject().getString("status")).isEqualTo("COMPLETED");
    assertThat(payments.orderEvents().published(PaymentRefunded.class, paid.order().id()))
        .as("the later refund, and now this one")
        .isEqualTo(2);
    assertThat(post("/api/payments/refunds/" + refund.getString("id") + "/send-again").statusCode())
        .as("a refund made cannot be sent again")
        .isEqualTo(409);
    assertThat(post("/api/payments/refunds/" + UUID.randomUUID() + "/send-again").statusCode())
        .isEqualTo(404);
  }

  @Test
  void a_refund_that_never_arrived_is_sent_again_when_the_operator_says_so() {
    Delivered paid = deliveredCardOrder(30_000);
    long atTheAcquirerBefore = gatewayBalance();
    payments.loseNextMerchantApiAnswer(false);

    JsonObject refund = askRefund(paid, 7_500);
    awaitLastError(refund.getString("id"), "answer was lost");
    assertThat(creditsFor(paid)).as("the acquirer's back office shows nothing").isEmpty();

    HttpResponse<Buffer> again =
        post("/api/payments/refunds/" + refund.getString("id") + "/send-again");
    assertThat(again.statusCode()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> payments.payments.count(PaymentRefunded.class, paid.order().id()) == 1);
    assertThat(creditsFor(paid))
        .extracting(credit -> credit.getString("Response") + " " + credit.getString("Total"))
        .containsExactly("Approved 75.00");
    assertThat(gatewayBalance()).isEqualTo(atTheAcquirerBefore - 7_500);
  }

  private record Delivered(PaymentsUnderTest.Order order, UUID cooperative, String oid) {}

  private static Delivered deliveredCardOrder(long centimes) {
    var order = payments.reserve(PaymentMethod.CARD, centimes);
    payments.payAtGateway(order, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    UUID cooperative = payments.cooperative(order, 0);
    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDelivered(
            order.id(), cooperative, PaymentMethod.CARD, centimes, false));
    payments.payments.awaitEvent(PaymentCaptured.class, order.id());
    String oid =
        payments.callbacksSent().stream()
            .map(callback -> callback.getJsonObject("fields"))
            .filter(fields -> "00".equals(fields.getString("ProcReturnCode")))
            .filter(fields -> fields.getString("amount").equals(dirhams(centimes)))
            .map(fields -> fields.getString("oid"))
            .reduce((first, last) -> last)
            .orElseThrow();
    return new Delivered(order, cooperative, oid);
  }

  private static JsonObject askRefund(Delivered paid, long centimes) {
    HttpResponse<Buffer> asked =
        await(
            payments
                .http
                .post(
                    "/api/payments/" + payments.payment(paid.order()).getString("id") + "/refunds")
                .bearerTokenAuthentication(payments.operator)
                .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                .sendJsonObject(
                    new JsonObject()
                        .put("cooperativeId", paid.cooperative().toString())
                        .put("amountCentimes", centimes)
                        .put("reason", "a jar arrived broken")),
            10);
    assertThat(asked.statusCode()).as(asked.bodyAsString()).isEqualTo(201);
    return asked.bodyAsJsonObject().getJsonArray("refunds").getJsonObject(0);
  }

  private static JsonObject awaitLastError(String refundId, String saying) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                await(
                        payments
                            .http
                            .get("/api/payments/refunds?status=REQUESTED")
                            .bearerTokenAuthentication(payments.operator)
                            .send(),
                        10)
                    .bodyAsJsonObject()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonObject.class::cast)
                    .filter(item -> refundId.equals(item.getString("id")))
                    .filter(item -> String.valueOf(item.getString("lastError")).contains(saying))
                    .findFirst(),
            java.util.Optional::isPresent)
        .orElseThrow();
  }

  private static void awaitStatus(String refundId, String status) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                await(
                        payments
                            .http
                            .get("/api/payments/refunds?status=" + status)
                            .bearerTokenAuthentication(payments.operator)
                            .send(),
                        10)
                    .bodyAsJsonObject()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonObject.class::cast)
                    .anyMatch(item -> refundId.equals(item.getString("id"))));
  }

  private static List<JsonObject> creditsFor(Delivered paid) {
    return payments.refundsAtGateway().stream()
        .filter(credit -> paid.oid().equals(credit.getString("OrderId")))
        .toList();
  }

  private static long gatewayBalance() {
    return payments.balances().getJsonObject("accounts").getLong("gateway:card");
  }

  private static HttpResponse<Buffer> post(String path) {
    return post(path, new JsonObject());
  }

  private static HttpResponse<Buffer> post(String path, JsonObject body) {
    return await(
        payments.http.post(path).bearerTokenAuthentication(payments.operator).sendJsonObject(body),
        10);
  }

  private static String dirhams(long centimes) {
    return String.format("%d.%02d", centimes / 100, centimes % 100);
  }
}
