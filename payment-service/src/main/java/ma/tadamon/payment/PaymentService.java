package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.Set;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.events.order.WithdrawalReceived;
import ma.tadamon.payment.api.CardApi;
import ma.tadamon.payment.api.CardHoldApi;
import ma.tadamon.payment.api.PaymentApi;
import ma.tadamon.payment.api.PayoutApi;
import ma.tadamon.payment.api.RefundApi;
import ma.tadamon.payment.domain.Commission;
import ma.tadamon.payment.events.OrderPayments;
import ma.tadamon.payment.gateway.CardGateway;
import ma.tadamon.payment.gateway.GatewaySettings;
import ma.tadamon.payment.gateway.HostedPageGateway;
import ma.tadamon.payment.store.CallbackAuditStore;
import ma.tadamon.payment.store.CardAttemptStore;
import ma.tadamon.payment.store.CardSettlementStore;
import ma.tadamon.payment.store.LedgerStore;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.payment.store.PayoutStore;
import ma.tadamon.payment.store.RefundStore;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.PeriodicTask;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceVerticle;

/**
 * The payment service: each reserved order's payment (cash on delivery, or a card at the gateway's
 * hosted page), captured as cooperatives deliver, voided or refunded when they decline or the order
 * is cancelled, every movement in a double-entry ledger, and the cooperatives' payout statements.
 */
public final class PaymentService extends ServiceVerticle {

  public static final String NAME = "payment-service";
  public static final String SCHEMA = "payments";

  private GatewaySettings gatewaySettings;
  private Commission commission;
  private CardPayments.Addresses addresses;
  private CardPayments.CaptureMode captureMode;

  public PaymentService(ServiceContext context) {
    super(context, SCHEMA);
  }

  @Override
  protected Future<Void> checkConfiguration() {
    gatewaySettings = GatewaySettings.from(context.settings());
    // 5 %: the platform's running costs, agreed with the cooperatives' federation; a setting, not a
    // constant.
    commission = new Commission(context.settings().getInt("PAYMENT_COMMISSION_BASIS_POINTS", 500));
    addresses =
        new CardPayments.Addresses(
            context.settings().get("PAYMENT_SHOPPER_RETURN_URL", "http://localhost:8080/"),
            context.settings().get("PAYMENT_CALLBACK_BASE_URL", "http://localhost:8080"));
    try {
      captureMode =
          CardPayments.CaptureMode.of(
              context.settings().get("PAYMENT_CARD_CAPTURE", "on-confirmation"));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new ConfigurationException(e.getMessage()));
    }
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> wire(Foundation foundation) {
    PaymentStore payments = new PaymentStore();
    RefundStore refundStore = new RefundStore();
    LedgerStore ledger = new LedgerStore();
    CallbackAuditStore callbacks = new CallbackAuditStore();
    PayoutStore statements = new PayoutStore();
    CardGateway gateway =
        new HostedPageGateway(
            context.settings().get("PAYMENT_CARD_PROVIDER", "cmi"),
            gatewaySettings,
            WebClient.create(
                vertx, new WebClientOptions().setUserAgent("tadamon-payment-service")));

    PaymentMetrics metrics = PaymentMetrics.countCommitted(foundation.outbox(), context.registry());
    CardAttemptStore attempts = new CardAttemptStore();
    Refunds refunds =
        new Refunds(payments, refundStore, ledger, foundation.outbox(), gateway, attempts);
    Captures captures = new Captures(payments, ledger, foundation.outbox(), commission);
    CardHolds holds =
        new CardHolds(payments, new CardSettlementStore(), attempts, ledger, captures, gateway);
    OrderPayments orderPayments =
        new OrderPayments(payments, refunds, foundation.outbox(), captures, holds, metrics);
    CardPayments cards =
        new CardPayments(
            foundation.pool(),
            payments,
            attempts,
            callbacks,
            ledger,
            refunds,
            holds,
            foundation.outbox(),
            gateway,
            addresses,
            captureMode);
    Payouts payouts = new Payouts(foundation.pool(), statements, ledger, foundation.outbox());

    Router router = foundation.router();

    foundation.mountDeadLetters(router, "/api/payments");
    new CardApi(cards).mount(router);
    new RefundApi(
            new OperatorRefunds(foundation.pool(), payments, refundStore, refunds),
            refunds,
            foundation.pool(),
            foundation.authentication())
        .mount(router);
    new PayoutApi(payouts, statements, foundation.pool(), foundation.authentication())
        .mount(router);
    new CardHoldApi(holds, foundation.pool(), foundation.authentication()).mount(router);
    new PaymentApi(
            payments,
            refundStore,
            ledger,
            callbacks,
            foundation.pool(),
            foundation.authentication())
        .mount(router);

    return foundation
        .startOutboxRelay()
        .compose(
            v ->
                foundation.consume(
                    "orders",
                    Set.of(Topics.ORDER_EVENTS),
                    new EventHandlers()
                        .on(OrderReserved.class, orderPayments::onOrderReserved)
                        .onEach(OrderConfirmed.class, orderPayments::onOrdersConfirmed)
                        .on(CooperativeOrderDelivered.class, orderPayments::onDelivered)
                        .on(CooperativeOrderDeclined.class, orderPayments::onDeclined)
                        .on(CooperativeOrderRefused.class, orderPayments::onRefused)
                        .on(WithdrawalReceived.class, orderPayments::onWithdrawalReceived)
                        .on(OrderCancelled.class, orderPayments::onCancelled)))
        .compose(
            v ->
                // "back-office": the acquirer has no refund API here; operators make card refunds
                // in its back office and record them (POST
                // /api/payments/refunds/{id}/done-at-acquirer).
                "back-office".equals(context.settings().get("PAYMENT_CARD_REFUNDS", "api"))
                    ? Future.succeededFuture()
                    : vertx
                        .deployVerticle(
                            new PeriodicTask(
                                "card refunds at the gateway",
                                Duration.ofSeconds(
                                    context.settings().getLong("PAYMENT_REFUND_CHECK_SECONDS", 5)),
                                () -> refunds.sendDue(foundation.pool())))
                        .mapEmpty())
        .compose(
            v ->
                // Holds are settled only with PAYMENT_CARD_CAPTURE=on-delivery; the task costs one
                // indexed query a few seconds otherwise, and settles any left from a change back.
                vertx
                    .deployVerticle(
                        new PeriodicTask(
                            "card holds captured or released at the acquirer",
                            Duration.ofSeconds(
                                context.settings().getLong("PAYMENT_REFUND_CHECK_SECONDS", 5)),
                            () -> holds.settleDue(foundation.pool())))
                    .mapEmpty())
        .compose(v -> foundation.listen(router, 8083));
  }
}
