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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
import ma.tadamon.events.payment.PayoutPaid;
import ma.tadamon.events.payment.PayoutStatementIssued;
import ma.tadamon.payment.domain.Ledger;
import ma.tadamon.platform.events.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A randomized stretch of trading (both methods, deliveries, declines, cancellations, late
 * refunds), then the books: the ledger balances, every account holds what the payments say it
 * should, and the cooperatives' payout statements add up to what they are owed, in JSON and CSV.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LedgerAndPayoutsTest {

  private static PaymentsUnderTest payments;

  @BeforeAll
  static void start(Vertx vertx) {
    payments = PaymentsUnderTest.start(vertx, "payments_ledger", Map.of());
  }

  @AfterAll
  static void stop() {
    payments.close();
  }

  @Test
  @Order(1) // first: it checks what the whole ledger holds
  void after_a_random_day_of_trading_the_books_balance_and_the_statements_pay_what_is_owed() {
    Random random = new Random(20261122);
    List<PaymentsUnderTest.Order> orders = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      orders.add(trade(random));
    }

    JsonObject balances = payments.balances();
    assertThat(balances.getLong("totalCentimes")).isZero();
    Map<String, Long> expected = expectedBalances(orders);
    JsonObject accounts = balances.getJsonObject("accounts");
    expected.forEach(
        (account, balance) ->
            assertThat(accounts.getLong(account, 0L)).as(account).isEqualTo(balance));

    // Closing the day: one statement per cooperative that is owed something, each paying its
    // balance.
    Instant periodEnd = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<JsonObject> statements = close(periodEnd);
    assertThat(statements).isNotEmpty();
    for (JsonObject statement : statements) {
      String cooperative = statement.getString("cooperativeId");
      assertThat(statement.getLong("netCentimes"))
          .isEqualTo(-accounts.getLong(Ledger.COOPERATIVE_PREFIX + cooperative))
          .isEqualTo(
              statement.getLong("salesCentimes")
                  - statement.getLong("commissionCentimes")
                  - statement.getLong("refundsCentimes"));
    }
    long owed =
        expected.entrySet().stream()
            .filter(entry -> entry.getKey().startsWith(Ledger.COOPERATIVE_PREFIX))
            .mapToLong(Map.Entry::getValue)
            .filter(balance -> balance < 0)
            .sum();
    assertThat(statements.stream().mapToLong(statement -> statement.getLong("netCentimes")).sum())
        .isEqualTo(-owed);
    assertThat(close(periodEnd))
        .extracting(statement -> statement.getString("id"))
        .containsExactlyInAnyOrderElementsOf(
            statements.stream().map(statement -> statement.getString("id")).toList());

    for (JsonObject statement : statements) {
      HttpResponse<Buffer> paid =
          markPaid(statement.getString("id"), "VIR-" + statement.getString("id"));
      assertThat(paid.statusCode()).isEqualTo(200);
      assertThat(paid.bodyAsJsonObject().getString("status")).isEqualTo("PAID");
      payments.payments.awaitEvent(
          PayoutPaid.class, UUID.fromString(statement.getString("cooperativeId")));
    }
    JsonObject after = payments.balances();
    assertThat(after.getLong("totalCentimes")).isZero();
    for (JsonObject statement : statements) {
      assertThat(
              after
                  .getJsonObject("accounts")
                  .getLong(Ledger.COOPERATIVE_PREFIX + statement.getString("cooperativeId")))
          .isZero();
    }
    assertThat(after.getJsonObject("accounts").getLong(Ledger.PAYOUT_BANK)).isEqualTo(owed);
  }

  @Test
  @Order(2)
  void
      a_cooperative_reads_its_own_statement_line_by_line_in_json_and_csv_and_the_operator_marks_it_paid() {
    var order = payments.reserve(PaymentMethod.CASH_ON_DELIVERY, 32_500);
    UUID cooperative = payments.cooperative(order, 0);
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDelivered(
            order.id(), cooperative, PaymentMethod.CASH_ON_DELIVERY, 32_500));
    payments.payments.awaitEvent(PaymentCaptured.class, order.id());
    String coopToken = payments.cooperativeToken(cooperative);

    HttpResponse<Buffer> earnings =
        get("/api/payments/cooperatives/" + cooperative + "/earnings", coopToken);
    assertThat(earnings.bodyAsJsonObject().getLong("netCentimes")).isEqualTo(32_500 - 1_500);

    JsonObject statement =
        close(Instant.now()).stream()
            .filter(
                candidate -> candidate.getString("cooperativeId").equals(cooperative.toString()))
            .findFirst()
            .orElseThrow();
    payments.payments.awaitEvent(PayoutStatementIssued.class, cooperative);
    String path = "/api/payments/payouts/statements/" + statement.getString("id");

    JsonObject json = get(path, coopToken).bodyAsJsonObject();
    assertThat(json.getLong("salesCentimes")).isEqualTo(32_500);
    assertThat(json.getLong("commissionCentimes")).isEqualTo(1_500);
    assertThat(json.getLong("netCentimes")).isEqualTo(31_000);
    assertThat(json.getJsonArray("lines")).hasSize(1);
    HttpResponse<Buffer> csv =
        await(
            payments
                .http
                .get(path)
                .addQueryParam("format", "csv")
                .bearerTokenAuthentication(coopToken)
                .send(),
            10);
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(csv.bodyAsString().split("\r\n"))
        .hasSize(6)
        .contains("date,kind,order,gross_mad,commission_mad,net_mad")
        .anyMatch(
            row ->
                row.endsWith(
                    ",SALE,"
                        + json.getJsonArray("lines").getJsonObject(0).getString("orderCode")
                        + ",325.00,15.00,310.00"))
        .anyMatch(row -> row.endsWith(",NET_OWED,,,,310.00"));
    assertThat(
            get("/api/payments/payouts/statements", coopToken)
                .bodyAsJsonObject()
                .getJsonArray("items"))
        .hasSize(1);
    assertThat(
            get("/api/payments/cooperatives/" + cooperative + "/earnings", coopToken)
                .bodyAsJsonObject()
                .getJsonArray("lines"))
        .isEmpty();

    String stranger = payments.cooperativeToken(UUID.randomUUID());
    assertThat(get(path, stranger).statusCode()).isEqualTo(403);
    assertThat(
            get("/api/payments/cooperatives/" + cooperative + "/earnings", stranger).statusCode())
        .isEqualTo(403);
    assertThat(
            get("/api/payments/payouts/statements?cooperative=" + cooperative, stranger)
                .statusCode())
        .isEqualTo(403);
    assertThat(
            await(
                    payments
                        .http
                        .post(path + "/paid")
                        .bearerTokenAuthentication(coopToken)
                        .sendJsonObject(new JsonObject().put("reference", "self-paid")),
                    10)
                .statusCode())
        .isEqualTo(403);

    assertThat(markPaid(statement.getString("id"), "VIR-2026-0042").statusCode()).isEqualTo(200);
    assertThat(markPaid(statement.getString("id"), "VIR-2026-0042").statusCode()).isEqualTo(200);
    assertThat(markPaid(statement.getString("id"), "VIR-2026-9999").statusCode()).isEqualTo(409);
    assertThat(markPaid(statement.getString("id"), " ").statusCode()).isEqualTo(422);
    assertThat(markPaid(UUID.randomUUID().toString(), "VIR-1").statusCode()).isEqualTo(404);
    // Published through the outbox, once, however many times the operator pressed the button.
    payments.payments.awaitEvent(PayoutPaid.class, cooperative);
    // Every press was answered after its transaction: what they wrote to publish is final.
    assertThat(payments.orderEvents().outboxed(PayoutPaid.class, cooperative)).isEqualTo(1);
    HttpResponse<Buffer> future =
        await(
            payments
                .http
                .post("/api/payments/payouts/statements")
                .bearerTokenAuthentication(payments.operator)
                .sendJsonObject(
                    new JsonObject().put("periodEnd", Instant.now().plusSeconds(3600).toString())),
            10);
    assertThat(future.statusCode()).isEqualTo(422);
    HttpResponse<Buffer> notAnInstant =
        await(
            payments
                .http
                .post("/api/payments/payouts/statements")
                .bearerTokenAuthentication(payments.operator)
                .sendJsonObject(new JsonObject().put("periodEnd", "monday")),
            10);
    assertThat(notAnInstant.statusCode()).isEqualTo(422);
  }

  /** One order's life, chosen at random, waiting for each step's effect before the next. */
  private PaymentsUnderTest.Order trade(Random random) {
    boolean card = random.nextBoolean();
    long[] amounts = new long[1 + random.nextInt(3)];
    for (int i = 0; i < amounts.length; i++) {
      amounts[i] = 2_500 + 100 + random.nextInt(60_000);
    }
    var order =
        payments.reserve(card ? PaymentMethod.CARD : PaymentMethod.CASH_ON_DELIVERY, amounts);
    if (card) {
      boolean approve = random.nextInt(6) > 0;
      payments.payAtGateway(order, approve ? "approve" : "decline");
      if (!approve) {
        payments.payments.awaitEvent(PaymentFailed.class, order.id());
        return order;
      }
    }
    payments.payments.awaitEvent(PaymentAuthorized.class, order.id());
    if (random.nextInt(5) == 0) {
      payments.orderService.publish(
          Topics.ORDER_EVENTS, new OrderCancelled(order.id(), "the shopper cancelled"));
      awaitSettled(order, amounts.length, card);
      return order;
    }
    int settled = 0;
    for (int part = 0; part < amounts.length; part++) {
      UUID cooperative = payments.cooperative(order, part);
      int fate = random.nextInt(10);
      if (fate < 6) {
        payments.orderService.publish(
            Topics.ORDER_EVENTS,
            new CooperativeOrderDelivered(order.id(), cooperative, order.method(), amounts[part]));
        payments.payments.awaitEvent(
            PaymentCaptured.class, order.id(), c -> c.cooperativeId().equals(cooperative));
        if (random.nextInt(3) == 0) {
          long refund = 1 + random.nextInt((int) amounts[part]);
          HttpResponse<Buffer> made =
              await(
                  payments
                      .http
                      .post("/api/payments/" + payments.payment(order).getString("id") + "/refunds")
                      .putHeader("Idempotency-Key", UUID.randomUUID().toString())
                      .bearerTokenAuthentication(payments.operator)
                      .sendJsonObject(
                          new JsonObject()
                              .put("cooperativeId", cooperative.toString())
                              .put("amountCentimes", refund)
                              .put("reason", "damaged in transit")),
                  10);
          assertThat(made.statusCode()).isEqualTo(201);
          payments.payments.awaitEvent(
              PaymentRefunded.class, order.id(), r -> r.cooperativeId().equals(cooperative));
        }
      } else if (fate < 8) {
        payments.orderService.publish(
            Topics.ORDER_EVENTS,
            new CooperativeOrderDeclined(order.id(), cooperative, "out of stock"));
        settled++;
        int expected = settled;
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    payments.payments.count(
                            card ? PaymentRefunded.class : PaymentVoided.class, order.id())
                        == expected);
      }
    }
    return order;
  }

  private void awaitSettled(PaymentsUnderTest.Order order, int parts, boolean card) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                payments.payments.count(
                        card ? PaymentRefunded.class : PaymentVoided.class, order.id())
                    == parts);
  }

  /**
   * What each account must hold, worked out from the payments' own figures rather than the ledger.
   */
  private Map<String, Long> expectedBalances(List<PaymentsUnderTest.Order> orders) {
    Map<String, Long> expected = new HashMap<>();
    for (var order : orders) {
      JsonObject payment = payments.payment(order);
      boolean card = "CARD".equals(payment.getString("method"));
      for (Object each : payment.getJsonArray("parts")) {
        JsonObject part = (JsonObject) each;
        String cooperative = Ledger.COOPERATIVE_PREFIX + part.getString("cooperativeId");
        long received = part.getLong("receivedCentimes");
        long refunded = part.getLong("refundedCentimes");
        long captured = part.getLong("capturedCentimes");
        long commission = part.getLong("commissionCentimes");
        long commissionBack =
            payment.getJsonArray("refunds").stream()
                .map(JsonObject.class::cast)
                .filter(
                    refund ->
                        refund.getString("cooperativeId").equals(part.getString("cooperativeId")))
                .mapToLong(refund -> refund.getLong("commissionReturnedCentimes"))
                .sum();
        expected.merge(
            card ? Ledger.CARD_GATEWAY : Ledger.CASH_ON_DELIVERY, received - refunded, Long::sum);
        expected.merge(Ledger.COMMISSION, -(commission - commissionBack), Long::sum);
        expected.merge(
            cooperative,
            -(captured - commission) + (captured > 0 ? refunded - commissionBack : 0),
            Long::sum);
        if (card && captured == 0) {
          expected.merge(Ledger.SHOPPER_PREPAYMENTS, -(received - refunded), Long::sum);
        }
      }
    }
    return expected;
  }

  private List<JsonObject> close(Instant periodEnd) {
    HttpResponse<Buffer> closed =
        await(
            payments
                .http
                .post("/api/payments/payouts/statements")
                .bearerTokenAuthentication(payments.operator)
                .sendJsonObject(new JsonObject().put("periodEnd", periodEnd.toString())),
            10);
    assertThat(closed.statusCode()).isEqualTo(200);
    return closed.bodyAsJsonObject().getJsonArray("statements").stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  private HttpResponse<Buffer> markPaid(String statementId, String reference) {
    return await(
        payments
            .http
            .post("/api/payments/payouts/statements/" + statementId + "/paid")
            .bearerTokenAuthentication(payments.operator)
            .sendJsonObject(new JsonObject().put("reference", reference)),
        10);
  }

  private HttpResponse<Buffer> get(String path, String token) {
    return await(payments.http.get(path).bearerTokenAuthentication(token).send(), 10);
  }
}
