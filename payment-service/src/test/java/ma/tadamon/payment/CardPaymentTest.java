package ma.tadamon.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentFailed;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PaymentVoided;
import ma.tadamon.payment.api.CardApi;
import ma.tadamon.payment.gateway.Ver3Hash;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.ServiceRuntime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Card payments end to end through the sandbox gateway's hosted page, callbacks and refund API. */
@ExtendWith(VertxExtension.class)
class CardPaymentTest {

  private static PaymentsUnderTest payments;

  @BeforeAll
  static void start(Vertx vertx) {
    payments = PaymentsUnderTest.start(vertx, "payments_card", Map.of());
  }

  @AfterAll
  static void stop() {
    payments.close();
  }

  @Test
  void an_approved_card_authorizes_the_order_and_the_shopper_comes_back_to_it() {
    var order = payments.reserve(PaymentMethod.CARD, 16_500, 10_000);

    String back = payments.payAtGateway(order, "approve");

    assertThat(back)
        .startsWith("http://localhost:8080/order.html?order=" + order.id() + "&payment=approved");
    PaymentAuthorized authorized =
        payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    assertThat(authorized.amountCentimes()).isEqualTo(26_500);
    assertThat(authorized.method()).isEqualTo(PaymentMethod.CARD);
    JsonObject payment = payments.payment(order);
    assertThat(payment.getString("status")).isEqualTo("AUTHORIZED");
    assertThat(
            payment.getJsonArray("parts").stream()
                .map(part -> ((JsonObject) part).getLong("receivedCentimes")))
        .containsExactlyInAnyOrder(16_500L, 10_000L);
    // The shopper's own view, with the tracking token and no login.
    JsonObject shopperView =
        ServiceRuntime.await(
                payments
                    .http
                    .get("/api/payments/orders/" + order.id())
                    .putHeader("X-Order-Token", order.token())
                    .send(),
                10)
            .bodyAsJsonObject();
    assertThat(shopperView.getString("status")).isEqualTo("AUTHORIZED");
    assertThat(shopperView.containsKey("parts")).isFalse();
  }

  @Test
  void the_gateways_retried_callback_is_a_replay_that_changes_nothing() {
    var order = payments.reserve(PaymentMethod.CARD, 12_000);
    payments.payAtGateway(order, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    Map<String, String> sent = lastCallbackFor(order);

    var replay = payments.postCallback("cmi", sent);

    assertThat(replay.statusCode()).isEqualTo(200);
    assertThat(replay.getHeader(CardApi.OUTCOME_HEADER)).isEqualTo("REPLAYED");
    // The callback's answer comes after its transaction: what it wrote to publish is final.
    assertThat(payments.orderEvents().published(PaymentAuthorized.class, order.id())).isEqualTo(1);
    assertThat(audit("REPLAYED"))
        .anyMatch(entry -> sent.get("oid").equals(entry.getString("attemptId")));
  }

  @Test
  void a_declined_card_fails_the_payment_and_the_order_cannot_pay_again() {
    var order = payments.reserve(PaymentMethod.CARD, 12_000);

    String back = payments.payAtGateway(order, "decline");

    assertThat(back).contains("payment=declined");
    assertThat(payments.payments.awaitEvent(PaymentFailed.class, order.id()).reason())
        .contains("declined");
    // A decline is acknowledged: nothing to capture.
    assertThat(lastCallbackAnswer(order)).isEqualTo("APPROVED");
    var again = payments.checkout(order);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.bodyAsJsonObject().getString("paymentStatus")).isEqualTo("FAILED");
  }

  @Test
  void checkout_needs_the_orders_own_token_and_a_card_order() {
    var card = payments.reserve(PaymentMethod.CARD, 12_000);
    payments.awaitCheckout(card);

    var noToken =
        ServiceRuntime.await(
            payments.http.post("/api/payments/" + card.id() + "/checkout").send(), 10);
    var wrongToken =
        ServiceRuntime.await(
            payments
                .http
                .post("/api/payments/" + card.id() + "/checkout")
                .putHeader("X-Order-Token", "token-of-someone-else")
                .send(),
            10);
    var notAnId =
        ServiceRuntime.await(
            payments
                .http
                .post("/api/payments/not-an-id/checkout")
                .putHeader("X-Order-Token", card.token())
                .send(),
            10);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(wrongToken.statusCode()).isEqualTo(404);
    assertThat(notAnId.statusCode()).isEqualTo(404);
    assertThat(wrongToken.getHeader("Content-Type")).startsWith("application/problem+json");

    var cash = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 12_000);
    payments.awaitAuthorized(cash);
    var cashCheckout = payments.checkout(cash);
    assertThat(cashCheckout.statusCode()).isEqualTo(409);
    assertThat(cashCheckout.bodyAsJsonObject().getString("type")).endsWith("not-a-card-payment");
  }

  @Test
  void forged_unsigned_mismatched_and_misaddressed_callbacks_change_nothing_and_are_audited() {
    var order = payments.reserve(PaymentMethod.CARD, 12_000);
    JsonObject redirect =
        payments.awaitCheckout(order).bodyAsJsonObject().getJsonObject("redirect");
    String attempt = redirect.getJsonObject("fields").getString("oid");
    Ver3Hash gatewaysKey = new Ver3Hash(PaymentsUnderTest.SECRET);
    Map<String, String> genuine =
        new HashMap<>(
            Map.of(
                "clientid",
                PaymentsUnderTest.MERCHANT,
                "oid",
                attempt,
                "amount",
                "120.00",
                "currency",
                "504",
                "Response",
                "Approved",
                "ProcReturnCode",
                "00",
                "TransId",
                "FORGED-1",
                "rnd",
                "abc"));

    Map<String, String> unsigned = new HashMap<>(genuine);
    Map<String, String> forged = new HashMap<>(genuine);
    forged.put("HASH", gatewaysKey.sign(genuine));
    forged.put("amount", "1.00");
    Map<String, String> wrongAmount = new HashMap<>(genuine);
    wrongAmount.put("amount", "1.00");
    wrongAmount.put("HASH", gatewaysKey.sign(wrongAmount));
    Map<String, String> wrongMerchant = new HashMap<>(genuine);
    wrongMerchant.put("clientid", "another-merchant");
    wrongMerchant.put("HASH", gatewaysKey.sign(wrongMerchant));
    Map<String, String> signedGenuine = new HashMap<>(genuine);
    signedGenuine.put("HASH", gatewaysKey.sign(genuine));

    assertThat(payments.postCallback("cmi", unsigned).statusCode()).isEqualTo(403);
    assertThat(payments.postCallback("cmi", forged).statusCode()).isEqualTo(403);
    assertThat(payments.postCallback("cmi", wrongAmount).statusCode()).isEqualTo(422);
    assertThat(payments.postCallback("cmi", wrongMerchant).statusCode()).isEqualTo(400);
    assertThat(payments.postCallback("paypal", signedGenuine).statusCode()).isEqualTo(404);
    assertThat(payments.postCallback("cmi", Map.of()).statusCode()).isEqualTo(403);

    assertThat(payments.payment(order).getString("status")).isEqualTo("PENDING");
    assertThat(payments.payments.count(PaymentAuthorized.class, order.id())).isZero();
    assertThat(audit("FORGED")).hasSizeGreaterThanOrEqualTo(3);
    assertThat(audit("AMOUNT_MISMATCH"))
        .anyMatch(entry -> attempt.equals(entry.getString("attemptId")));
    assertThat(audit("UNKNOWN_PROVIDER")).isNotEmpty();

    // The genuine one, signed with the merchant's secret, still works afterwards.
    assertThat(payments.postCallback("cmi", signedGenuine).getHeader(CardApi.OUTCOME_HEADER))
        .isEqualTo("APPLIED");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
  }

  @Test
  void a_payment_approved_after_the_order_was_cancelled_is_refunded_in_full_at_the_gateway() {
    var order = payments.reserve(PaymentMethod.CARD, 16_500, 10_000);
    JsonObject redirect =
        payments.awaitCheckout(order).bodyAsJsonObject().getJsonObject("redirect");
    String page = payments.openHostedPage(redirect);
    // The shopper dawdles on the gateway's page; order-service gives up on the payment.
    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new OrderCancelled(order.id(), "card payment not completed within 15 minutes"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> payments.payments.count(PaymentVoided.class, order.id()) == 2);

    payments.decide(page, "approve");

    var refunds =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () -> payments.payments.events(PaymentRefunded.class, order.id()),
                list -> list.size() == 2);
    assertThat(refunds)
        .extracting(PaymentRefunded::amountCentimes)
        .containsExactlyInAnyOrder(16_500L, 10_000L);
    assertThat(payments.payments.count(PaymentAuthorized.class, order.id())).isZero();
    Map<String, String> approval = lastCallbackFor(order);
    String transaction = approval.get("TransId");
    assertThat(payments.refundsAtGateway())
        .filteredOn(refund -> approval.get("oid").equals(refund.getString("OrderId")))
        .extracting(refund -> refund.getString("Response") + " " + refund.getString("Total"))
        .containsExactlyInAnyOrder("Approved 165.00", "Approved 100.00");
    JsonObject payment = payments.payment(order);
    assertThat(payment.getLong("refundableCentimes")).isZero();
    assertThat(
            payment.getJsonArray("parts").stream()
                .map(part -> ((JsonObject) part).getString("status")))
        .containsOnly("REFUNDED");
    assertThat(audit("LATE_AFTER_CANCEL"))
        .anyMatch(entry -> transaction.equals(entry.getString("transactionId")));
  }

  @Test
  void a_declined_part_of_a_paid_order_is_refunded_and_the_delivered_part_captured() {
    var order = payments.reserve(PaymentMethod.CARD, 16_500, 10_000);
    payments.payAtGateway(order, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());

    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDeclined(order.id(), payments.cooperative(order, 1), "out of saffron"),
        new CooperativeOrderDelivered(
            order.id(), payments.cooperative(order, 0), PaymentMethod.CARD, 16_500, false));

    PaymentRefunded refunded = payments.payments.awaitEvent(PaymentRefunded.class, order.id());
    assertThat(refunded.cooperativeId()).isEqualTo(payments.cooperative(order, 1));
    assertThat(refunded.amountCentimes()).isEqualTo(10_000);
    PaymentCaptured captured = payments.payments.awaitEvent(PaymentCaptured.class, order.id());
    assertThat(captured.cooperativeId()).isEqualTo(payments.cooperative(order, 0));
    assertThat(captured.amountCentimes()).isEqualTo(16_500);
    // 5 % of the goods (165 MAD less 25 MAD shipping).
    assertThat(captured.commissionCentimes()).isEqualTo(700);
  }

  /** The last callback the sandbox sent for the order's latest trip to the hosted page. */
  @Test
  void the_hosted_page_is_cmis_3d_pay_hosting_and_an_approval_is_captured_by_the_answer() {
    var order = payments.reserve(PaymentMethod.CARD, 26_500);

    JsonObject fields =
        payments
            .awaitCheckout(order)
            .bodyAsJsonObject()
            .getJsonObject("redirect")
            .getJsonObject("fields");

    assertThat(fields.getString("storetype")).isEqualTo("3D_PAY_HOSTING");
    assertThat(fields.getString("trantype")).isEqualTo("PreAuth");
    assertThat(fields.getString("hashAlgorithm")).isEqualTo("ver3");
    assertThat(fields.getString("encoding")).isEqualTo("UTF-8");
    assertThat(fields.getString("currency")).isEqualTo("504");
    assertThat(fields.getString("amount")).isEqualTo("265.00");
    assertThat(fields.getString("clientid")).isEqualTo(PaymentsUnderTest.MERCHANT);
    assertThat(fields.getString("BillToName")).isEqualTo("Khadija Ait Ali");
    assertThat(fields.getString("email")).isEqualTo("khadija@example.ma");
    assertThat(fields.getString("lang")).isEqualTo("fr");
    assertThat(fields.getString("callbackUrl")).endsWith("/api/payments/callback/cmi");
    // The acquirer's own hash implementation (the sandbox's) accepted it: a page is shown.
    String page =
        payments.openHostedPage(
            new JsonObject()
                .put("url", "http://localhost:" + payments.sandboxPort + "/pay")
                .put("fields", fields));
    payments.decide(page, "approve");

    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    assertThat(lastCallbackAnswer(order)).isEqualTo("ACTION=POSTAUTH");
  }

  @Test
  void checkout_refuses_a_payer_it_cannot_send_on() {
    var order = payments.reserve(PaymentMethod.CARD, 9_000);
    payments.awaitCheckout(order);

    var badEmail =
        ServiceRuntime.await(
            payments
                .http
                .post("/api/payments/" + order.id() + "/checkout")
                .putHeader("X-Order-Token", order.token())
                .sendJsonObject(
                    new JsonObject().put("name", "Khadija").put("email", "not-an-email")),
            10);
    var nul =
        ServiceRuntime.await(
            payments
                .http
                .post("/api/payments/" + order.id() + "/checkout")
                .putHeader("X-Order-Token", order.token())
                .sendJsonObject(new JsonObject().put("name", "Kha\u0000dija")),
            10);

    assertThat(badEmail.statusCode()).isEqualTo(422);
    assertThat(
            badEmail.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("email");
    assertThat(nul.statusCode()).isEqualTo(422);
    assertThat(nul.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("name");
  }

  @Test
  void a_second_tab_that_pays_an_order_already_paid_is_a_duplicate_for_the_operator() {
    var order = payments.reserve(PaymentMethod.CARD, 14_000);
    // Two tabs open the gateway's page before either pays: two attempts of one payment.
    JsonObject firstTab =
        payments.awaitCheckout(order).bodyAsJsonObject().getJsonObject("redirect");
    String firstPage = payments.openHostedPage(firstTab);
    JsonObject secondTab =
        payments.awaitCheckout(order).bodyAsJsonObject().getJsonObject("redirect");
    String secondPage = payments.openHostedPage(secondTab);
    String secondAttempt = secondTab.getJsonObject("fields").getString("oid");

    payments.decide(firstPage, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    payments.decide(secondPage, "approve");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                audit("DUPLICATE_PAYMENT").stream()
                    .anyMatch(entry -> secondAttempt.equals(entry.getString("attemptId"))));
    // The callback was answered after its transaction: what it wrote is final.
    assertThat(payments.orderEvents().published(PaymentAuthorized.class, order.id())).isEqualTo(1);
    assertThat(payments.payment(order).getString("status")).isEqualTo("AUTHORIZED");
    assertThat(
            payments.payment(order).getJsonArray("parts").stream()
                .mapToLong(part -> ((JsonObject) part).getLong("receivedCentimes"))
                .sum())
        .as("one payment's money booked, whatever the second tab did")
        .isEqualTo(14_000);
  }

  @Test
  void a_genuinely_signed_callback_for_an_attempt_that_is_not_ours_is_refused() {
    String stranger = UUID.randomUUID().toString();
    Map<String, String> callback =
        new HashMap<>(
            Map.of(
                "clientid", PaymentsUnderTest.MERCHANT,
                "oid", stranger,
                "amount", "120.00",
                "currency", "504",
                "Response", "Approved",
                "ProcReturnCode", "00",
                "TransId", "T-STRANGER",
                "rnd", "xyz"));
    callback.put("HASH", new Ver3Hash(PaymentsUnderTest.SECRET).sign(callback));

    var refused = payments.postCallback("cmi", callback);

    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(refused.getHeader(CardApi.OUTCOME_HEADER)).isEqualTo("UNKNOWN_ATTEMPT");
    assertThat(audit("UNKNOWN_ATTEMPT"))
        .anyMatch(entry -> stranger.equals(entry.getString("attemptId")));
  }

  @Test
  void a_decline_that_arrives_after_the_approval_changes_nothing() {
    var order = payments.reserve(PaymentMethod.CARD, 9_500);
    // A first try on one page, then the payment on another.
    JsonObject firstTry =
        payments.awaitCheckout(order).bodyAsJsonObject().getJsonObject("redirect");
    String firstAttempt = firstTry.getJsonObject("fields").getString("oid");
    payments.payAtGateway(order, "approve");
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    Ver3Hash gatewaysKey = new Ver3Hash(PaymentsUnderTest.SECRET);

    // The gateway replays the approved attempt's callback as a decline, and declines the first try.
    Map<String, String> replayedAsDecline = lastCallbackFor(order);
    replayedAsDecline.remove("HASH");
    replayedAsDecline.put("Response", "Declined");
    replayedAsDecline.put("ProcReturnCode", "05");
    replayedAsDecline.put("HASH", gatewaysKey.sign(replayedAsDecline));
    Map<String, String> firstTryDeclined = new HashMap<>(replayedAsDecline);
    firstTryDeclined.remove("HASH");
    firstTryDeclined.put("oid", firstAttempt);
    firstTryDeclined.put("TransId", "T-FIRST-TRY");
    firstTryDeclined.put("HASH", gatewaysKey.sign(firstTryDeclined));

    assertThat(payments.postCallback("cmi", replayedAsDecline).getHeader(CardApi.OUTCOME_HEADER))
        .isEqualTo("REPLAYED");
    assertThat(payments.postCallback("cmi", firstTryDeclined).getHeader(CardApi.OUTCOME_HEADER))
        .isEqualTo("LATE_AFTER_CANCEL");

    assertThat(payments.payment(order).getString("status")).isEqualTo("AUTHORIZED");
    assertThat(payments.orderEvents().published(PaymentFailed.class, order.id())).isZero();
    assertThat(payments.orderEvents().published(PaymentAuthorized.class, order.id())).isEqualTo(1);
  }

  /** What payment-service answered the acquirer's last callback for the order's latest attempt. */
  private String lastCallbackAnswer(PaymentsUnderTest.Order order) {
    String attempt = payments.lastAttempt(order);
    return payments.callbacksSent().stream()
        .filter(callback -> attempt.equals(callback.getJsonObject("fields").getString("oid")))
        .reduce((first, second) -> second)
        .orElseThrow()
        .getString("answer");
  }

  private Map<String, String> lastCallbackFor(PaymentsUnderTest.Order order) {
    String attempt = payments.lastAttempt(order);
    JsonObject fields =
        payments.callbacksSent().stream()
            .map(callback -> callback.getJsonObject("fields"))
            .filter(candidate -> attempt.equals(candidate.getString("oid")))
            .reduce((first, second) -> second)
            .orElseThrow();
    Map<String, String> copy = new HashMap<>();
    fields.forEach(field -> copy.put(field.getKey(), String.valueOf(field.getValue())));
    return copy;
  }

  private List<JsonObject> audit(String outcome) {
    return ServiceRuntime.await(
            payments
                .http
                .get("/api/payments/callbacks")
                .addQueryParam("outcome", outcome)
                .bearerTokenAuthentication(payments.operator)
                .send(),
            10)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }
}
