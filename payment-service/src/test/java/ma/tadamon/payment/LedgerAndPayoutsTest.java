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
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentFailed;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PaymentVoided;
import ma.tadamon.events.payment.PayoutPaid;
import ma.tadamon.events.payment.PayoutStatementIssued;
import ma.tadamon.payment.api.CardApi;
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

  /** The shipping fee PaymentsUnderTest.reserve gives every part. */
  private static final long SHIPPING = 2_500;

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
    List<Trade> trades = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      trades.add(trade(random));
    }

    Map<String, Long> expected = expectedBalances(trades);
    assertLedgerHolds(expected);
    JsonObject accounts = payments.balances().getJsonObject("accounts");

    // Replays change nothing: the gateway's callback again, a delivery announced again.
    Trade paidByCard =
        trades.stream().filter(trade -> trade.card() && trade.paid()).findFirst().orElseThrow();
    assertThat(
            payments
                .postCallback("cmi", lastCallback(paidByCard.order()))
                .getHeader(CardApi.OUTCOME_HEADER))
        .isEqualTo("REPLAYED");
    Trade delivered =
        trades.stream()
            .filter(trade -> trade.parts().stream().anyMatch(part -> part.fate() == Fate.DELIVERED))
            .findFirst()
            .orElseThrow();
    int part =
        delivered
            .parts()
            .indexOf(
                delivered.parts().stream()
                    .filter(candidate -> candidate.fate() == Fate.DELIVERED)
                    .findFirst()
                    .orElseThrow());
    payments
        .orderEvents()
        .await(
            payments.orderService.publish(
                Topics.ORDER_EVENTS,
                new CooperativeOrderDelivered(
                    delivered.order().id(),
                    payments.cooperative(delivered.order(), part),
                    delivered.order().method(),
                    delivered.parts().get(part).amount(),
                    false)));
    assertLedgerHolds(expected);

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
    payments.awaitAuthorized(order);
    payments.orderService.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderDelivered(
            order.id(), cooperative, PaymentMethod.CASH_ON_DELIVERY, 32_500, false));
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
    assertThat(payments.orderEvents().published(PayoutPaid.class, cooperative)).isEqualTo(1);
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
  private Trade trade(Random random) {
    boolean card = random.nextBoolean();
    long[] amounts = new long[1 + random.nextInt(3)];
    for (int i = 0; i < amounts.length; i++) {
      amounts[i] = SHIPPING + 100 + random.nextInt(60_000);
    }
    var order =
        payments.reserve(card ? PaymentMethod.CARD : PaymentMethod.CASH_ON_DELIVERY, amounts);
    List<PartOutcome> parts = new ArrayList<>();
    if (card) {
      boolean approve = random.nextInt(6) > 0;
      payments.payAtGateway(order, approve ? "approve" : "decline");
      if (!approve) {
        payments.payments.awaitEvent(PaymentFailed.class, order.id());
        for (long amount : amounts) {
          parts.add(new PartOutcome(amount, Fate.WAITING, 0));
        }
        return new Trade(order, card, false, false, parts);
      }
    }
    payments.awaitAuthorized(order);
    if (random.nextInt(5) == 0) {
      payments.orderService.publish(
          Topics.ORDER_EVENTS, new OrderCancelled(order.id(), "the shopper cancelled"));
      awaitSettled(order, amounts.length, card);
      for (long amount : amounts) {
        parts.add(new PartOutcome(amount, Fate.WAITING, 0));
      }
      return new Trade(order, card, true, true, parts);
    }
    int settled = 0;
    for (int part = 0; part < amounts.length; part++) {
      UUID cooperative = payments.cooperative(order, part);
      int fate = random.nextInt(10);
      if (fate < 6) {
        payments.orderService.publish(
            Topics.ORDER_EVENTS,
            new CooperativeOrderDelivered(
                order.id(), cooperative, order.method(), amounts[part], false));
        payments.payments.awaitEvent(
            PaymentCaptured.class, order.id(), c -> c.cooperativeId().equals(cooperative));
        long refund = 0;
        if (random.nextInt(3) == 0) {
          refund = 1 + random.nextInt((int) amounts[part]);
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
        parts.add(new PartOutcome(amounts[part], Fate.DELIVERED, refund));
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
        parts.add(new PartOutcome(amounts[part], Fate.DECLINED, 0));
      } else {
        parts.add(new PartOutcome(amounts[part], Fate.WAITING, 0));
      }
    }
    return new Trade(order, card, true, false, parts);
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

  /** What became of one cooperative's part, as the test decided it. */
  private enum Fate {
    DELIVERED,
    DECLINED,
    WAITING
  }

  private record PartOutcome(long amount, Fate fate, long refunded) {}

  /** One order's life as the test lived it: the inputs the expected ledger is worked out from. */
  private record Trade(
      PaymentsUnderTest.Order order,
      boolean card,
      boolean paid,
      boolean cancelled,
      List<PartOutcome> parts) {}

  /**
   * What each account must hold, worked out from what the test itself sent (amounts, deliveries,
   * declines, refunds) and the published rules (docs/payments.md: 5 % of the goods, rounded down; a
   * refund hands back the same share of the commission), never from the service's own figures.
   */
  private static Map<String, Long> expectedBalances(List<Trade> trades) {
    Map<String, Long> expected = new HashMap<>();
    for (Trade trade : trades) {
      if (trade.card() && !trade.paid()) {
        continue; // declined at the gateway: no money moved
      }
      String money = trade.card() ? Ledger.CARD_GATEWAY : Ledger.CASH_ON_DELIVERY;
      for (int i = 0; i < trade.parts().size(); i++) {
        PartOutcome part = trade.parts().get(i);
        String cooperative =
            Ledger.COOPERATIVE_PREFIX + trade.order().parts().get(i).cooperativeId();
        long amount = part.amount();
        if (trade.card()) {
          // Received from the card at once; the shoppers' until delivered.
          expected.merge(Ledger.CARD_GATEWAY, amount, Long::sum);
          expected.merge(Ledger.SHOPPER_PREPAYMENTS, -amount, Long::sum);
        }
        if (trade.cancelled() || part.fate() == Fate.DECLINED) {
          if (trade.card()) {
            // Refunded in full before delivery; cash on delivery is only voided.
            expected.merge(Ledger.SHOPPER_PREPAYMENTS, amount, Long::sum);
            expected.merge(Ledger.CARD_GATEWAY, -amount, Long::sum);
          }
        } else if (part.fate() == Fate.DELIVERED) {
          long goods = amount - SHIPPING;
          long commission = goods * 500 / 10_000;
          expected.merge(trade.card() ? Ledger.SHOPPER_PREPAYMENTS : money, amount, Long::sum);
          expected.merge(cooperative, -(amount - commission), Long::sum);
          expected.merge(Ledger.COMMISSION, -commission, Long::sum);
          if (part.refunded() > 0) {
            long commissionBack = commission * part.refunded() / amount;
            expected.merge(cooperative, part.refunded() - commissionBack, Long::sum);
            expected.merge(Ledger.COMMISSION, commissionBack, Long::sum);
            expected.merge(money, -part.refunded(), Long::sum);
          }
        }
      }
    }
    return expected;
  }

  /** The ledger holds exactly the expected balances, and balances to zero. */
  private void assertLedgerHolds(Map<String, Long> expected) {
    JsonObject balances = payments.balances();
    assertThat(balances.getLong("totalCentimes")).isZero();
    JsonObject accounts = balances.getJsonObject("accounts");
    expected.forEach(
        (account, balance) ->
            assertThat(accounts.getLong(account, 0L)).as(account).isEqualTo(balance));
    for (String account : accounts.fieldNames()) {
      assertThat(accounts.getLong(account))
          .as(account + ", which the test moved no money through")
          .isEqualTo(expected.getOrDefault(account, 0L));
    }
  }

  private Map<String, String> lastCallback(PaymentsUnderTest.Order order) {
    Map<String, String> callback = new HashMap<>();
    payments.callbacksSent().stream()
        .map(sent -> sent.getJsonObject("fields"))
        .filter(fields -> payments.lastAttempt(order).equals(fields.getString("oid")))
        .reduce((first, second) -> second)
        .orElseThrow()
        .forEach(field -> callback.put(field.getKey(), String.valueOf(field.getValue())));
    return callback;
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
