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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.WithdrawalReceived;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PaymentVoided;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.testing.Handled;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Cash on delivery from reservation to the door, and the refunds an operator makes afterwards. */
@ExtendWith(VertxExtension.class)
class CashOnDeliveryAndRefundsTest {

  private static PaymentsUnderTest payments;

  @BeforeAll
  static void start(Vertx vertx) {
    payments = PaymentsUnderTest.start(vertx, "payments_cod", Map.of());
  }

  @AfterAll
  static void stop() {
    payments.close();
  }

  @Test
  void a_cash_order_confirmed_twice_has_one_payment_and_one_reserved_as_before_is_answered() {
    var order = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 12_000);
    payments.awaitAuthorized(order);
    payments.orderEvents().await(payments.confirmAgain(order));
    var before = payments.reserveCashAsBefore(9_000);
    assertThat(payments.payments.awaitEvent(PaymentAuthorized.class, before.id()).amountCentimes())
        .as("an order-service from before waits for the answer")
        .isEqualTo(9_000);
    assertThat(
            payments
                .orderEvents()
                .count("SELECT count(*) FROM payments.payments WHERE order_id = ?", order.id()))
        .isEqualTo(1);
  }

  @Test
  void cash_orders_confirmed_together_each_open_one_payment_with_its_own_parts() {
    var alreadyOpen = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 7_000);
    payments.awaitAuthorized(alreadyOpen);
    List<PaymentsUnderTest.Order> fresh =
        LongStream.rangeClosed(1, 8)
            .mapToObj(i -> PaymentsUnderTest.cashOrder(10_000 + i, 20_000 + i))
            .toList();
    List<PaymentsUnderTest.Order> together = new ArrayList<>(fresh);
    together.add(4, alreadyOpen);

    // Sent while the service is down, they wait together for it: its consumer takes them in
    // batches, not one at a time as they come.
    payments.stopService();
    List<EventEnvelope> confirmations = payments.confirmTogether(together);
    payments.startService(Map.of());
    payments.orderEvents().await(confirmations);

    for (PaymentsUnderTest.Order order : fresh) {
      assertThat(payments.awaitAuthorized(order).getLong("amountCentimes"))
          .isEqualTo(order.total());
      assertThat(partsOf(order))
          .as("its two parts, and no other order's")
          .isEqualTo(2)
          .isEqualTo(
              partsOf(order, order.parts().get(0).amountCentimes())
                  + partsOf(order, order.parts().get(1).amountCentimes()));
    }
    assertThat(partsOf(alreadyOpen))
        .as("the order confirmed again keeps the one payment and part it had")
        .isEqualTo(partsOf(alreadyOpen, 7_000))
        .isEqualTo(1);
    assertThat(
            payments
                .orderEvents()
                .count(
                    "SELECT count(*) FROM payments.payments WHERE order_id = ?", alreadyOpen.id()))
        .isEqualTo(1);
  }

  private long partsOf(PaymentsUnderTest.Order order) {
    return payments
        .orderEvents()
        .count(
            "SELECT count(*) FROM payments.payment_parts p JOIN payments.payments y"
                + " ON y.id = p.payment_id WHERE y.order_id = ?",
            order.id());
  }

  private long partsOf(PaymentsUnderTest.Order order, long amountCentimes) {
    return payments
        .orderEvents()
        .count(
            "SELECT count(*) FROM payments.payment_parts p JOIN payments.payments y"
                + " ON y.id = p.payment_id WHERE y.order_id = ? AND p.amount_centimes = ?",
            order.id(),
            amountCentimes);
  }

  @Test
  void cash_is_authorized_at_once_captured_at_the_door_and_a_declined_part_voided() {
    var order = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 16_500, 10_000);
    JsonObject opened = payments.awaitAuthorized(order);
    assertThat(opened.getLong("amountCentimes")).isEqualTo(26_500);
    assertThat(payments.orderEvents().published(PaymentAuthorized.class, order.id()))
        .as("the order was confirmed already: nobody waits for an answer")
        .isZero();

    var delivered =
        new CooperativeOrderDelivered(
            order.id(),
            payments.cooperative(order, 0),
            PaymentMethod.CASH_ON_DELIVERY,
            16_500,
            false);
    List<EventEnvelope> redelivered =
        payments.orderService.publish(
            Topics.ORDER_EVENTS,
            delivered,
            new CooperativeOrderDeclined(
                order.id(), payments.cooperative(order, 1), "no more stock"),
            delivered);

    PaymentCaptured captured = payments.payments.awaitEvent(PaymentCaptured.class, order.id());
    assertThat(captured.amountCentimes()).isEqualTo(16_500);
    assertThat(captured.commissionCentimes()).isEqualTo(700);
    PaymentVoided voided = payments.payments.awaitEvent(PaymentVoided.class, order.id());
    assertThat(voided.cooperativeId()).isEqualTo(payments.cooperative(order, 1));
    // The repeated delivery captures nothing more; the later cancellation finds nothing left to
    // void.
    Handled orderEvents = payments.orderEvents();
    orderEvents.await(
        payments.orderService.publish(
            Topics.ORDER_EVENTS, new OrderCancelled(order.id(), "every part settled")));
    orderEvents.await(redelivered);
    assertThat(orderEvents.published(PaymentCaptured.class, order.id())).isEqualTo(1);
    assertThat(orderEvents.published(PaymentVoided.class, order.id())).isEqualTo(1);
    JsonObject payment = payments.payment(order);
    assertThat(
            payment.getJsonArray("parts").stream()
                .map(part -> ((JsonObject) part).getString("status")))
        .containsExactlyInAnyOrderElementsOf(List.of("CAPTURED", "VOIDED"));
    assertThat(payment.getLong("refundableCentimes")).isEqualTo(16_500);
  }

  @Test
  void cash_paid_at_a_fair_stand_stays_with_the_cooperative_which_owes_the_commission() {
    var order = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 16_500, 10_000);
    payments.awaitAuthorized(order);
    UUID cooperative = payments.cooperative(order, 0);
    String account = "cooperative:" + cooperative;
    long before = balance(account);
    long carriersCash = balance("cash:on-delivery");

    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDelivered(
            order.id(), cooperative, PaymentMethod.CASH_ON_DELIVERY, 16_500, true));

    PaymentCaptured captured = payments.payments.awaitEvent(PaymentCaptured.class, order.id());
    assertThat(captured.commissionCentimes()).isEqualTo(700);
    await().atMost(Duration.ofSeconds(10)).until(() -> balance(account) == before + 700);
    assertThat(balance("cash:on-delivery")).as("no carrier brought it").isEqualTo(carriersCash);
  }

  private static long balance(String account) {
    Long balance = payments.balances().getJsonObject("accounts").getLong(account);
    return balance == null ? 0 : balance;
  }

  @Test
  void nobody_pays_for_a_parcel_refused_at_the_door_its_part_is_voided() {
    var order = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 12_000, 8_000);
    payments.awaitAuthorized(order);

    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderRefused(order.id(), payments.cooperative(order, 0), 3_000L));

    PaymentVoided voided = payments.payments.awaitEvent(PaymentVoided.class, order.id());
    assertThat(voided.cooperativeId()).isEqualTo(payments.cooperative(order, 0));
    assertThat(payments.payments.count(PaymentCaptured.class, order.id())).isZero();
  }

  @Test
  void a_cancelled_cash_order_is_voided_part_by_part() {
    var order = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 12_000, 8_000);
    payments.awaitAuthorized(order);

    payments.orderService.publish(
        Topics.ORDER_EVENTS, new OrderCancelled(order.id(), "the shopper changed her mind"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> payments.payments.count(PaymentVoided.class, order.id()) == 2);
    assertThat(payments.payment(order).getLong("refundableCentimes")).isZero();
  }

  @Test
  void an_operator_refunds_part_of_a_delivered_part_once_per_key_and_never_more_than_was_paid() {
    var order = deliveredCashOrder(20_500);
    String paymentId = payments.payment(order).getString("id");
    String key = "refund-" + UUID.randomUUID();
    JsonObject body =
        new JsonObject()
            .put("cooperativeId", payments.cooperative(order, 0).toString())
            .put("amountCentimes", 5_000)
            .put("reason", "one jar arrived broken");

    HttpResponse<Buffer> first = refund(paymentId, key, body);
    HttpResponse<Buffer> retried = refund(paymentId, key, body);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(retried.statusCode()).isEqualTo(200);
    String refundId =
        first.bodyAsJsonObject().getJsonArray("refunds").getJsonObject(0).getString("id");
    assertThat(retried.bodyAsJsonObject().getJsonArray("refunds").getJsonObject(0).getString("id"))
        .isEqualTo(refundId);
    PaymentRefunded refunded = payments.payments.awaitEvent(PaymentRefunded.class, order.id());
    assertThat(refunded.amountCentimes()).isEqualTo(5_000);
    // The retry was answered after its transaction: what it wrote to publish is final.
    assertThat(payments.orderEvents().published(PaymentRefunded.class, order.id())).isEqualTo(1);

    HttpResponse<Buffer> tooMuch =
        refund(paymentId, "refund-" + UUID.randomUUID(), body.copy().put("amountCentimes", 15_501));
    assertThat(tooMuch.statusCode()).isEqualTo(422);
    assertThat(tooMuch.bodyAsJsonObject().getLong("refundableCentimes")).isEqualTo(15_500);
    HttpResponse<Buffer> sameKeyOtherBody =
        refund(paymentId, key, body.copy().put("amountCentimes", 100));
    assertThat(sameKeyOtherBody.statusCode()).isEqualTo(422);

    // The rest, without naming an amount: every centime left.
    HttpResponse<Buffer> rest =
        refund(
            paymentId,
            "refund-" + UUID.randomUUID(),
            new JsonObject().put("reason", "the whole parcel was lost"));
    assertThat(rest.statusCode()).isEqualTo(201);
    assertThat(
            rest.bodyAsJsonObject()
                .getJsonArray("refunds")
                .getJsonObject(0)
                .getLong("amountCentimes"))
        .isEqualTo(15_500);
    HttpResponse<Buffer> nothingLeft =
        refund(paymentId, "refund-" + UUID.randomUUID(), new JsonObject().put("reason", "again"));
    assertThat(nothingLeft.statusCode()).isEqualTo(409);
    JsonObject part = payments.payment(order).getJsonArray("parts").getJsonObject(0);
    assertThat(part.getString("status")).isEqualTo("REFUNDED");
    assertThat(part.getLong("refundedCentimes")).isEqualTo(20_500);
  }

  @Test
  void a_partial_withdrawal_of_cash_is_owed_by_transfer_then_refunded_to_the_centime() {
    var order = deliveredCashOrder(20_500);
    UUID cooperative = payments.cooperative(order, 0);
    UUID withdrawal = UUID.randomUUID();
    var received =
        new WithdrawalReceived(
            withdrawal,
            order.id(),
            cooperative,
            PaymentMethod.CASH_ON_DELIVERY,
            List.of(new WithdrawalReceived.Line(UUID.randomUUID(), 1)),
            8_050);
    Handled orderEvents = payments.orderEvents();
    orderEvents.await(payments.orderService.publish(Topics.ORDER_EVENTS, received));
    // The same withdrawal announced again under another event id refunds nothing more.
    orderEvents.await(payments.orderService.publish(Topics.ORDER_EVENTS, received));

    JsonObject payment = payments.payment(order);
    List<JsonObject> refunds =
        payment.getJsonArray("refunds").stream().map(JsonObject.class::cast).toList();
    assertThat(refunds).hasSize(1);
    JsonObject owed = refunds.get(0);
    assertThat(owed.getString("status")).as("cash goes back by transfer").isEqualTo("REQUESTED");
    assertThat(owed.getBoolean("owedByTransfer")).isTrue();
    assertThat(owed.getString("withdrawalId")).isEqualTo(withdrawal.toString());
    assertThat(owed.getLong("amountCentimes")).isEqualTo(8_050);
    assertThat(payment.getLong("refundableCentimes")).isEqualTo(20_500 - 8_050);
    assertThat(payments.payments.count(PaymentRefunded.class, order.id())).isZero();

    JsonObject before = payments.balances().getJsonObject("accounts");
    HttpResponse<Buffer> paid = paidByTransfer(owed.getString("id"), "VIR-2026-0042");
    assertThat(paid.statusCode()).as(paid.bodyAsString()).isEqualTo(200);
    assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("COMPLETED");
    assertThat(paidByTransfer(owed.getString("id"), "VIR-2026-0042").statusCode())
        .as("recorded twice: the same refund")
        .isEqualTo(200);
    assertThat(paidByTransfer(owed.getString("id"), "ANOTHER").statusCode()).isEqualTo(409);
    PaymentRefunded refunded = payments.payments.awaitEvent(PaymentRefunded.class, order.id());
    assertThat(refunded.withdrawalId()).isEqualTo(withdrawal);
    assertThat(refunded.amountCentimes()).isEqualTo(8_050);

    long commissionReturned = paid.bodyAsJsonObject().getLong("commissionReturnedCentimes");
    // 700 of commission was taken on 16_500 (4.24 %); on 20_500 it is the same rate, and the
    // refunded share of it goes back: never a fraction of a centime, never more than was taken.
    assertThat(commissionReturned).isPositive().isLessThan(8_050);
    JsonObject balances = payments.balances();
    assertThat(balances.getLong("totalCentimes")).as("the ledger balances").isZero();
    JsonObject after = balances.getJsonObject("accounts");
    assertThat(after.getLong("platform:commission") - before.getLong("platform:commission"))
        .as("the commission on what came back is reversed")
        .isEqualTo(commissionReturned);
    String account = "cooperative:" + cooperative;
    assertThat(after.getLong(account) - before.getLong(account))
        .as("the cooperative gives back the rest")
        .isEqualTo(8_050 - commissionReturned);
    assertThat(after.getLong("cash:on-delivery") - before.getLong("cash:on-delivery"))
        .isEqualTo(-8_050);
  }

  @Test
  void bad_refunds_are_refused_and_change_nothing() {
    var order = deliveredCashOrder(12_000);
    var voidedOrder = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 9_000);
    payments.awaitAuthorized(voidedOrder);
    payments.orderService.publish(
        Topics.ORDER_EVENTS, new OrderCancelled(voidedOrder.id(), "cancelled"));
    payments.payments.awaitEvent(PaymentVoided.class, voidedOrder.id());
    var undelivered = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 9_000);
    payments.awaitAuthorized(undelivered);
    String paymentId = payments.payment(order).getString("id");
    String cooperative = payments.cooperative(order, 0).toString();

    assertThat(
            refund(
                    paymentId,
                    "k-" + UUID.randomUUID(),
                    new JsonObject()
                        .put("cooperativeId", cooperative)
                        .put("amountCentimes", -100)
                        .put("reason", "negative"))
                .statusCode())
        .isEqualTo(422);
    assertThat(
            refund(
                    paymentId,
                    "k-" + UUID.randomUUID(),
                    new JsonObject()
                        .put("cooperativeId", cooperative)
                        .put("amountCentimes", 12.5)
                        .put("reason", "a fraction of a centime"))
                .statusCode())
        .isEqualTo(400);
    assertThat(
            refund(
                    paymentId,
                    "k-" + UUID.randomUUID(),
                    new JsonObject().put("amountCentimes", 100).put("reason", "whose part?"))
                .statusCode())
        .isEqualTo(422);
    assertThat(
            refund(
                    paymentId,
                    "k-" + UUID.randomUUID(),
                    new JsonObject()
                        .put("cooperativeId", UUID.randomUUID().toString())
                        .put("reason", "a stranger's part"))
                .statusCode())
        .isEqualTo(422);
    assertThat(
            refund(
                    paymentId,
                    "k-" + UUID.randomUUID(),
                    new JsonObject().put("cooperativeId", cooperative))
                .statusCode())
        .isEqualTo(422);
    assertThat(refund(paymentId, null, new JsonObject().put("reason", "no key")).statusCode())
        .isEqualTo(400);
    assertThat(
            refund(
                    UUID.randomUUID().toString(),
                    "k-" + UUID.randomUUID(),
                    new JsonObject().put("reason", "x"))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            refund(
                    payments.payment(voidedOrder).getString("id"),
                    "k-" + UUID.randomUUID(),
                    new JsonObject().put("reason", "refund a voided payment"))
                .statusCode())
        .isEqualTo(409);
    assertThat(
            refund(
                    payments.payment(undelivered).getString("id"),
                    "k-" + UUID.randomUUID(),
                    new JsonObject().put("reason", "not delivered yet"))
                .statusCode())
        .isEqualTo(409);
    HttpResponse<Buffer> asCooperative =
        await(
            payments
                .http
                .post("/api/payments/" + paymentId + "/refunds")
                .putHeader("Idempotency-Key", "k-" + UUID.randomUUID())
                .bearerTokenAuthentication(
                    payments.cooperativeToken(payments.cooperative(order, 0)))
                .sendJsonObject(new JsonObject().put("reason", "refund myself")),
            10);
    assertThat(asCooperative.statusCode()).isEqualTo(403);

    assertThat(payments.payment(order).getLong("refundableCentimes")).isEqualTo(12_000);
    assertThat(payments.payments.count(PaymentRefunded.class, order.id())).isZero();
  }

  private PaymentsUnderTest.Order deliveredCashOrder(long amount) {
    var order = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, amount);
    payments.awaitAuthorized(order);
    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDelivered(
            order.id(),
            payments.cooperative(order, 0),
            PaymentMethod.CASH_ON_DELIVERY,
            amount,
            false));
    payments.payments.awaitEvent(PaymentCaptured.class, order.id());
    return order;
  }

  private HttpResponse<Buffer> paidByTransfer(String refundId, String reference) {
    return await(
        payments
            .http
            .post("/api/payments/refunds/" + refundId + "/paid-by-transfer")
            .bearerTokenAuthentication(payments.operator)
            .sendJsonObject(new JsonObject().put("reference", reference)),
        10);
  }

  private HttpResponse<Buffer> refund(String paymentId, String key, JsonObject body) {
    var request =
        payments
            .http
            .post("/api/payments/" + paymentId + "/refunds")
            .bearerTokenAuthentication(payments.operator);
    if (key != null) {
      request.putHeader("Idempotency-Key", key);
    }
    HttpResponse<Buffer> response = await(request.sendJsonObject(body), 10);
    if (response.statusCode() >= 400) {
      assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    }
    return response;
  }
}
