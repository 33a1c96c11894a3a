package ma.tadamon.payment;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.auth.TokenDigest;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.platform.testing.EventPublisher;
import ma.tadamon.platform.testing.Handled;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import ma.tadamon.sandbox.SandboxGateway;
import org.awaitility.Awaitility;

/**
 * payment-service on real Kafka and PostgreSQL with the card gateway sandbox, and this test playing
 * order-service: it reserves orders, pays for them at the sandbox's hosted page as a shopper would,
 * and watches {@code payment.events}.
 */
final class PaymentsUnderTest implements AutoCloseable {

  static final String MERCHANT = "tadamon-test";
  static final String SECRET = "payment-test-secret-0123456789abcdefghijkl";
  static final String API_USER = "tadamon-api";
  static final String API_PASSWORD = "api-test-password";

  /** An order as order-service announced it, and its shopper's tracking token. */
  record Order(
      UUID id, String token, PaymentMethod method, List<OrderReserved.CooperativeAmount> parts) {

    long total() {
      return parts.stream().mapToLong(OrderReserved.CooperativeAmount::amountCentimes).sum();
    }
  }

  private final Vertx vertx;
  private final Settings settings;
  private RunningService service;
  private final String sandboxDeployment;
  final int sandboxPort;
  final WebClient http;
  final WebClient browser;
  final EventPublisher orderService;
  final TopicProbe payments;
  final String operator;
  private final Map<UUID, String> attempts = new ConcurrentHashMap<>();

  private PaymentsUnderTest(
      Vertx vertx, Settings settings, String sandboxDeployment, int sandboxPort) {
    this.vertx = vertx;
    this.settings = settings;
    this.sandboxDeployment = sandboxDeployment;
    this.sandboxPort = sandboxPort;
    this.http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(settings.getInt("HTTP_PORT", 0)));
    this.browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    this.orderService = new EventPublisher(vertx, "/order-service-under-test");
    this.payments = TopicProbe.watch(vertx, Topics.PAYMENT_EVENTS);
    this.operator = TestPlatform.keys().token(vertx, "operator-1", Role.OPERATOR, null, 30);
  }

  static PaymentsUnderTest start(Vertx vertx, String database, Map<String, String> overrides) {
    int sandboxPort = FreePorts.next();
    String deployment =
        await(
            vertx.deployVerticle(
                new SandboxGateway(MERCHANT, SECRET, API_USER, API_PASSWORD, sandboxPort)),
            30);
    Settings base = TestPlatform.settingsWithOwnDatabase(database);
    Settings settings =
        base.with(
                Map.of(
                    "PAYMENT_CARD_GATEWAY_URL",
                    "http://localhost:" + sandboxPort + "/pay",
                    "PAYMENT_CARD_API_URL",
                    "http://localhost:" + sandboxPort + SandboxGateway.MERCHANT_API,
                    "PAYMENT_CARD_API_USER",
                    API_USER,
                    "PAYMENT_CARD_API_PASSWORD",
                    API_PASSWORD,
                    "PAYMENT_CARD_MERCHANT_ID",
                    MERCHANT,
                    "PAYMENT_CARD_SECRET",
                    SECRET,
                    "PAYMENT_CALLBACK_BASE_URL",
                    "http://localhost:" + base.getInt("HTTP_PORT", 0),
                    "PAYMENT_SHOPPER_RETURN_URL",
                    "http://localhost:8080/order.html",
                    "PAYMENT_REFUND_CHECK_SECONDS",
                    "1"))
            .with(overrides);
    PaymentsUnderTest under = new PaymentsUnderTest(vertx, settings, deployment, sandboxPort);
    under.startService(Map.of());
    return under;
  }

  /** Proof of what the service's consumer of order events has handled, and what it wrote. */
  Handled orderEvents() {
    return new Handled(settings, PaymentService.SCHEMA, PaymentService.NAME + ".orders");
  }

  /** Starts (or starts again) the service with some settings changed. */
  void startService(Map<String, String> overrides) {
    service =
        await(
            ServiceRuntime.start(
                PaymentService.NAME, settings.with(overrides), PaymentService::new),
            120);
  }

  void stopService() {
    await(service.close(), 30);
  }

  String cooperativeToken(UUID cooperative) {
    return TestPlatform.keys().token(vertx, "coop-member", Role.COOPERATIVE, cooperative, 30);
  }

  /**
   * order-service held the order's stock: a card order is announced reserved (its payment opens,
   * pending), a cash-on-delivery order confirmed (its payment opens, authorized). Amounts include
   * 25 MAD shipping each.
   */
  Order reserve(PaymentMethod method, long... partAmounts) {
    Order order = order(method, partAmounts);
    orderService.publish(
        Topics.ORDER_EVENTS,
        method == PaymentMethod.CASH_ON_DELIVERY ? confirmed(order) : reserved(order));
    return order;
  }

  /** A cash-on-delivery order not announced yet, of parts of these amounts. */
  static Order cashOrder(long... partAmounts) {
    return order(PaymentMethod.CASH_ON_DELIVERY, partAmounts);
  }

  /** The orders' confirmations in one send: the consumer takes them in batches. */
  List<EventEnvelope> confirmTogether(List<Order> orders) {
    return orderService.publish(
        Topics.ORDER_EVENTS,
        orders.stream().map(PaymentsUnderTest::confirmed).toArray(OrderConfirmed[]::new));
  }

  /** The cash-on-delivery order's confirmation, published again (a relay's second send). */
  List<EventEnvelope> confirmAgain(Order order) {
    return orderService.publish(Topics.ORDER_EVENTS, confirmed(order));
  }

  /**
   * A cash-on-delivery order announced reserved, as order-service did before it confirmed them
   * without waiting for payment-service.
   */
  Order reserveCashAsBefore(long... partAmounts) {
    Order order = order(PaymentMethod.CASH_ON_DELIVERY, partAmounts);
    orderService.publish(Topics.ORDER_EVENTS, reserved(order));
    return order;
  }

  private static Order order(PaymentMethod method, long... partAmounts) {
    List<OrderReserved.CooperativeAmount> parts =
        Arrays.stream(partAmounts)
            .mapToObj(
                amount -> new OrderReserved.CooperativeAmount(UUID.randomUUID(), amount, 2_500))
            .toList();
    return new Order(UUID.randomUUID(), "token-" + UUID.randomUUID(), method, parts);
  }

  private static OrderReserved reserved(Order order) {
    return new OrderReserved(
        order.id(),
        code(order),
        "fr",
        order.method(),
        order.total(),
        order.parts(),
        TokenDigest.of(order.token()));
  }

  private static OrderConfirmed confirmed(Order order) {
    return new OrderConfirmed(
        order.id(),
        code(order),
        "fr",
        new OrderConfirmed.Contact("Khadija", "+212661234567", null),
        "Tiznit",
        order.method(),
        order.total(),
        order.parts().stream()
            .map(
                part ->
                    new OrderConfirmed.CooperativePart(
                        part.cooperativeId(),
                        part.amountCentimes(),
                        List.of(),
                        null,
                        part.shippingCentimes()))
            .toList(),
        null,
        null,
        null,
        TokenDigest.of(order.token()));
  }

  private static String code(Order order) {
    return "TDM-" + order.id().toString().substring(0, 6);
  }

  /** The order's payment once it is authorized (a cash one as soon as it is opened). */
  JsonObject awaitAuthorized(Order order) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> payment(order),
            payment -> payment != null && "AUTHORIZED".equals(payment.getString("status")));
  }

  UUID cooperative(Order order, int part) {
    return order.parts().get(part).cooperativeId();
  }

  /** The shopper's browser asks for the hosted page, with the name and e-mail it was given. */
  HttpResponse<Buffer> checkout(Order order) {
    return await(
        http.post("/api/payments/" + order.id() + "/checkout")
            .putHeader("X-Order-Token", order.token())
            .sendJsonObject(
                new JsonObject().put("name", "Khadija Ait Ali").put("email", "khadija@example.ma")),
        10);
  }

  /**
   * The shopper's trip to the hosted page: checkout, the page, the chosen button. Answers where the
   * gateway sends the browser back.
   */
  String payAtGateway(Order order, String decision) {
    JsonObject redirect = awaitCheckout(order).bodyAsJsonObject().getJsonObject("redirect");
    String page = openHostedPage(redirect);
    return decide(page, decision);
  }

  /** Checkout, retried until the reservation has reached payment-service. */
  HttpResponse<Buffer> awaitCheckout(Order order) {
    HttpResponse<Buffer> started =
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> checkout(order), response -> response.statusCode() == 200);
    attempts.put(
        order.id(),
        started
            .bodyAsJsonObject()
            .getJsonObject("redirect")
            .getJsonObject("fields")
            .getString("oid"));
    return started;
  }

  /** The attempt id (the gateway's "oid") of the order's latest checkout. */
  String lastAttempt(Order order) {
    return attempts.get(order.id());
  }

  String openHostedPage(JsonObject redirect) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    redirect
        .getJsonObject("fields")
        .forEach(field -> form.add(field.getKey(), String.valueOf(field.getValue())));
    HttpResponse<Buffer> page =
        await(browser.postAbs(redirect.getString("url")).sendForm(form), 10);
    if (page.statusCode() != 200) {
      throw new AssertionError("the hosted page refused the request: " + page.bodyAsString());
    }
    return page.bodyAsString();
  }

  String decide(String page, String decision) {
    Matcher action = Pattern.compile("action=\"(/pay/[^\"]+/" + decision + ")\"").matcher(page);
    if (!action.find()) {
      throw new AssertionError("no " + decision + " button on the hosted page");
    }
    HttpResponse<Buffer> back =
        await(browser.post(sandboxPort, "localhost", action.group(1)).send(), 30);
    return back.getHeader("Location");
  }

  /** The callbacks the sandbox sent, as its merchant console lists them. */
  List<JsonObject> callbacksSent() {
    return await(browser.get(sandboxPort, "localhost", "/api/callbacks").send(), 10)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  /**
   * The acquirer's answer to the next merchant API request (a refund, a capture, a release) is lost
   * on the way back, after it was done there ({@code applied}) or before.
   */
  void loseNextMerchantApiAnswer(boolean applied) {
    assertThat(
            await(
                    browser
                        .post(sandboxPort, "localhost", "/api/faults/next-answer-lost")
                        .addQueryParam("applied", String.valueOf(applied))
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(204);
  }

  /** Every merchant API request the sandbox was sent (Type Credit, PostAuth, Void), as listed. */
  List<JsonObject> merchantApiOperations() {
    return await(browser.get(sandboxPort, "localhost", "/api/operations").send(), 10)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  /** The refunds (merchant API credits) the sandbox was asked for, as its console lists them. */
  List<JsonObject> refundsAtGateway() {
    return await(browser.get(sandboxPort, "localhost", "/api/refunds").send(), 10)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  HttpResponse<Buffer> postCallback(String provider, Map<String, String> fields) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    fields.forEach(form::add);
    return await(http.post("/api/payments/callback/" + provider).sendForm(form), 10);
  }

  JsonObject payment(Order order) {
    HttpResponse<Buffer> response =
        await(
            http.get("/api/payments/orders/" + order.id())
                .bearerTokenAuthentication(operator)
                .send(),
            10);
    return response.statusCode() == 200 ? response.bodyAsJsonObject() : null;
  }

  JsonObject balances() {
    return await(
            http.get("/api/payments/ledger/balances").bearerTokenAuthentication(operator).send(),
            10)
        .bodyAsJsonObject();
  }

  @Override
  public void close() {
    orderService.close();
    payments.close();
    stopService();
    await(vertx.undeploy(sandboxDeployment), 10);
  }
}
