package ma.tadamon.notification;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeUpdated;
import ma.tadamon.events.catalog.CooperativeVerified;
import ma.tadamon.events.catalog.MemberInvited;
import ma.tadamon.events.catalog.ProductAvailabilityChanged;
import ma.tadamon.events.catalog.ProductPriceChanged;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.events.catalog.ProductUpdated;
import ma.tadamon.events.catalog.ProductWithdrawn;
import ma.tadamon.events.catalog.StandSaleAnswered;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderShipped;
import ma.tadamon.events.order.CooperativeReplyAnswered;
import ma.tadamon.events.order.OrderAnonymised;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.PhoneConfirmationRequested;
import ma.tadamon.events.order.WithdrawalRequested;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PayoutStatementIssued;
import ma.tadamon.notification.api.MarketingApi;
import ma.tadamon.notification.api.NotificationApi;
import ma.tadamon.notification.api.PhoneConfirmationApi;
import ma.tadamon.notification.api.PreferencesApi;
import ma.tadamon.notification.api.ShopperDataApi;
import ma.tadamon.notification.api.SmsBudgetApi;
import ma.tadamon.notification.api.SmsInboundApi;
import ma.tadamon.notification.channels.ChannelSender;
import ma.tadamon.notification.channels.SmppSender;
import ma.tadamon.notification.channels.SmppSettings;
import ma.tadamon.notification.channels.SmtpSender;
import ma.tadamon.notification.channels.WebhookSender;
import ma.tadamon.notification.domain.DeliveryPolicy;
import ma.tadamon.notification.events.OrderNotifications;
import ma.tadamon.notification.marketing.UnsubscribeLinks;
import ma.tadamon.notification.phone.PhoneCodes;
import ma.tadamon.notification.phone.ShopperSmsAllowance;
import ma.tadamon.notification.phone.SmsDestinations;
import ma.tadamon.notification.store.ConsentStore;
import ma.tadamon.notification.store.DeliveryStore;
import ma.tadamon.notification.store.InboundSmsStore;
import ma.tadamon.notification.store.NotificationStore;
import ma.tadamon.notification.store.PhoneConfirmationStore;
import ma.tadamon.notification.store.ShopperDataStore;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.PeriodicTask;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification service: what each cooperative and shopper is owed (from order and payment
 * events), delivered by SMS over SMPP, e-mail over SMTP and signed webhooks, with retries, quiet
 * hours and dead letters; and cooperatives' SMS replies turned into commands for order-service. A
 * channel whose server is not configured (no SMPP_HOST, no SMTP_HOST) keeps its messages PENDING
 * until it is.
 */
public final class NotificationService extends ServiceVerticle {

  public static final String NAME = "notification-service";
  public static final String SCHEMA = "notifications";
  private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

  private SmppSender smpp;
  private PhoneCodes phoneCodes;
  private SmsDestinations smsDestinations;
  private NotificationDelivery delivery;
  private UnsubscribeLinks unsubscribeLinks;

  public NotificationService(ServiceContext context) {
    super(context, SCHEMA);
  }

  @Override
  protected Future<Void> checkConfiguration() {
    // Required before anything else: without it codes could be kept only as themselves.
    phoneCodes = new PhoneCodes(context.settings().required("NOTIFICATION_PHONE_CODE_SECRET"));
    smsDestinations = SmsDestinations.from(context.settings());
    // The same secret, under a key of its own: a leaked link never helps forge a phone code.
    unsubscribeLinks =
        new UnsubscribeLinks(
            context.settings().required("NOTIFICATION_PHONE_CODE_SECRET"),
            context.settings().get("PUBLIC_BASE_URL", "http://localhost:8080"));
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> wire(Foundation foundation) {
    NotificationStore store = new NotificationStore(foundation.pool());
    DeliveryStore deliveries = new DeliveryStore(foundation.pool(), context.registry());
    OrderNotifications notifications =
        new OrderNotifications(
            store, context.settings().get("PUBLIC_BASE_URL", "http://localhost:8080"));
    PhoneConfirmationStore phoneConfirmations = new PhoneConfirmationStore();
    PhoneConfirmations phones =
        new PhoneConfirmations(
            foundation.pool(),
            phoneConfirmations,
            store,
            foundation.outbox(),
            phoneCodes,
            smsDestinations,
            context.settings().getLong("SMS_UNANSWERED_CODES_LIMIT", 2));
    Marketing marketing = new Marketing(foundation.pool(), new ConsentStore(), store);
    ForgottenContacts forgotten = new ForgottenContacts();
    SmsReplies replies =
        new SmsReplies(
            foundation.pool(),
            store,
            new InboundSmsStore(),
            foundation.outbox(),
            phones,
            marketing);

    Router router = foundation.router();

    foundation.mountDeadLetters(router, "/api/notifications");
    new NotificationApi(store, foundation.authentication()).mount(router);
    new MarketingApi(marketing, unsubscribeLinks, foundation.authentication()).mount(router);
    new PreferencesApi(deliveries, foundation.authentication()).mount(router);
    new ShopperDataApi(
            new ShopperDataStore(foundation.pool()), foundation.authentication(), Clock.systemUTC())
        .mount(router);

    return foundation
        .rateLimiter()
        .map(
            limiter -> {
              new SmsInboundApi(
                      replies,
                      context.settings().optional("SMS_INBOUND_TOKEN").orElse(null),
                      limiter,
                      context.settings())
                  .mount(router);
              new PhoneConfirmationApi(phones, limiter, context.settings()).mount(router);
              ShopperSmsAllowance allowance =
                  new ShopperSmsAllowance(
                      limiter, smsDestinations, context.settings(), context.registry());
              new SmsBudgetApi(allowance, foundation.authentication()).mount(router);
              delivery =
                  new NotificationDelivery(
                      deliveries,
                      senders(deliveries, replies),
                      policy(),
                      allowance,
                      Clock.systemUTC());
              return limiter;
            })
        .compose(v -> foundation.startOutboxRelay())
        .compose(
            v ->
                foundation.consume(
                    "contacts",
                    Set.of(Topics.CATALOG_EVENTS),
                    new EventHandlers()
                        .on(CooperativeRegistered.class, notifications::onCooperative)
                        .on(CooperativeVerified.class, notifications::onCooperative)
                        .on(CooperativeUpdated.class, notifications::onCooperative)
                        .on(MemberInvited.class, notifications::onMemberInvited)
                        .on(StandSaleAnswered.class, replies::onStandSaleAnswered)
                        .on(ProductPublished.class, notifications::onProduct)
                        .on(ProductUpdated.class, notifications::onProduct)
                        .on(ProductPriceChanged.class, notifications::onProduct)
                        .on(ProductAvailabilityChanged.class, notifications::onProduct)
                        .on(ProductWithdrawn.class, notifications::onProduct)))
        .compose(
            v ->
                foundation.consume(
                    "orders",
                    Set.of(Topics.ORDER_EVENTS, Topics.PAYMENT_EVENTS),
                    new EventHandlers()
                        .onEach(
                            OrderConfirmed.class,
                            (confirmed, tx) ->
                                notifications
                                    .onOrdersConfirmed(confirmed, tx)
                                    .compose(told -> marketing.onOrdersConfirmed(confirmed, tx)))
                        .on(OrderCancelled.class, notifications::onOrderCancelled)
                        .on(CooperativeOrderShipped.class, notifications::onShipped)
                        .on(CooperativeOrderDelivered.class, notifications::onDelivered)
                        .on(WithdrawalRequested.class, notifications::onWithdrawalRequested)
                        .on(OrderAnonymised.class, forgotten::onOrderAnonymised)
                        .on(CooperativeReplyAnswered.class, replies::onAnswered)
                        .on(PaymentCaptured.class, notifications::onCaptured)
                        .on(PaymentRefunded.class, notifications::onRefunded)
                        .on(PayoutStatementIssued.class, notifications::onPayoutIssued)))
        .compose(
            v ->
                foundation.consume(
                    "phone-confirmations",
                    Set.of(Topics.ORDER_EVENTS),
                    new EventHandlers()
                        .on(PhoneConfirmationRequested.class, phones::onRequested)
                        .on(OrderCancelled.class, phones::onOrderCancelled)))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "phone confirmations past their retention",
                        Duration.ofHours(1),
                        () ->
                            phoneConfirmations.purge(
                                foundation.pool(),
                                // Personal data (law 09-08): kept as long as its purpose.
                                Duration.ofDays(
                                    context
                                        .settings()
                                        .getLong(
                                            "NOTIFICATION_PHONE_CONFIRMATIONS_RETENTION_DAYS",
                                            90))))))
        .compose(v -> deployDeliveryLanes())
        .compose(
            v ->
                smpp == null
                    ? Future.succeededFuture()
                    : vertx.deployVerticle(
                        new PeriodicTask(
                            "SMSC re-binds",
                            SmppSender.REBIND_AFTER,
                            () -> smpp.keepBound().map(0))))
        .compose(v -> foundation.listen(router, 8084));
  }

  @Override
  public Future<?> stop() {
    Future<Void> closed = smpp == null ? Future.succeededFuture() : smpp.close();
    return closed.eventually(() -> super.stop());
  }

  /** A lane per channel, so that each goes at its own pace (an SMSC's contracted rate). */
  private Future<Void> deployDeliveryLanes() {
    Duration every =
        Duration.ofMillis(context.settings().getLong("NOTIFICATION_DELIVERY_INTERVAL_MS", 1_000));
    List<Future<String>> lanes =
        delivery.channels().stream()
            .map(
                channel ->
                    vertx.deployVerticle(
                        new PeriodicTask(
                            "notifications delivered by " + channel,
                            every,
                            () -> delivery.deliverDue(channel))))
            .toList();
    return Future.all(lanes).mapEmpty();
  }

  /** The channels this instance can deliver on, from what is configured. */
  private List<ChannelSender> senders(DeliveryStore deliveries, SmsReplies replies) {
    List<ChannelSender> senders = new ArrayList<>();
    senders.add(
        new WebhookSender(
            WebClient.create(vertx, new WebClientOptions().setUserAgent("tadamon-webhooks")),
            Clock.systemUTC(),
            context.settings().getLong("WEBHOOK_TIMEOUT_MS", 10_000)));
    if (context.settings().optional("SMTP_HOST").isPresent()) {
      senders.add(SmtpSender.create(vertx, context.settings(), unsubscribeLinks));
    } else {
      log.warn("no SMTP_HOST: e-mails stay PENDING until a mail server is configured");
    }
    if (context.settings().optional("SMPP_HOST").isPresent()) {
      smpp =
          new SmppSender(
              vertx,
              SmppSettings.from(context.settings()),
              new SmppSender.Arrivals() {
                @Override
                public void receipt(String messageId, boolean delivered, String state) {
                  deliveries
                      .receipt(messageId, delivered, state)
                      .onFailure(
                          error ->
                              log.warn(
                                  "could not record a delivery receipt: {}", error.getMessage()));
                }

                @Override
                public void inbound(String sender, String text) {
                  replies
                      .received(sender, text, "SMPP")
                      .onFailure(
                          error ->
                              log.warn("could not handle an inbound SMS: {}", error.getMessage()));
                }
              });
      senders.add(smpp);
    } else {
      log.warn("no SMPP_HOST: SMS stay PENDING until an SMSC is configured");
    }
    return senders;
  }

  private DeliveryPolicy policy() {
    return new DeliveryPolicy(
        context.settings().getInt("NOTIFICATION_MAX_ATTEMPTS", 6),
        Duration.ofSeconds(context.settings().getLong("NOTIFICATION_FIRST_RETRY_SECONDS", 30)),
        Duration.ofSeconds(context.settings().getLong("NOTIFICATION_MAX_RETRY_SECONDS", 3_600)),
        DeliveryPolicy.MOROCCO);
  }
}
