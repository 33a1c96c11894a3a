package ma.tadamon.order;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import ma.tadamon.events.CooperativeAction;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.events.catalog.FairScheduled;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.events.catalog.ProductState;
import ma.tadamon.events.catalog.StandSaleRecorded;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.events.notification.CooperativeReplied;
import ma.tadamon.events.notification.PhoneConfirmationFailed;
import ma.tadamon.events.notification.PhoneConfirmed;
import ma.tadamon.events.order.CooperativeOrderAccepted;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.CooperativeReplyAnswered;
import ma.tadamon.events.order.FairFiguresPublished;
import ma.tadamon.events.order.OrderAnonymised;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.events.order.PhoneConfirmationRequested;
import ma.tadamon.events.order.WithdrawalReceived;
import ma.tadamon.events.order.WithdrawalRequested;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.order.domain.CatalogFair;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.auth.TokenDigest;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.platform.testing.ColumnStatistics;
import ma.tadamon.platform.testing.EventPublisher;
import ma.tadamon.platform.testing.Handled;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * order-service alone on real Kafka and PostgreSQL, with this test playing the catalog, inventory
 * and payment services: the saga's answers to late, repeated and out-of-order events.
 */
@ExtendWith(VertxExtension.class)
class OrderSagaTest {

  private static final UUID COOPERATIVE = UUID.randomUUID();
  private static final UUID PRODUCT = UUID.randomUUID();
  private static final UUID DATES = UUID.randomUUID();

  private static Settings settings;
  private static RunningService service;
  private static WebClient http;
  private static EventPublisher others;
  private static TopicProbe probe;
  private static Handled saga;
  private static Handled replies;

  @BeforeAll
  static void start(Vertx vertx) {
    settings =
        TestPlatform.settingsWithOwnDatabase("orders_saga")
            .with(
                Map.of(
                    "ORDER_ACCESS_TOKEN_SECRET",
                    "a-test-secret-that-is-long-enough-0123456789",
                    "ORDER_CARD_PAYMENT_TIMEOUT_SECONDS",
                    "3",
                    "ORDER_CARD_PAYMENT_CHECK_SECONDS",
                    "1",
                    "ORDER_PHONE_CONFIRMATION_TIMEOUT_SECONDS",
                    "4",
                    "ORDER_PHONE_CONFIRMATION_CHECK_SECONDS",
                    "1",
                    "ORDER_ANONYMISATION_CHECK_SECONDS",
                    "1",
                    "ORDER_PICKUP_RELEASE_CHECK_SECONDS",
                    "1",
                    "ORDER_FAIR_FIGURES_SECONDS",
                    "1"));
    probe = TopicProbe.watch(vertx, Topics.ORDER_EVENTS);
    saga = new Handled(settings, OrderService.SCHEMA, OrderService.NAME + ".saga");
    replies = new Handled(settings, OrderService.SCHEMA, OrderService.NAME + ".replies");
    service = await(ServiceRuntime.start(OrderService.NAME, settings, OrderService::new), 120);
    http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(settings.getInt("HTTP_PORT", 0)));
    others = new EventPublisher(vertx, "/catalog-service-under-test");
    others.publish(
        Topics.CATALOG_EVENTS,
        new CooperativeRegistered(
            new CooperativeState(
                COOPERATIVE,
                Map.of("fr", "Coopérative test"),
                "oriental",
                Map.of("fr", "Oujda"),
                "+212661000000",
                null,
                "fr",
                List.of("sms"),
                true,
                true,
                null)),
        new ProductPublished(
            new ProductState(
                PRODUCT,
                COOPERATIVE,
                Map.of("fr", "Huile d'olive"),
                "olive-oil",
                8000,
                "1 l",
                true,
                true,
                List.of())),
        new ProductPublished(
            new ProductState(
                DATES,
                COOPERATIVE,
                Map.of("fr", "Dattes Mejhoul"),
                "dates",
                6000,
                "1 kg",
                true,
                true,
                List.of())));
  }

  @AfterAll
  static void stop() {
    others.close();
    probe.close();
    await(service.close(), 30);
  }

  @Test
  void a_hold_that_expires_before_payment_cancels_the_order_and_a_late_payment_changes_nothing() {
    JsonObject order = place("CARD");
    UUID id = UUID.fromString(order.getString("id"));

    others.publish(Topics.INVENTORY_EVENTS, new StockReserved(id));
    probe.awaitEvent(OrderReserved.class, id);
    // The payment never comes (a shopper left the card page); the catalog lets the hold go.
    others.publish(
        Topics.INVENTORY_EVENTS,
        new StockReleased(
            id, StockReleased.Reason.EXPIRED, List.of(new StockReleased.Line(PRODUCT, 1))));

    assertThat(probe.awaitEvent(OrderCancelled.class, id).reason()).contains("expired");
    awaitStatus(order, "CANCELLED");

    List<EventEnvelope> late = new ArrayList<>();
    late.addAll(
        others.publish(
            Topics.PAYMENT_EVENTS,
            new PaymentAuthorized(UUID.randomUUID(), id, PaymentMethod.CARD, 10500)));
    late.addAll(others.publish(Topics.INVENTORY_EVENTS, new StockReserved(id)));
    saga.await(late);
    assertThat(track(order).getString("status")).isEqualTo("CANCELLED");
    assertThat(saga.published(OrderConfirmed.class, id)).isZero();
    assertThat(saga.published(OrderReserved.class, id)).as("reserved once, before").isEqualTo(1);
  }

  @Test
  void an_unpaid_card_order_is_cancelled_after_the_payment_deadline_and_a_cash_order_is_not() {
    JsonObject card = place("CARD");
    JsonObject cash = place();
    UUID cardId = UUID.fromString(card.getString("id"));
    UUID cashId = UUID.fromString(cash.getString("id"));

    others.publish(Topics.INVENTORY_EVENTS, new StockReserved(cardId), new StockReserved(cashId));
    phoneConfirmed(cashId);

    OrderReserved reserved = probe.awaitEvent(OrderReserved.class, cardId);
    // payment-service checks the shopper's token against this digest, never seeing the token
    // itself.
    assertThat(reserved.accessTokenDigest())
        .isEqualTo(TokenDigest.of(card.getString("accessToken")));
    assertThat(reserved.code()).isEqualTo(card.getString("code"));
    assertThat(reserved.cooperativeOrders().get(0).shippingCentimes()).isPositive();
    // Nobody pays: the deadline (3 s here) cancels the card order.
    assertThat(probe.awaitEvent(OrderCancelled.class, cardId).reason())
        .contains("card payment not completed");
    awaitStatus(card, "CANCELLED");
    saga.await(
        others.publish(
            Topics.PAYMENT_EVENTS,
            new PaymentAuthorized(UUID.randomUUID(), cardId, PaymentMethod.CARD, 10500)));
    assertThat(track(card).getString("status")).isEqualTo("CANCELLED");
    assertThat(saga.published(OrderConfirmed.class, cardId)).isZero();
    assertThat(track(cash).getString("status"))
        .as("cash on delivery: confirmed when its phone was, nothing to pay before")
        .isEqualTo("CONFIRMED");
    assertThat(saga.published(OrderCancelled.class, cashId)).as("in the same pass").isZero();
  }

  @Test
  void a_cash_order_waits_for_the_shoppers_phone_and_nobody_hears_of_it_before() {
    JsonObject order = place();
    UUID id = UUID.fromString(order.getString("id"));
    Instant reservedAround = Instant.now();

    saga.await(others.publish(Topics.INVENTORY_EVENTS, new StockReserved(id)));

    PhoneConfirmationRequested asked = probe.awaitEvent(PhoneConfirmationRequested.class, id);
    assertThat(asked.phone()).isEqualTo("+212612345678");
    assertThat(asked.code()).isEqualTo(order.getString("code"));
    assertThat(asked.deadline()).isBetween(reservedAround, Instant.now().plusSeconds(5));
    JsonObject waiting = track(order);
    assertThat(waiting.getString("status")).isEqualTo("RESERVED");
    assertThat(waiting.getJsonObject("phoneConfirmation").getString("status"))
        .isEqualTo("AWAITING");
    assertThat(waiting.getJsonObject("phoneConfirmation").getString("phoneEnding")).isEqualTo("78");
    assertThat(saga.published(OrderReserved.class, id))
        .as("payment-service hears nothing")
        .isZero();

    phoneConfirmed(id);
    phoneConfirmed(id);

    OrderConfirmed confirmed = probe.awaitEvent(OrderConfirmed.class, id);
    assertThat(confirmed.accessTokenDigest())
        .as("payment-service opens the cash payment from the confirmation")
        .isEqualTo(TokenDigest.of(order.getString("accessToken")));
    assertThat(confirmed.cooperativeOrders().get(0).shippingCentimes()).isPositive();
    assertThat(saga.published(OrderConfirmed.class, id))
        .as("once, however often the phone is confirmed")
        .isEqualTo(1);
    assertThat(saga.published(OrderReserved.class, id)).isZero();
    JsonObject after = track(order);
    assertThat(after.getString("status")).isEqualTo("CONFIRMED");
    assertThat(after.getJsonObject("phoneConfirmation").getString("status")).isEqualTo("CONFIRMED");
  }

  @Test
  void a_phone_not_confirmed_in_time_cancels_the_order_and_a_late_code_changes_nothing() {
    JsonObject order = place("CASH_ON_DELIVERY", "+212698000001", null);
    UUID id = UUID.fromString(order.getString("id"));
    others.publish(Topics.INVENTORY_EVENTS, new StockReserved(id));
    probe.awaitEvent(PhoneConfirmationRequested.class, id);

    // Nobody types the code: the deadline (4 s here) cancels the order, so the stock goes back.
    assertThat(probe.awaitEvent(OrderCancelled.class, id).reason())
        .contains("phone not confirmed within");
    awaitStatus(order, "CANCELLED");
    replies.await(
        others.publish(
            Topics.NOTIFICATION_EVENTS, new PhoneConfirmed(id, PhoneConfirmed.Proof.SMS_REPLY)));
    assertThat(track(order).getString("status")).isEqualTo("CANCELLED");
    assertThat(saga.published(OrderReserved.class, id)).isZero();
  }

  @Test
  void a_phone_that_cannot_be_confirmed_cancels_the_order_at_once() {
    JsonObject order = place("CASH_ON_DELIVERY", "+212698000002", null);
    UUID id = UUID.fromString(order.getString("id"));
    others.publish(Topics.INVENTORY_EVENTS, new StockReserved(id));
    probe.awaitEvent(PhoneConfirmationRequested.class, id);

    others.publish(
        Topics.NOTIFICATION_EVENTS,
        new PhoneConfirmationFailed(id, PhoneConfirmationFailed.Reason.TOO_MANY_WRONG_CODES));

    assertThat(probe.awaitEvent(OrderCancelled.class, id).reason())
        .contains("too many wrong codes");
  }

  @Test
  void a_signed_in_shopper_who_proved_a_number_skips_the_step_for_that_number(Vertx vertx) {
    String subject = "shopper-" + UUID.randomUUID();
    String shopper = TestPlatform.keys().token(vertx, subject, Role.SHOPPER, null, 10);
    UUID first =
        UUID.fromString(place("CASH_ON_DELIVERY", "+212661234500", shopper).getString("id"));
    others.publish(Topics.INVENTORY_EVENTS, new StockReserved(first));
    phoneConfirmed(first);
    probe.awaitEvent(OrderConfirmed.class, first);

    JsonObject placedAgain = place("CASH_ON_DELIVERY", "+212661234500", shopper);
    UUID again = UUID.fromString(placedAgain.getString("id"));
    UUID otherNumber =
        UUID.fromString(place("CASH_ON_DELIVERY", "+212661234599", shopper).getString("id"));
    UUID guest = UUID.fromString(place("CASH_ON_DELIVERY", "+212661234500", null).getString("id"));
    saga.await(
        others.publish(
            Topics.INVENTORY_EVENTS,
            new StockReserved(again),
            new StockReserved(otherNumber),
            new StockReserved(guest)));

    assertThat(saga.published(OrderConfirmed.class, again))
        .as("cash on delivery with a proven phone: confirmed as soon as the stock is held")
        .isEqualTo(1);
    assertThat(saga.published(OrderReserved.class, again)).isZero();
    assertThat(saga.published(PhoneConfirmationRequested.class, again)).isZero();
    assertThat(
            track(placedAgain).getJsonArray("history").stream()
                .map(step -> ((JsonObject) step).getString("to")))
        .containsExactly("PLACED", "CONFIRMED");
    assertThat(saga.published(PhoneConfirmationRequested.class, otherNumber)).isEqualTo(1);
    assertThat(saga.published(PhoneConfirmationRequested.class, guest))
        .as("a guest proves the phone each time: anyone may type a number")
        .isEqualTo(1);
  }

  @Test
  void two_parcels_refused_at_the_door_end_cash_on_delivery_for_the_number_until_lifted(
      Vertx vertx) {
    String phone = "+212677" + String.format("%06d", (int) (Math.random() * 1_000_000));
    String cooperative =
        TestPlatform.keys().token(vertx, "coop", Role.COOPERATIVE, COOPERATIVE, 10);
    String operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 10);
    for (long cost : new long[] {3_500, 4_000}) {
      JsonObject order = placeConfirmed(phone);
      UUID id = UUID.fromString(order.getString("id"));
      assertThat(fulfil(cooperative, id, "accept", null).statusCode()).isEqualTo(200);
      assertThat(fulfil(cooperative, id, "ship", null).statusCode()).isEqualTo(200);
      HttpResponse<Buffer> refused =
          fulfil(cooperative, id, "refuse", new JsonObject().put("courierCostCentimes", cost));
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(200);
      assertThat(probe.awaitEvent(CooperativeOrderRefused.class, id).courierCostCentimes())
          .isEqualTo(cost);
      awaitStatus(order, "CANCELLED");
    }

    HttpResponse<Buffer> third = checkoutOnce("CASH_ON_DELIVERY", phone);
    assertThat(third.statusCode()).isEqualTo(422);
    assertThat(third.bodyAsJsonObject().getString("type"))
        .endsWith("/cash-on-delivery-unavailable");
    assertThat(third.bodyAsJsonObject().getJsonArray("paymentMethods")).containsExactly("CARD");
    assertThat(checkoutOnce("CARD", phone).statusCode()).as("the card is offered").isEqualTo(201);

    JsonObject listed =
        await(http.get("/api/orders/ops/refusals").bearerTokenAuthentication(operator).send(), 10)
            .bodyAsJsonObject()
            .getJsonArray("items")
            .stream()
            .map(JsonObject.class::cast)
            .filter(number -> number.getString("phone").equals(phone))
            .findFirst()
            .orElseThrow();
    assertThat(listed.getLong("refusals")).isEqualTo(2);
    assertThat(listed.getLong("courierCostCentimes")).isEqualTo(7_500);
    assertThat(listed.getBoolean("cashOnDelivery")).isFalse();
    HttpResponse<Buffer> lifted =
        await(
            http.post("/api/orders/ops/refusals/lift")
                .bearerTokenAuthentication(operator)
                .sendJsonObject(new JsonObject().put("phone", phone)),
            10);
    assertThat(lifted.bodyAsJsonObject().getInteger("lifted")).isEqualTo(2);
    assertThat(checkoutOnce("CASH_ON_DELIVERY", phone).statusCode()).isEqualTo(201);
    assertThat(
            await(
                    http.get("/api/orders/ops/refusals")
                        .bearerTokenAuthentication(cooperative)
                        .send(),
                    10)
                .statusCode())
        .as("operators only")
        .isEqualTo(403);
  }

  @Test
  void a_cooperatives_sms_reply_is_applied_with_the_portals_rules_and_answered() {
    JsonObject order = placeConfirmed();
    UUID id = UUID.fromString(order.getString("id"));

    UUID tooEarly = UUID.randomUUID();
    UUID accept = UUID.randomUUID();
    UUID decline = UUID.randomUUID();
    others.publish(
        Topics.NOTIFICATION_EVENTS,
        new CooperativeReplied(tooEarly, id, COOPERATIVE, CooperativeAction.SHIP, null),
        new CooperativeReplied(accept, id, COOPERATIVE, CooperativeAction.ACCEPT, null),
        new CooperativeReplied(accept, id, COOPERATIVE, CooperativeAction.ACCEPT, null));

    CooperativeReplyAnswered refused =
        probe.awaitEvent(
            CooperativeReplyAnswered.class, id, answer -> answer.commandId().equals(tooEarly));
    assertThat(refused.applied()).isFalse();
    assertThat(refused.partStatus()).isEqualTo("NEW");
    CooperativeReplyAnswered accepted =
        probe.awaitEvent(
            CooperativeReplyAnswered.class, id, answer -> answer.commandId().equals(accept));
    assertThat(accepted.applied()).isTrue();
    assertThat(accepted.partStatus()).isEqualTo("ACCEPTED");
    probe.awaitEvent(CooperativeOrderAccepted.class, id);

    // A decline without a reason still reaches the shopper with one; it is recorded as done by SMS.
    others.publish(
        Topics.NOTIFICATION_EVENTS,
        new CooperativeReplied(decline, id, COOPERATIVE, CooperativeAction.DECLINE, null));
    assertThat(probe.awaitEvent(CooperativeOrderDeclined.class, id).reason()).contains("SMS");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "CANCELLED".equals(track(order).getString("status")));
    assertThat(probe.count(CooperativeOrderAccepted.class, id)).isEqualTo(1);
  }

  @Test
  void an_event_that_cannot_be_read_goes_to_the_dead_letters_operators_see_and_the_saga_goes_on(
      Vertx vertx) {
    String marker = "not-an-event-" + UUID.randomUUID();
    others.publishRaw(Topics.INVENTORY_EVENTS, marker, "{\"this is\": \"" + marker + "\"");
    String operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 10);
    String shopper = TestPlatform.keys().token(vertx, "shopper", Role.SHOPPER, null, 10);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                await(
                        http.get("/api/orders/ops/dead-letters")
                            .bearerTokenAuthentication(operator)
                            .send(),
                        10)
                    .bodyAsJsonObject()
                    .getJsonArray("items")
                    .stream()
                    .map(JsonObject.class::cast)
                    .anyMatch(
                        dead ->
                            dead.getString("topic").equals(Topics.INVENTORY_EVENTS)
                                && dead.getString("consumer").equals("order-service.saga")
                                && dead.getString("error").contains("JSON")));
    assertThat(
            await(
                    http.get("/api/orders/ops/dead-letters")
                        .bearerTokenAuthentication(shopper)
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(403);
    JsonObject order = place();
    others.publish(
        Topics.INVENTORY_EVENTS, new StockReserved(UUID.fromString(order.getString("id"))));
    awaitStatus(order, "RESERVED");
  }

  @Test
  void the_planner_keeps_no_statistics_of_the_documents_stored_with_each_order(Vertx vertx) {
    assertThat(checkoutOnce("CARD", "+212661234579").statusCode()).isEqualTo(201);
    assertThat(checkoutOnce("CARD", "+212661234580").statusCode()).isEqualTo(201);
    Pool pool =
        Database.pool(
            vertx, PostgresSettings.from(settings), OrderService.SCHEMA, "statistics-test");
    try {
      assertThat(ColumnStatistics.analysed(pool, "orders"))
          .contains("status", "created_at", "contact_phone")
          .doesNotContain("shipping_address", "request_hash", "pickup_fair_name");
      assertThat(ColumnStatistics.analysed(pool, "order_lines"))
          .contains("order_id", "product_id")
          .doesNotContain("product_name");
    } finally {
      await(pool.close(), 10);
    }
  }

  @Test
  void the_checkout_answers_with_the_order_as_it_is_stored(Vertx vertx) {
    UUID fairId = UUID.randomUUID();
    String slug = "answer-" + fairId.toString().substring(0, 8);
    LocalDate today = LocalDate.now(CatalogFair.ZONE);
    announceFair(fairId, slug, today.minusDays(1), today.plusDays(1));
    String shopper =
        TestPlatform.keys().token(vertx, "shopper-" + UUID.randomUUID(), Role.SHOPPER, null, 10);
    JsonObject withEmailAndConsent = checkoutBody("CASH_ON_DELIVERY", "+212661234577");
    withEmailAndConsent.getJsonObject("contact").put("email", "amina@example.ma");
    withEmailAndConsent.put("marketingConsent", "2026-12-01").put("language", "ar");

    answeredAsStored(withEmailAndConsent, null);
    answeredAsStored(checkoutBody("CARD", "+212661234578"), shopper);
    answeredAsStored(pickUpAt(slug), null);
  }

  /** Every field of the checkout's answer but the token is what reading the order back gives. */
  private static void answeredAsStored(JsonObject body, String bearer) {
    JsonObject answered = placedFresh(body, bearer);
    JsonObject stored = track(answered);
    answered.remove("accessToken");
    assertThat(answered.fieldNames())
        .contains("code", "createdAt", "shippingAddress", "cooperativeOrders", "history");
    for (String field : answered.fieldNames()) {
      assertThat(stored.getValue(field))
          .as("%s of the order answered at checkout, read back", field)
          .isEqualTo(answered.getValue(field));
    }
  }

  @Test
  void repeated_answers_move_the_order_once() {
    JsonObject cash = place();
    UUID cashId = UUID.fromString(cash.getString("id"));
    JsonObject card = place("CARD");
    UUID cardId = UUID.fromString(card.getString("id"));

    saga.await(
        others.publish(
            Topics.INVENTORY_EVENTS,
            new StockReserved(cashId),
            new StockReserved(cashId),
            new StockReserved(cardId),
            new StockReserved(cardId)));
    phoneConfirmed(cashId);
    phoneConfirmed(cashId);
    saga.await(
        others.publish(
            Topics.PAYMENT_EVENTS,
            new PaymentAuthorized(UUID.randomUUID(), cardId, PaymentMethod.CARD, 10500),
            new PaymentAuthorized(UUID.randomUUID(), cardId, PaymentMethod.CARD, 10500)));

    assertThat(saga.published(PhoneConfirmationRequested.class, cashId)).isEqualTo(1);
    assertThat(saga.published(OrderConfirmed.class, cashId)).isEqualTo(1);
    assertThat(saga.published(OrderReserved.class, cardId)).isEqualTo(1);
    assertThat(saga.published(OrderConfirmed.class, cardId)).isEqualTo(1);
    for (JsonObject order : List.of(cash, card)) {
      JsonArray history = track(order).getJsonArray("history");
      assertThat(history.stream().map(step -> ((JsonObject) step).getString("to")))
          .containsExactly("PLACED", "RESERVED", "CONFIRMED");
    }
  }

  /**
   * Stock held for many orders at once, as a busy evening brings it: the saga decides a batch's
   * orders together; each moves once, each asks what its own payment method needs.
   */
  @Test
  void stock_held_for_many_orders_at_once_moves_each_of_them_once() {
    List<JsonObject> cash = new ArrayList<>();
    List<JsonObject> card = new ArrayList<>();
    List<IntegrationEvent> reserved = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      cash.add(place());
      reserved.add(new StockReserved(UUID.fromString(cash.get(i).getString("id"))));
      if (i % 3 == 0) {
        card.add(place("CARD"));
        reserved.add(new StockReserved(UUID.fromString(card.get(card.size() - 1).getString("id"))));
      }
    }
    // Answers repeated among them (a re-published event) move nothing more.
    reserved.add(reserved.get(0));
    reserved.add(reserved.get(1));

    saga.await(others.publish(Topics.INVENTORY_EVENTS, reserved.toArray(IntegrationEvent[]::new)));

    // Read before the phone's and the payment's deadlines (seconds here) cancel them.
    for (JsonObject order : Stream.concat(cash.stream(), card.stream()).toList()) {
      assertThat(track(order).getString("status")).isEqualTo("RESERVED");
    }
    for (JsonObject order : cash) {
      UUID id = UUID.fromString(order.getString("id"));
      assertThat(saga.published(PhoneConfirmationRequested.class, id)).isEqualTo(1);
    }
    for (JsonObject order : card) {
      UUID id = UUID.fromString(order.getString("id"));
      assertThat(saga.published(OrderReserved.class, id)).isEqualTo(1);
    }
  }

  @Test
  void a_release_that_answers_a_cancellation_changes_nothing_more() {
    JsonObject order = placeConfirmed();
    UUID id = UUID.fromString(order.getString("id"));

    // Released because a cooperative declined: the order itself goes on.
    saga.await(
        others.publish(
            Topics.INVENTORY_EVENTS,
            new StockReleased(
                id,
                StockReleased.Reason.COOPERATIVE_DECLINED,
                List.of(new StockReleased.Line(PRODUCT, 1))),
            new StockReleased(id, StockReleased.Reason.EXPIRED, List.of())));

    assertThat(track(order).getString("status")).isEqualTo("CONFIRMED");
    assertThat(saga.published(OrderCancelled.class, id)).isZero();
  }

  @Test
  void the_operator_finds_orders_by_status_region_cooperative_and_date_with_totals(Vertx vertx) {
    String since = Instant.now().minusMillis(1).toString();
    JsonObject first = place();
    JsonObject second = place();
    String operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 10);

    JsonObject found =
        await(
                http.get("/api/orders")
                    .addQueryParam("status", "PLACED")
                    .addQueryParam("cooperative", COOPERATIVE.toString())
                    .addQueryParam("region", "oriental")
                    .addQueryParam("from", since)
                    .bearerTokenAuthentication(operator)
                    .send(),
                10)
            .bodyAsJsonObject();

    assertThat(
            found.getJsonArray("items").stream().map(order -> ((JsonObject) order).getString("id")))
        .containsExactly(second.getString("id"), first.getString("id"));
    assertThat(found.getJsonObject("totals").getLong("orders")).isEqualTo(2);
    assertThat(found.getJsonObject("totals").getLong("totalCentimes"))
        .isEqualTo(first.getLong("totalCentimes") + second.getLong("totalCentimes"));
    assertThat(
            await(
                    http.get("/api/orders")
                        .addQueryParam("region", "casablanca-settat")
                        .addQueryParam("from", since)
                        .bearerTokenAuthentication(operator)
                        .send(),
                    10)
                .bodyAsJsonObject()
                .getJsonObject("totals")
                .getLong("orders"))
        .isZero();
    assertThat(
            await(
                    http.get("/api/orders?status=LOST").bearerTokenAuthentication(operator).send(),
                    10)
                .statusCode())
        .isEqualTo(400);
    assertThat(await(http.get("/api/orders").send(), 10).statusCode()).isEqualTo(401);
    String shopper = TestPlatform.keys().token(vertx, "shopper", Role.SHOPPER, null, 10);
    assertThat(
            await(http.get("/api/orders").bearerTokenAuthentication(shopper).send(), 10)
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void orders_from_a_tagged_link_are_counted_by_their_tag_for_operators_and_the_cooperative(
      Vertx vertx) {
    JsonObject first = placeFrom("fair-tetouan");
    placeFrom("fair-tetouan");
    JsonObject cancelled = placeFrom("fair-tetouan");
    placeFrom("facebook-ramadan");
    place();
    cancel(cancelled);
    HttpResponse<Buffer> refused =
        await(
            checkout("bad-tag-" + UUID.randomUUID(), null)
                .sendJsonObject(
                    checkoutBody("CASH_ON_DELIVERY", "+212612345678").put("source", "Fair!")),
            10);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.bodyAsString()).contains("\"source\"");

    String operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 10);
    JsonArray everyone =
        await(http.get("/api/orders/ops/sources").bearerTokenAuthentication(operator).send(), 10)
            .bodyAsJsonObject()
            .getJsonArray("items");
    JsonObject fair = bySource(everyone, "fair-tetouan");
    assertThat(fair.getLong("orders")).as("the cancelled one sold nothing").isEqualTo(2);
    assertThat(fair.getLong("totalCentimes")).isEqualTo(2 * first.getLong("totalCentimes"));
    assertThat(bySource(everyone, "facebook-ramadan").getLong("orders")).isEqualTo(1);

    // Two sales at the cooperative's stand, one of them heard twice.
    StandSaleRecorded atStand =
        new StandSaleRecorded(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "fair-tetouan",
            COOPERATIVE,
            PRODUCT,
            3,
            21_000,
            "PORTAL",
            Instant.now());
    new Handled(settings, OrderService.SCHEMA, OrderService.NAME + ".catalog")
        .await(
            others.publish(
                Topics.CATALOG_EVENTS,
                atStand,
                atStand,
                new StandSaleRecorded(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "fair-tetouan",
                    COOPERATIVE,
                    PRODUCT,
                    1,
                    4_000,
                    "SMS",
                    Instant.now())));

    // The fair's figures, as its organisers report them.
    JsonObject figures =
        await(
                http.get("/api/orders/ops/sources/fair-tetouan")
                    .addQueryParam("endedAt", Instant.now().minusSeconds(3600).toString())
                    .bearerTokenAuthentication(operator)
                    .send(),
                10)
            .bodyAsJsonObject();
    JsonObject totals = figures.getJsonObject("totals");
    assertThat(totals.getLong("orders")).isEqualTo(2);
    assertThat(totals.getLong("buyers")).as("one phone number").isEqualTo(1);
    assertThat(totals.getLong("salesCentimes")).as("goods, shipping apart").isEqualTo(2 * 8000);
    assertThat(totals.getLong("womenLedSharePercent")).isEqualTo(100);
    assertThat(totals.getLong("standSales")).as("the repeated one counted once").isEqualTo(2);
    assertThat(totals.getLong("standItems")).isEqualTo(4);
    assertThat(totals.getLong("standSalesCentimes")).isEqualTo(25_000);
    assertThat(totals.getLong("ordersAfterEnd")).isEqualTo(2);
    assertThat(figures.getJsonArray("byDay")).hasSize(1);
    assertThat(figures.getJsonArray("byRegion").getJsonObject(0).getString("region"))
        .isEqualTo("oriental");
    assertThat(figures.getJsonArray("byCooperative").getJsonObject(0).getLong("salesCentimes"))
        .isEqualTo(2 * 8000);
    assertThat(figures.getJsonArray("byCooperative").getJsonObject(0).getLong("standSalesCentimes"))
        .isEqualTo(25_000);
    assertThat(figures.getJsonArray("byDay").getJsonObject(0).getLong("standSalesCentimes"))
        .isEqualTo(25_000);
    HttpResponse<Buffer> csv =
        await(
            http.get("/api/orders/ops/sources/fair-tetouan?format=csv")
                .bearerTokenAuthentication(operator)
                .send(),
            10);
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(csv.bodyAsString())
        .startsWith(
            "cooperative_id,cooperative,region,women_led,orders,buyers,sales_mad,stand_sales_mad\r\n")
        .contains(COOPERATIVE + ",\"Coopérative test\",oriental,true,2,1,160,250\r\n");
    JsonObject published =
        await(http.get("/api/orders/public/figures/fair-tetouan").send(), 10).bodyAsJsonObject();
    assertThat(published.getLong("salesCentimes")).isEqualTo(2 * 8000 + 25_000);
    assertThat(published.getLong("standSalesCentimes")).isEqualTo(25_000);
    assertThat(published.getLong("orders")).isEqualTo(2);
    assertThat(published.fieldNames()).doesNotContain("buyers", "byCooperative");
    assertThat(
            await(http.get("/api/orders/public/figures/facebook-ramadan").send(), 10).statusCode())
        .as("only fairs' figures are public")
        .isEqualTo(404);
    assertThat(
            await(
                    http.get("/api/orders/ops/sources/fair-tetouan?format=xml")
                        .bearerTokenAuthentication(operator)
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(400);

    String cooperative =
        TestPlatform.keys().token(vertx, "coop", Role.COOPERATIVE, COOPERATIVE, 10);
    JsonArray own =
        await(
                http.get("/api/cooperatives/" + COOPERATIVE + "/sources")
                    .bearerTokenAuthentication(cooperative)
                    .send(),
                10)
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(bySource(own, "fair-tetouan").getLong("orders")).isEqualTo(2);
    assertThat(bySource(own, "fair-tetouan").getLong("totalCentimes")).isEqualTo(2 * 8000);
    String stranger =
        TestPlatform.keys().token(vertx, "other", Role.COOPERATIVE, UUID.randomUUID(), 10);
    assertThat(
            await(
                    http.get("/api/cooperatives/" + COOPERATIVE + "/sources")
                        .bearerTokenAuthentication(stranger)
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void an_order_collected_at_the_stand_is_handed_over_with_its_code_and_one_left_is_released(
      Vertx vertx) {
    UUID fairId = UUID.randomUUID();
    String slug = "oujda-" + fairId.toString().substring(0, 8);
    LocalDate today = LocalDate.now(CatalogFair.ZONE);
    announceFair(fairId, slug, today.minusDays(1), today.plusDays(1));
    JsonObject body = pickUpAt(slug);

    JsonObject collected = placeConfirmed(body);
    JsonObject tracked = track(collected);
    assertThat(tracked.getLong("shippingCentimes")).as("no shipping fee").isZero();
    assertThat(tracked.getJsonObject("pickup").getJsonObject("fairName").getString("fr"))
        .isEqualTo("Salon de l'Oriental");
    assertThat(tracked.getJsonObject("shippingAddress").getString("city")).isEqualTo("Oujda");
    JsonObject part = tracked.getJsonArray("cooperativeOrders").getJsonObject(0);
    assertThat(part.getString("pickupStand")).isEqualTo("B7");
    UUID id = UUID.fromString(collected.getString("id"));
    assertThat(probe.awaitEvent(OrderConfirmed.class, id).pickupStands()).containsExactly("B7");

    String cooperative =
        TestPlatform.keys().token(vertx, "coop", Role.COOPERATIVE, COOPERATIVE, 10);
    HttpResponse<Buffer> shipped = fulfil(cooperative, id, "ship", null);
    assertThat(shipped.statusCode()).isEqualTo(409);
    assertThat(shipped.bodyAsJsonObject().getString("type")).endsWith("/collected-at-stand");
    assertThat(handOver(cooperative, "99999999").statusCode()).isEqualTo(404);
    assertThat(handOver(cooperative, "not-a-code").statusCode()).isEqualTo(404);
    String stranger =
        TestPlatform.keys().token(vertx, "other", Role.COOPERATIVE, UUID.randomUUID(), 10);
    assertThat(
            await(
                    http.post(
                            "/api/cooperatives/"
                                + COOPERATIVE
                                + "/pickups/"
                                + collected.getString("code")
                                + "/hand-over")
                        .bearerTokenAuthentication(stranger)
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(403);
    HttpResponse<Buffer> handedOver = handOver(cooperative, collected.getString("code"));
    assertThat(handedOver.statusCode()).isEqualTo(200);
    assertThat(
            handedOver
                .bodyAsJsonObject()
                .getJsonArray("cooperativeOrders")
                .getJsonObject(0)
                .getString("status"))
        .isEqualTo("DELIVERED");
    assertThat(handOver(cooperative, collected.getString("code")).statusCode())
        .as("handed over twice: a retry")
        .isEqualTo(200);
    awaitStatus(collected, "COMPLETED");
    assertThat(probe.awaitEvent(CooperativeOrderDelivered.class, id).atStand())
        .as("its cash, if any, paid at the stand")
        .isTrue();
    assertThat(probe.count(CooperativeOrderDelivered.class, id)).isEqualTo(1);
    // A cooperative with a basic phone hands one over by SMS ("100234 LIVRE"), as for a parcel.
    JsonObject bySms = placeConfirmed(pickUpAt(slug));
    UUID bySmsId = UUID.fromString(bySms.getString("id"));
    UUID delivered = UUID.randomUUID();
    others.publish(
        Topics.NOTIFICATION_EVENTS,
        new CooperativeReplied(delivered, bySmsId, COOPERATIVE, CooperativeAction.DELIVER, null));
    CooperativeReplyAnswered answered =
        probe.awaitEvent(
            CooperativeReplyAnswered.class,
            bySmsId,
            answer -> answer.commandId().equals(delivered));
    assertThat(answered.applied()).isTrue();
    assertThat(answered.partStatus()).isEqualTo("DELIVERED");
    awaitStatus(bySms, "COMPLETED");
    // A shipped order's code is no pick-up.
    JsonObject shippedOrder = placeConfirmed();
    assertThat(handOver(cooperative, shippedOrder.getString("code")).statusCode()).isEqualTo(404);

    // The other is never collected; the fair ends (operators moved its last day to yesterday).
    JsonObject forgotten = placeConfirmed(pickUpAt(slug));
    announceFair(fairId, slug, today.minusDays(3), today.minusDays(1));
    awaitStatus(forgotten, "CANCELLED");
    UUID forgottenId = UUID.fromString(forgotten.getString("id"));
    assertThat(probe.awaitEvent(CooperativeOrderDeclined.class, forgottenId).reason())
        .isEqualTo("Non retirée au stand avant la fin du salon");
    assertThat(
            track(forgotten).getJsonArray("cooperativeOrders").getJsonObject(0).getString("status"))
        .isEqualTo("DECLINED");
    assertThat(track(collected).getString("status"))
        .as("handed over: stays")
        .isEqualTo("COMPLETED");

    // Ended, the fair's figures are announced for its page: the two collected, not the released.
    FairFiguresPublished sold =
        probe.awaitEvent(
            FairFiguresPublished.class,
            fairId,
            figures -> figures.orders() == 2 && figures.onlineSalesCentimes() == 16_000);
    assertThat(sold.campaignTag()).isEqualTo("fair-" + slug);
    assertThat(sold.salesCentimes()).isEqualTo(16_000);
    assertThat(sold.standSalesCentimes()).isZero();
    // Unchanged, they are not announced again (the round runs every second here).
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                probe.events(FairFiguresPublished.class, fairId).stream()
                        .filter(figures -> figures.orders() == 2)
                        .count()
                    == 1);

    // No pick-up once the fair is over, at a fair nobody announced, or with an address as well.
    assertThat(checkoutOnce(pickUpAt(slug)).bodyAsString()).contains("\"pickupAt\"");
    assertThat(checkoutOnce(pickUpAt("no-such-fair")).statusCode()).isEqualTo(422);
    HttpResponse<Buffer> both =
        checkoutOnce(
            pickUpAt(slug)
                .put(
                    "shippingAddress",
                    new JsonObject()
                        .put("line1", "Rue 1")
                        .put("city", "Oujda")
                        .put("region", "oriental")));
    assertThat(both.statusCode()).isEqualTo(422);
    assertThat(both.bodyAsString()).contains("\"shippingAddress\"");

    // The fair's figures count the collected orders as pick-ups, the released one not at all.
    String operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 10);
    JsonObject totals =
        await(
                http.get("/api/orders/ops/sources/fair-" + slug)
                    .bearerTokenAuthentication(operator)
                    .send(),
                10)
            .bodyAsJsonObject()
            .getJsonObject("totals");
    assertThat(totals.getLong("orders")).isEqualTo(2);
    assertThat(totals.getLong("pickupOrders")).isEqualTo(2);
    assertThat(totals.getLong("pickupSalesCentimes")).isEqualTo(16_000);
  }

  @Test
  void a_fairs_figures_are_the_sums_of_its_orders_pick_ups_and_stand_sales(Vertx vertx) {
    Random random = new Random();
    UUID fairId = UUID.randomUUID();
    String slug = "random-" + fairId.toString().substring(0, 8);
    String tag = "fair-" + slug;
    LocalDate today = LocalDate.now(CatalogFair.ZONE);
    announceFair(fairId, slug, today, today.plusDays(2));
    long sales = 0;
    long pickupSales = 0;
    int orders = 0;
    int pickups = 0;
    int placed = 3 + random.nextInt(4);
    for (int i = 0; i < placed; i++) {
      int oil = random.nextInt(3);
      int dates = oil == 0 ? 1 + random.nextInt(2) : random.nextInt(3);
      JsonArray lines = new JsonArray();
      if (oil > 0) {
        lines.add(line(PRODUCT, oil));
      }
      if (dates > 0) {
        lines.add(line(DATES, dates));
      }
      boolean pickUp = random.nextBoolean();
      JsonObject body =
          (pickUp ? pickUpAt(slug) : checkoutBody("CASH_ON_DELIVERY", "+212612345678"))
              .put("lines", lines)
              .put("source", tag);
      JsonObject order = place(body, null);
      if (random.nextInt(4) == 0) {
        cancel(order);
        continue;
      }
      long subtotal = oil * 8000L + dates * 6000L;
      orders++;
      sales += subtotal;
      if (pickUp) {
        pickups++;
        pickupSales += subtotal;
      }
    }
    int standSales = 1 + random.nextInt(5);
    long standAmount = 0;
    long standItems = 0;
    List<StandSaleRecorded> atStand = new ArrayList<>();
    for (int i = 0; i < standSales; i++) {
      int quantity = 1 + random.nextInt(4);
      atStand.add(
          new StandSaleRecorded(
              UUID.randomUUID(),
              fairId,
              tag,
              COOPERATIVE,
              PRODUCT,
              quantity,
              quantity * 8000L,
              i % 2 == 0 ? "PORTAL" : "SMS",
              Instant.now()));
      standAmount += quantity * 8000L;
      standItems += quantity;
    }
    new Handled(settings, OrderService.SCHEMA, OrderService.NAME + ".catalog")
        .await(others.publish(Topics.CATALOG_EVENTS, atStand.toArray(StandSaleRecorded[]::new)));

    String operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 10);
    JsonObject figures =
        await(
                http.get("/api/orders/ops/sources/" + tag)
                    .bearerTokenAuthentication(operator)
                    .send(),
                10)
            .bodyAsJsonObject();
    JsonObject totals = figures.getJsonObject("totals");
    assertThat(totals.getLong("orders")).isEqualTo(orders);
    assertThat(totals.getLong("salesCentimes")).isEqualTo(sales);
    assertThat(totals.getLong("pickupOrders")).isEqualTo(pickups);
    assertThat(totals.getLong("pickupSalesCentimes")).isEqualTo(pickupSales);
    assertThat(totals.getLong("standSales")).isEqualTo(standSales);
    assertThat(totals.getLong("standItems")).isEqualTo(standItems);
    assertThat(totals.getLong("standSalesCentimes")).isEqualTo(standAmount);
    assertThat(totals.getLong("womenLedSharePercent")).isEqualTo(100);
    assertThat(sum(figures.getJsonArray("byDay"), "salesCentimes")).isEqualTo(sales);
    assertThat(sum(figures.getJsonArray("byDay"), "pickupSalesCentimes")).isEqualTo(pickupSales);
    assertThat(sum(figures.getJsonArray("byDay"), "standSalesCentimes")).isEqualTo(standAmount);
    assertThat(sum(figures.getJsonArray("byRegion"), "salesCentimes")).isEqualTo(sales);
    assertThat(sum(figures.getJsonArray("byRegion"), "pickupSalesCentimes")).isEqualTo(pickupSales);
    assertThat(sum(figures.getJsonArray("byCooperative"), "pickupSalesCentimes"))
        .isEqualTo(pickupSales);
    assertThat(sum(figures.getJsonArray("byCooperative"), "standSalesCentimes"))
        .isEqualTo(standAmount);
    JsonObject published =
        await(http.get("/api/orders/public/figures/" + tag).send(), 10).bodyAsJsonObject();
    assertThat(published.getLong("salesCentimes")).isEqualTo(sales + standAmount);
  }

  @Test
  void a_shopper_withdraws_from_a_delivered_part_within_the_window_and_is_refunded_once(
      Vertx vertx) {
    String cooperative =
        TestPlatform.keys().token(vertx, "coop", Role.COOPERATIVE, COOPERATIVE, 10);
    String operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 10);
    JsonObject order = placeConfirmed(oilAndDates());
    UUID id = UUID.fromString(order.getString("id"));

    HttpResponse<Buffer> undelivered = withdraw(order, "undelivered-" + id, null);
    assertThat(undelivered.statusCode()).as(undelivered.bodyAsString()).isEqualTo(409);
    assertThat(undelivered.bodyAsJsonObject().getString("type")).endsWith("/not-delivered");

    for (String action : List.of("accept", "ship", "deliver")) {
      assertThat(fulfil(cooperative, id, action, null).statusCode()).isEqualTo(200);
    }
    JsonObject right =
        track(order).getJsonArray("cooperativeOrders").getJsonObject(0).getJsonObject("withdrawal");
    assertThat(right.getBoolean("open")).isTrue();
    assertThat(right.getString("lastDay")).isNotBlank();
    assertThat(right.getJsonArray("excludedProductIds")).containsExactly(DATES.toString());

    JsonObject stranger = place("CASH_ON_DELIVERY");
    HttpResponse<Buffer> notTheirs =
        await(
            http.post("/api/orders/" + id + "/withdrawals")
                .putHeader("X-Order-Token", stranger.getString("accessToken"))
                .putHeader("Idempotency-Key", "stranger-" + id)
                .sendJsonObject(new JsonObject().put("cooperativeId", COOPERATIVE.toString())),
            10);
    assertThat(notTheirs.statusCode()).as("someone else's order").isEqualTo(404);
    HttpResponse<Buffer> dates =
        withdraw(order, "dates-" + id, new JsonArray().add(line(DATES, 1)));
    assertThat(dates.statusCode()).isEqualTo(422);
    assertThat(dates.bodyAsJsonObject().getString("type")).endsWith("/excluded-from-withdrawal");
    HttpResponse<Buffer> tooMany =
        withdraw(order, "many-" + id, new JsonArray().add(line(PRODUCT, 3)));
    assertThat(tooMany.statusCode()).isEqualTo(422);

    String key = "oil-" + id;
    HttpResponse<Buffer> made = withdraw(order, key, new JsonArray().add(line(PRODUCT, 1)));
    assertThat(made.statusCode()).as(made.bodyAsString()).isEqualTo(201);
    JsonObject withdrawal = made.bodyAsJsonObject();
    assertThat(withdrawal.getLong("amountCentimes")).as("one bottle, no shipping").isEqualTo(8000);
    assertThat(withdrawal.getString("status")).isEqualTo("REQUESTED");
    UUID withdrawalId = UUID.fromString(withdrawal.getString("id"));
    assertThat(probe.awaitEvent(WithdrawalRequested.class, id).amountCentimes()).isEqualTo(8000);

    HttpResponse<Buffer> retried = withdraw(order, key, new JsonArray().add(line(PRODUCT, 1)));
    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(retried.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retried.bodyAsJsonObject().getString("id")).isEqualTo(withdrawalId.toString());
    HttpResponse<Buffer> twice =
        withdraw(order, "again-" + id, new JsonArray().add(line(PRODUCT, 1)));
    assertThat(twice.statusCode()).isEqualTo(409);
    assertThat(twice.bodyAsJsonObject().getString("type")).endsWith("/already-withdrawn");

    String strangerCoop =
        TestPlatform.keys().token(vertx, "other", Role.COOPERATIVE, UUID.randomUUID(), 10);
    assertThat(received(strangerCoop, id).statusCode()).isEqualTo(403);
    HttpResponse<Buffer> back = received(cooperative, id);
    assertThat(back.statusCode()).as(back.bodyAsString()).isEqualTo(200);
    assertThat(back.bodyAsJsonObject().getString("status")).isEqualTo("RECEIVED");
    WithdrawalReceived goods = probe.awaitEvent(WithdrawalReceived.class, id);
    assertThat(goods.amountCentimes()).isEqualTo(8000);
    assertThat(goods.lines()).containsExactly(new WithdrawalReceived.Line(PRODUCT, 1));
    assertThat(received(cooperative, id).bodyAsJsonObject().getString("status"))
        .as("said twice: unchanged")
        .isEqualTo("RECEIVED");

    saga.await(
        others.publish(
            Topics.PAYMENT_EVENTS,
            new PaymentRefunded(
                UUID.randomUUID(),
                UUID.randomUUID(),
                id,
                COOPERATIVE,
                PaymentMethod.CASH_ON_DELIVERY,
                8000,
                "the shopper withdrew from the sale",
                withdrawalId)));
    JsonObject settled =
        track(order).getJsonArray("cooperativeOrders").getJsonObject(0).getJsonObject("withdrawal");
    assertThat(settled.getBoolean("open")).isFalse();
    assertThat(settled.getJsonObject("request").getString("status")).isEqualTo("REFUNDED");
    assertThat(
            await(
                    http.get("/api/cooperatives/" + COOPERATIVE + "/withdrawals")
                        .bearerTokenAuthentication(cooperative)
                        .send(),
                    10)
                .bodyAsJsonObject()
                .getJsonArray("withdrawals")
                .stream()
                .map(JsonObject.class::cast)
                .noneMatch(w -> w.getString("id").equals(withdrawalId.toString())))
        .as("a refunded withdrawal is no longer open")
        .isTrue();
  }

  @Test
  void a_withdrawal_after_the_window_is_refused_and_a_late_refund_is_an_alert(Vertx vertx)
      throws Exception {
    String cooperative =
        TestPlatform.keys().token(vertx, "coop", Role.COOPERATIVE, COOPERATIVE, 10);
    String operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 10);
    JsonObject late = delivered(cooperative);
    JsonObject slow = delivered(cooperative);
    UUID lateId = UUID.fromString(late.getString("id"));
    // Delivered twenty days ago: whatever the holidays, the window has closed.
    sql(
        "UPDATE orders.cooperative_orders SET delivered_at = now() - interval '20 days'"
            + " WHERE order_id = '"
            + lateId
            + "'");
    HttpResponse<Buffer> refused = withdraw(late, "late-" + lateId, null);
    assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(422);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/withdrawal-period-over");
    assertThat(refused.bodyAsJsonObject().getString("lastDay")).isNotBlank();

    UUID slowId = UUID.fromString(slow.getString("id"));
    HttpResponse<Buffer> whole = withdraw(slow, "whole-" + slowId, null);
    assertThat(whole.statusCode()).as(whole.bodyAsString()).isEqualTo(201);
    assertThat(whole.bodyAsJsonObject().getLong("amountCentimes"))
        .as("the bottle and the shipping")
        .isEqualTo(10500);
    String withdrawalId = whole.bodyAsJsonObject().getString("id");
    sql(
        "UPDATE orders.withdrawals SET requested_at = now() - interval '16 days',"
            + " refund_due_by = now() - interval '1 day' WHERE id = '"
            + withdrawalId
            + "'");
    JsonArray overdue =
        await(
                http.get("/api/orders/ops/withdrawals?overdue=true")
                    .bearerTokenAuthentication(operator)
                    .send(),
                10)
            .bodyAsJsonObject()
            .getJsonArray("withdrawals");
    assertThat(overdue.stream().map(JsonObject.class::cast))
        .anySatisfy(
            w -> {
              assertThat(w.getString("id")).isEqualTo(withdrawalId);
              assertThat(w.getBoolean("refundOverdue")).isTrue();
            });
    assertThat(
            await(
                    http.get("/api/orders/ops/withdrawals?overdue=maybe")
                        .bearerTokenAuthentication(operator)
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void parts_delivered_at_once_are_invoiced_in_one_series_without_a_gap_and_credited_when_refunded(
      Vertx vertx) throws Exception {
    String cooperative =
        TestPlatform.keys().token(vertx, "coop", Role.COOPERATIVE, COOPERATIVE, 10);
    List<JsonObject> orders = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      JsonObject order = placeConfirmed();
      UUID id = UUID.fromString(order.getString("id"));
      assertThat(fulfil(cooperative, id, "accept", null).statusCode()).isEqualTo(200);
      assertThat(fulfil(cooperative, id, "ship", null).statusCode()).isEqualTo(200);
      orders.add(order);
    }
    // Every delivery at once, and half of them twice (a retried tap): twelve invoices.
    List<Future<HttpResponse<Buffer>>> deliveries = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      for (int time = 0; time < (i % 2 == 0 ? 2 : 1); time++) {
        deliveries.add(
            http.post(
                    "/api/orders/"
                        + orders.get(i).getString("id")
                        + "/cooperatives/"
                        + COOPERATIVE
                        + "/deliver")
                .bearerTokenAuthentication(cooperative)
                .send());
      }
    }
    await(Future.all(deliveries), 30);
    assertThat(deliveries).allMatch(done -> done.result().statusCode() == 200);

    try (Connection connection = connection();
        ResultSet terms =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT terms_version FROM orders.orders WHERE id = '"
                        + orders.get(0).getString("id")
                        + "'")) {
      assertThat(terms.next()).isTrue();
      assertThat(terms.getString(1)).as("the terms its shopper accepted").isEqualTo("2026-12-01");
    }
    List<Long> numbers = invoiceNumbers();
    assertThat(numbers)
        .as("every document of the cooperative, this test's and the others': 1, 2, 3 … N")
        .isEqualTo(LongStream.rangeClosed(1, numbers.size()).boxed().toList());
    JsonObject first = orders.get(0);
    JsonArray invoices = invoicesOf(first).getJsonArray("items");
    assertThat(invoices).hasSize(1);
    JsonObject invoice = invoices.getJsonObject(0);
    assertThat(invoice.getString("number")).matches("F-\\d{6}");
    assertThat(invoice.getLong("totalCentimes")).as("the bottle and its shipping").isEqualTo(10500);

    HttpResponse<Buffer> pdf =
        await(
            http.get(invoice.getString("pdf"))
                .putHeader("X-Order-Token", first.getString("accessToken"))
                .send(),
            20);
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.getHeader("Content-Type")).isEqualTo("application/pdf");
    try (PDDocument document = Loader.loadPDF(pdf.body().getBytes())) {
      String text = new PDFTextStripper().getText(document);
      // Arabic read back in its letters (not boxes, not reversed) from the joined forms drawn.
      assertThat(text)
          .contains("FACTURE N° " + invoice.getString("number"))
          .contains("فاتورة رقم")
          .contains("البائع")
          .contains("الزبون")
          .contains("Coopérative test")
          .contains("Huile d'olive")
          .contains("Amina")
          .contains("105,00 DH");
    }
    JsonObject stranger = place("CASH_ON_DELIVERY");
    assertThat(
            await(
                    http.get(invoice.getString("pdf"))
                        .putHeader("X-Order-Token", stranger.getString("accessToken"))
                        .send(),
                    10)
                .statusCode())
        .as("another order's token")
        .isEqualTo(404);
    String otherCoop =
        TestPlatform.keys().token(vertx, "other", Role.COOPERATIVE, UUID.randomUUID(), 10);
    assertThat(
            await(
                    http.get(invoice.getString("pdf")).bearerTokenAuthentication(otherCoop).send(),
                    10)
                .statusCode())
        .isEqualTo(404);
    assertThat(
            await(
                    http.get(invoice.getString("pdf"))
                        .bearerTokenAuthentication(cooperative)
                        .send(),
                    10)
                .statusCode())
        .as("the seller's own")
        .isEqualTo(200);

    // An operator refunds 20 dirhams of it: a credit note, next in the same series.
    UUID refund = UUID.randomUUID();
    PaymentRefunded refunded =
        new PaymentRefunded(
            refund,
            UUID.randomUUID(),
            UUID.fromString(first.getString("id")),
            COOPERATIVE,
            PaymentMethod.CASH_ON_DELIVERY,
            2_000,
            "a chipped bottle",
            null);
    saga.await(others.publish(Topics.PAYMENT_EVENTS, refunded));
    saga.await(others.publish(Topics.PAYMENT_EVENTS, refunded));
    JsonArray afterRefund = invoicesOf(first).getJsonArray("items");
    assertThat(afterRefund).hasSize(2);
    JsonObject credit = afterRefund.getJsonObject(1);
    assertThat(credit.getString("kind")).isEqualTo("CREDIT_NOTE");
    assertThat(credit.getString("number")).startsWith("AV-");
    assertThat(credit.getLong("totalCentimes")).isEqualTo(2_000);
    assertThat(invoiceNumbers())
        .isEqualTo(LongStream.rangeClosed(1, numbers.size() + 1).boxed().toList());
  }

  @Test
  void a_shopper_takes_all_its_data_away_and_has_it_erased_and_the_books_keep_their_figures(
      Vertx vertx) throws Exception {
    String amina = "shopper-" + UUID.randomUUID();
    String aminaToken = TestPlatform.keys().token(vertx, amina, Role.SHOPPER, null, 10);
    String salma = "shopper-" + UUID.randomUUID();
    String salmaToken = TestPlatform.keys().token(vertx, salma, Role.SHOPPER, null, 10);
    String cooperative =
        TestPlatform.keys().token(vertx, "coop", Role.COOPERATIVE, COOPERATIVE, 10);
    String operator = TestPlatform.keys().token(vertx, "operator-audit", Role.OPERATOR, null, 10);

    // Amina: one order delivered (over), one still waiting; Salma: one of her own.
    JsonObject over = place(checkoutBody("CASH_ON_DELIVERY", "+212661777001"), aminaToken);
    UUID overId = UUID.fromString(over.getString("id"));
    others.publish(Topics.INVENTORY_EVENTS, new StockReserved(overId));
    phoneConfirmed(overId);
    awaitStatus(over, "CONFIRMED");
    for (String action : List.of("accept", "ship", "deliver")) {
      assertThat(fulfil(cooperative, overId, action, null).statusCode()).isEqualTo(200);
    }
    awaitStatus(over, "COMPLETED");
    JsonObject waiting = place(checkoutBody("CASH_ON_DELIVERY", "+212661777001"), aminaToken);
    JsonObject hers = place(checkoutBody("CASH_ON_DELIVERY", "+212661777002"), salmaToken);

    HttpResponse<Buffer> exported =
        await(http.get("/api/orders/mine/export").bearerTokenAuthentication(aminaToken).send(), 10);
    assertThat(exported.statusCode()).isEqualTo(200);
    assertThat(exported.getHeader("Content-Disposition")).contains("attachment");
    JsonObject data = exported.bodyAsJsonObject();
    assertThat(data.getString("subject")).isEqualTo(amina);
    assertThat(data.getJsonArray("orders").stream().map(o -> ((JsonObject) o).getString("id")))
        .containsExactlyInAnyOrder(over.getString("id"), waiting.getString("id"));
    JsonObject first = data.getJsonArray("orders").getJsonObject(0);
    assertThat(first.getJsonObject("contact").getString("phone")).isEqualTo("+212661777001");
    assertThat(first.getJsonObject("shippingAddress").getString("line1")).isEqualTo("Rue 1");
    assertThat(data.getJsonArray("verifiedPhones").getJsonObject(0).getString("phone"))
        .isEqualTo("+212661777001");
    assertThat(exported.bodyAsString())
        .as("nothing of another shopper")
        .doesNotContain(hers.getString("id"))
        .doesNotContain("+212661777002")
        .doesNotContain(salma);
    JsonArray invoiceBefore = invoicesOf(over).getJsonArray("items");

    HttpResponse<Buffer> erased =
        await(
            http.post("/api/orders/mine/erasure").bearerTokenAuthentication(aminaToken).send(), 10);
    assertThat(erased.statusCode()).isEqualTo(202);
    assertThat(erased.bodyAsJsonObject().getInteger("orders")).isEqualTo(2);
    assertThat(erased.bodyAsJsonObject().getInteger("waitingForTheirEnd"))
        .as("the order still under way keeps its contact until it ends")
        .isEqualTo(1);
    try (Connection connection = connection();
        ResultSet rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT id, contact_name, contact_phone, contact_email, shipping_address ->> 'line1',"
                        + " shipping_address ->> 'city', shopper_subject, total_centimes"
                        + " FROM orders.orders WHERE id IN ('"
                        + over.getString("id")
                        + "', '"
                        + waiting.getString("id")
                        + "', '"
                        + hers.getString("id")
                        + "')")) {
      while (rows.next()) {
        String id = rows.getString(1);
        if (id.equals(over.getString("id"))) {
          assertThat(rows.getString(2)).isEqualTo("—");
          assertThat(rows.getString(3)).isEqualTo("—");
          assertThat(rows.getString(5)).isEqualTo("—");
          assertThat(rows.getString(6)).as("the city stays, for the figures").isEqualTo("Oujda");
          assertThat(rows.getString(7)).isNull();
          assertThat(rows.getLong(8)).as("the books keep their figures").isEqualTo(10500);
        } else {
          assertThat(rows.getString(3)).as(id).startsWith("+2126617770");
        }
      }
    }
    assertThat(invoicesOf(over).getJsonArray("items"))
        .as("the invoice, as the accounting law keeps it")
        .isEqualTo(invoiceBefore);
    OrderAnonymised told = probe.awaitEvent(OrderAnonymised.class, overId);
    assertThat(told.phone()).as("so the others find their copies").isEqualTo("+212661777001");
    assertThat(told.shopperAsked()).isTrue();
    assertThat(
            await(
                    http.get("/api/orders/mine/export")
                        .bearerTokenAuthentication(aminaToken)
                        .send(),
                    10)
                .bodyAsJsonObject()
                .getJsonArray("verifiedPhones"))
        .isEmpty();

    // Reading the numbers of refused parcels is personal data: the operator's reading is logged.
    assertThat(
            await(
                    http.get("/api/orders/ops/refusals").bearerTokenAuthentication(operator).send(),
                    10)
                .statusCode())
        .isEqualTo(200);
    JsonArray log =
        await(
                http.get("/api/orders/ops/personal-data-access?operator=operator-audit")
                    .bearerTokenAuthentication(operator)
                    .send(),
                10)
            .bodyAsJsonObject()
            .getJsonArray("items");
    assertThat(log).isNotEmpty();
    assertThat(log.getJsonObject(0).getString("what")).isEqualTo("the numbers of refused parcels");
  }

  @Test
  void a_guests_contact_is_anonymised_once_the_retention_has_passed() throws Exception {
    JsonObject old = placeConfirmed("+212661888001");
    UUID id = UUID.fromString(old.getString("id"));
    HttpResponse<Buffer> cancelled =
        await(
            http.post("/api/orders/" + id + "/cancel")
                .putHeader("X-Order-Token", old.getString("accessToken"))
                .send(),
            10);
    assertThat(cancelled.statusCode()).isEqualTo(200);
    // Ended three years ago, as far as the retention can tell.
    sql("UPDATE orders.orders SET updated_at = now() - interval '3 years' WHERE id = '" + id + "'");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              try (Connection connection = connection();
                  ResultSet row =
                      connection
                          .createStatement()
                          .executeQuery(
                              "SELECT contact_phone FROM orders.orders WHERE id = '" + id + "'")) {
                return row.next() && row.getString(1).equals("—");
              }
            });
    assertThat(probe.awaitEvent(OrderAnonymised.class, id).shopperAsked()).isFalse();
  }

  private static JsonObject invoicesOf(JsonObject order) {
    return await(
            http.get("/api/orders/" + order.getString("id") + "/invoices")
                .putHeader("X-Order-Token", order.getString("accessToken"))
                .send(),
            10)
        .bodyAsJsonObject();
  }

  private static Connection connection() throws Exception {
    PostgresSettings pg = PostgresSettings.from(settings);
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  private static List<Long> invoiceNumbers() throws Exception {
    try (Connection connection = connection();
        Statement query = connection.createStatement();
        ResultSet rows =
            query.executeQuery(
                "SELECT number FROM orders.invoices WHERE cooperative_id = '"
                    + COOPERATIVE
                    + "' ORDER BY number")) {
      List<Long> numbers = new ArrayList<>();
      while (rows.next()) {
        numbers.add(rows.getLong(1));
      }
      return numbers;
    }
  }

  /** A cash-on-delivery order of one bottle, confirmed and delivered. */
  private static JsonObject delivered(String cooperative) {
    JsonObject order = placeConfirmed();
    UUID id = UUID.fromString(order.getString("id"));
    for (String action : List.of("accept", "ship", "deliver")) {
      assertThat(fulfil(cooperative, id, action, null).statusCode()).isEqualTo(200);
    }
    return order;
  }

  private static HttpResponse<Buffer> withdraw(JsonObject order, String key, JsonArray lines) {
    JsonObject body = new JsonObject().put("cooperativeId", COOPERATIVE.toString());
    if (lines != null) {
      body.put("lines", lines);
    }
    return await(
        http.post("/api/orders/" + order.getString("id") + "/withdrawals")
            .putHeader("X-Order-Token", order.getString("accessToken"))
            .putHeader("Idempotency-Key", key)
            .sendJsonObject(body),
        10);
  }

  private static HttpResponse<Buffer> received(String bearer, UUID order) {
    return await(
        http.post("/api/orders/" + order + "/withdrawals/" + COOPERATIVE + "/received")
            .bearerTokenAuthentication(bearer)
            .send(),
        10);
  }

  private static JsonObject line(UUID product, int quantity) {
    return new JsonObject().put("productId", product.toString()).put("quantity", quantity);
  }

  /** The fair, from {@code from} to {@code to}, with the test's cooperative at stand B7. */
  private static void announceFair(UUID id, String slug, LocalDate from, LocalDate to) {
    new Handled(settings, OrderService.SCHEMA, OrderService.NAME + ".catalog")
        .await(
            others.publish(
                Topics.CATALOG_EVENTS,
                new FairScheduled(
                    id,
                    slug,
                    "fair-" + slug,
                    Map.of("fr", "Salon de l'Oriental", "ar", "معرض الشرق"),
                    "oriental",
                    Map.of("fr", "Oujda", "ar", "وجدة"),
                    Map.of("fr", "Parc Lalla Aicha"),
                    from,
                    to,
                    List.of(new FairScheduled.Stand(COOPERATIVE, "B7")))));
  }

  /** A cash order of one bottle of oil, collected at the fair {@code slug}: no address. */
  private static JsonObject pickUpAt(String slug) {
    JsonObject body = checkoutBody("CASH_ON_DELIVERY", "+212612345678").put("pickupAt", slug);
    body.remove("shippingAddress");
    return body;
  }

  private static HttpResponse<Buffer> handOver(String cooperative, String code) {
    return await(
        http.post("/api/cooperatives/" + COOPERATIVE + "/pickups/" + code + "/hand-over")
            .bearerTokenAuthentication(cooperative)
            .send(),
        10);
  }

  private static HttpResponse<Buffer> checkoutOnce(JsonObject body) {
    return await(checkout("once-" + UUID.randomUUID(), null).sendJsonObject(body), 10);
  }

  private static void cancel(JsonObject order) {
    assertThat(
            await(
                    http.post("/api/orders/" + order.getString("id") + "/cancel")
                        .putHeader("X-Order-Token", order.getString("accessToken"))
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(200);
    awaitStatus(order, "CANCELLED");
  }

  private static long sum(JsonArray rows, String field) {
    return rows.stream().mapToLong(row -> ((JsonObject) row).getLong(field)).sum();
  }

  /** Two bottles of olive oil and a box of dates. */
  private static JsonObject oilAndDates() {
    return checkoutBody("CASH_ON_DELIVERY", "+212612345678")
        .put("lines", new JsonArray().add(line(PRODUCT, 2)).add(line(DATES, 1)));
  }

  private static void sql(String statement) throws Exception {
    try (Connection connection = connection();
        Statement update = connection.createStatement()) {
      assertThat(update.executeUpdate(statement)).as(statement).isEqualTo(1);
    }
  }

  private static JsonObject bySource(JsonArray items, String source) {
    return items.stream()
        .map(JsonObject.class::cast)
        .filter(item -> source.equals(item.getString("source")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(source + " not in " + items.encode()));
  }

  /** A cash-on-delivery order placed from a link tagged {@code source}. */
  private static JsonObject placeFrom(String source) {
    JsonObject body = checkoutBody("CASH_ON_DELIVERY", "+212612345678").put("source", source);
    String key = "tagged-" + UUID.randomUUID();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> await(checkout(key, null).sendJsonObject(body), 10).statusCode() == 201);
    return await(checkout(key, null).sendJsonObject(body), 10).bodyAsJsonObject();
  }

  /** A cash-on-delivery order taken to CONFIRMED: its stock reserved and its payment authorized. */
  private static JsonObject placeConfirmed() {
    return placeConfirmed("+212612345678");
  }

  private static JsonObject placeConfirmed(String phone) {
    return placeConfirmed(checkoutBody("CASH_ON_DELIVERY", phone));
  }

  private static JsonObject placeConfirmed(JsonObject body) {
    JsonObject order = place(body, null);
    UUID id = UUID.fromString(order.getString("id"));
    others.publish(Topics.INVENTORY_EVENTS, new StockReserved(id));
    phoneConfirmed(id);
    awaitStatus(order, "CONFIRMED");
    return order;
  }

  /**
   * Plays notification-service: once the order asked for its shopper's phone, the shopper proves
   * it.
   */
  private static void phoneConfirmed(UUID id) {
    probe.awaitEvent(PhoneConfirmationRequested.class, id);
    replies.await(
        others.publish(
            Topics.NOTIFICATION_EVENTS, new PhoneConfirmed(id, PhoneConfirmed.Proof.TYPED_CODE)));
  }

  private static JsonObject place() {
    return place("CASH_ON_DELIVERY");
  }

  private static JsonObject place(String paymentMethod) {
    return place(paymentMethod, "+212612345678", null);
  }

  private static JsonObject place(String paymentMethod, String phone, String bearer) {
    return place(checkoutBody(paymentMethod, phone), bearer);
  }

  private static JsonObject place(JsonObject body, String bearer) {
    // The catalog's events reach the read model asynchronously: until they have, the product is
    // unknown,
    // the checkout is refused and nothing is written, so the same checkout is simply retried.
    String key = "saga-" + UUID.randomUUID();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> await(checkout(key, bearer).sendJsonObject(body), 10).statusCode() == 201);
    return await(checkout(key, bearer).sendJsonObject(body), 10).bodyAsJsonObject();
  }

  /** The answer to the checkout that placed the order (not to a retry of it). */
  private static JsonObject placedFresh(JsonObject body, String bearer) {
    // Until the catalog's events reach the read model the checkout is refused, writing nothing:
    // each attempt has a key of its own, so the one that succeeds is answered as new.
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> await(checkout("fresh-" + UUID.randomUUID(), bearer).sendJsonObject(body), 10),
            response -> response.statusCode() == 201)
        .bodyAsJsonObject();
  }

  /** One checkout of the product for {@code phone}, answered as it is. */
  private static HttpResponse<Buffer> checkoutOnce(String paymentMethod, String phone) {
    return await(
        checkout("once-" + UUID.randomUUID(), null)
            .sendJsonObject(checkoutBody(paymentMethod, phone)),
        10);
  }

  private static JsonObject checkoutBody(String paymentMethod, String phone) {
    return new JsonObject()
        .put(
            "lines",
            new JsonArray()
                .add(new JsonObject().put("productId", PRODUCT.toString()).put("quantity", 1)))
        .put("contact", new JsonObject().put("name", "Amina").put("phone", phone))
        .put(
            "shippingAddress",
            new JsonObject().put("line1", "Rue 1").put("city", "Oujda").put("region", "oriental"))
        .put("paymentMethod", paymentMethod)
        .put("termsVersion", "2026-12-01");
  }

  private static HttpResponse<Buffer> fulfil(
      String cooperative, UUID order, String action, JsonObject body) {
    HttpRequest<Buffer> request =
        http.post("/api/orders/" + order + "/cooperatives/" + COOPERATIVE + "/" + action)
            .bearerTokenAuthentication(cooperative);
    return await(body == null ? request.send() : request.sendJsonObject(body), 10);
  }

  private static HttpRequest<Buffer> checkout(String key, String bearer) {
    HttpRequest<Buffer> request = http.post("/api/orders").putHeader("Idempotency-Key", key);
    return bearer == null ? request : request.bearerTokenAuthentication(bearer);
  }

  private static JsonObject track(JsonObject order) {
    return await(
            http.get("/api/orders/" + order.getString("id"))
                .putHeader("X-Order-Token", order.getString("accessToken"))
                .send(),
            10)
        .bodyAsJsonObject();
  }

  private static void awaitStatus(JsonObject order, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status.equals(track(order).getString("status")));
  }
}
