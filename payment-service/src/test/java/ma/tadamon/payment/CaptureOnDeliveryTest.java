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
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PaymentVoided;
import ma.tadamon.platform.events.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * PAYMENT_CARD_CAPTURE=on-delivery: the shopper's approval is a pre-authorisation held at the
 * acquirer; nothing is booked until the order's parts have all come to an end, and then the
 * acquirer captures what was delivered (PostAuth) or releases the hold (Void), once.
 */
@ExtendWith(VertxExtension.class)
class CaptureOnDeliveryTest {

  private static PaymentsUnderTest payments;

  @BeforeAll
  static void start(Vertx vertx) {
    payments =
        PaymentsUnderTest.start(
            vertx, "payments_capture_on_delivery", Map.of("PAYMENT_CARD_CAPTURE", "on-delivery"));
  }

  @AfterAll
  static void stop() {
    payments.close();
  }

  @Test
  void what_was_delivered_is_captured_once_the_last_part_ends_and_only_then_booked() {
    long atTheAcquirerBefore = gatewayBalance();
    var order = payments.reserve(PaymentMethod.CARD, 20_000, 15_000);
    payments.payAtGateway(order, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    String oid = approvedOid(order);
    assertThat(answerTo(oid))
        .as("the approval is acknowledged, not captured")
        .isEqualTo("APPROVED");
    assertThat(gatewayBalance()).as("a hold is not money").isEqualTo(atTheAcquirerBefore);

    UUID delivered = payments.cooperative(order, 0);
    UUID declined = payments.cooperative(order, 1);
    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDelivered(order.id(), delivered, PaymentMethod.CARD, 20_000, false));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "DELIVERED".equals(partStatus(order, delivered)));
    assertThat(payments.payments.count(PaymentCaptured.class, order.id())).isZero();
    assertThat(operationsFor(oid)).as("nothing asked while a part is open").isEmpty();

    payments.orderService.publish(
        Topics.ORDER_EVENTS, new CooperativeOrderDeclined(order.id(), declined, "out of saffron"));
    payments.payments.awaitEvent(PaymentVoided.class, order.id());
    PaymentCaptured captured = payments.payments.awaitEvent(PaymentCaptured.class, order.id());

    assertThat(captured.cooperativeId()).isEqualTo(delivered);
    assertThat(captured.amountCentimes()).isEqualTo(20_000);
    assertThat(operationsFor(oid))
        .extracting(operation -> operation.getString("Type") + " " + operation.getString("Total"))
        .containsExactly("PostAuth 200.00");
    assertThat(gatewayBalance()).isEqualTo(atTheAcquirerBefore + 20_000);
    assertThat(payments.balances().getLong("totalCentimes")).isZero();
    assertThat(partStatus(order, declined)).isEqualTo("VOIDED");
    assertThat(partStatus(order, delivered)).isEqualTo("CAPTURED");
    JsonObject settlement = settlement(order, "COMPLETED");
    assertThat(settlement.getString("kind")).isEqualTo("CAPTURE");
    assertThat(settlement.getLong("amountCentimes")).isEqualTo(20_000);

    // Captured, it is refunded like any card payment: a Credit of the same order.
    HttpResponse<Buffer> refund =
        await(
            operator(
                    payments
                        .http
                        .post(
                            "/api/payments/" + payments.payment(order).getString("id") + "/refunds")
                        .putHeader("Idempotency-Key", UUID.randomUUID().toString()))
                .sendJsonObject(
                    new JsonObject()
                        .put("cooperativeId", delivered.toString())
                        .put("amountCentimes", 5_000)
                        .put("reason", "a jar arrived broken")),
            10);
    assertThat(refund.statusCode()).as(refund.bodyAsString()).isEqualTo(201);
    payments.payments.awaitEvent(PaymentRefunded.class, order.id());
    assertThat(operationsFor(oid))
        .extracting(
            operation -> operation.getString("Type") + " " + operation.getString("Response"))
        .containsExactly("PostAuth Approved", "Credit Approved");
  }

  @Test
  void a_hold_nothing_was_delivered_for_is_released_and_nothing_is_booked() {
    long atTheAcquirerBefore = gatewayBalance();
    var order = payments.reserve(PaymentMethod.CARD, 12_000);
    payments.payAtGateway(order, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    String oid = approvedOid(order);

    payments.orderService.publish(
        Topics.ORDER_EVENTS, new OrderCancelled(order.id(), "the shopper changed her mind"));

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> "VOIDED".equals(payments.payment(order).getString("status")));
    assertThat(operationsFor(oid))
        .extracting(
            operation -> operation.getString("Type") + " " + operation.getString("Response"))
        .containsExactly("Void Approved");
    assertThat(payments.payments.count(PaymentRefunded.class, order.id()))
        .as("no money moved, so none goes back")
        .isZero();
    assertThat(gatewayBalance()).isEqualTo(atTheAcquirerBefore);
    assertThat(settlement(order, "COMPLETED").getString("kind")).isEqualTo("VOID");
  }

  @Test
  void a_capture_whose_answer_was_lost_waits_for_the_operator_who_records_it() {
    var order = payments.reserve(PaymentMethod.CARD, 9_000);
    payments.payAtGateway(order, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    String oid = approvedOid(order);
    payments.loseNextMerchantApiAnswer(true);

    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDelivered(
            order.id(), payments.cooperative(order, 0), PaymentMethod.CARD, 9_000, false));

    JsonObject waiting =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> settlementOrNull(order, "REQUESTED"),
                // Awaiting the operator from the moment it is marked sent; the loss is recorded
                // only when the answer fails to come.
                found ->
                    found != null
                        && String.valueOf(found.getString("lastError"))
                            .contains("answer was lost"));
    assertThat(waiting.getBoolean("awaitingOperator")).isTrue();
    assertThat(payments.payments.count(PaymentCaptured.class, order.id())).isZero();
    List<JsonObject> done = operationsFor(oid);
    assertThat(done)
        .extracting(operation -> operation.getString("Type"))
        .containsExactly("PostAuth");

    String paymentId = payments.payment(order).getString("id");
    HttpResponse<Buffer> recorded =
        await(
            operator(
                    payments.http.post(
                        "/api/payments/" + paymentId + "/settlement/done-at-acquirer"))
                .sendJsonObject(
                    new JsonObject().put("reference", done.get(0).getString("TransId"))),
            10);
    assertThat(recorded.statusCode()).as(recorded.bodyAsString()).isEqualTo(200);
    assertThat(recorded.bodyAsJsonObject().getString("status")).isEqualTo("COMPLETED");
    payments.payments.awaitEvent(PaymentCaptured.class, order.id());
    assertThat(operationsFor(oid)).as("never sent twice").hasSize(1);
    HttpResponse<Buffer> again =
        await(
            operator(payments.http.post("/api/payments/" + paymentId + "/settlement/send-again"))
                .send(),
            10);
    assertThat(again.statusCode()).isEqualTo(409);
  }

  private static String approvedOid(PaymentsUnderTest.Order order) {
    long total = order.total();
    String amount = String.format("%d.%02d", total / 100, total % 100);
    return payments.callbacksSent().stream()
        .map(callback -> callback.getJsonObject("fields"))
        .filter(fields -> "00".equals(fields.getString("ProcReturnCode")))
        .filter(fields -> amount.equals(fields.getString("amount")))
        .map(fields -> fields.getString("oid"))
        .reduce((first, last) -> last)
        .orElseThrow();
  }

  private static String answerTo(String oid) {
    return payments.callbacksSent().stream()
        .filter(callback -> oid.equals(callback.getJsonObject("fields").getString("oid")))
        .map(callback -> callback.getString("answer"))
        .reduce((first, last) -> last)
        .orElseThrow();
  }

  private static List<JsonObject> operationsFor(String oid) {
    return payments.merchantApiOperations().stream()
        .filter(operation -> oid.equals(operation.getString("OrderId")))
        .toList();
  }

  private static String partStatus(PaymentsUnderTest.Order order, UUID cooperative) {
    return payments.payment(order).getJsonArray("parts").stream()
        .map(JsonObject.class::cast)
        .filter(part -> cooperative.toString().equals(part.getString("cooperativeId")))
        .map(part -> part.getString("status"))
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject settlement(PaymentsUnderTest.Order order, String status) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> settlementOrNull(order, status), found -> found != null);
  }

  private static JsonObject settlementOrNull(PaymentsUnderTest.Order order, String status) {
    String paymentId = payments.payment(order).getString("id");
    return await(
            operator(payments.http.get("/api/payments/settlements?status=" + status)).send(), 10)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .filter(item -> paymentId.equals(item.getString("paymentId")))
        .findFirst()
        .orElse(null);
  }

  private static <T> io.vertx.ext.web.client.HttpRequest<T> operator(
      io.vertx.ext.web.client.HttpRequest<T> request) {
    return request.bearerTokenAuthentication(payments.operator);
  }

  private static long gatewayBalance() {
    return payments.balances().getJsonObject("accounts").getLong("gateway:card", 0L);
  }
}
