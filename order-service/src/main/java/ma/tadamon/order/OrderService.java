package ma.tadamon.order;

import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeUpdated;
import ma.tadamon.events.catalog.CooperativeVerified;
import ma.tadamon.events.catalog.FairScheduled;
import ma.tadamon.events.catalog.ProductAvailabilityChanged;
import ma.tadamon.events.catalog.ProductPriceChanged;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.events.catalog.ProductUpdated;
import ma.tadamon.events.catalog.ProductWithdrawn;
import ma.tadamon.events.catalog.StandSaleRecorded;
import ma.tadamon.events.inventory.StockRejected;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.inventory.StockReserved;
import ma.tadamon.events.notification.CooperativeReplied;
import ma.tadamon.events.notification.PhoneConfirmationFailed;
import ma.tadamon.events.notification.PhoneConfirmed;
import ma.tadamon.events.payment.PaymentAuthorized;
import ma.tadamon.events.payment.PaymentFailed;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.order.api.CheckoutLimits;
import ma.tadamon.order.api.FulfilmentApi;
import ma.tadamon.order.api.InvoiceApi;
import ma.tadamon.order.api.OrderApi;
import ma.tadamon.order.api.OrderLinkApi;
import ma.tadamon.order.api.PersonalDataApi;
import ma.tadamon.order.api.RefusalApi;
import ma.tadamon.order.api.WithdrawalApi;
import ma.tadamon.order.domain.AccessTokens;
import ma.tadamon.order.domain.CatalogFair;
import ma.tadamon.order.domain.ShippingFees;
import ma.tadamon.order.domain.WithdrawalPolicy;
import ma.tadamon.order.events.CatalogProjection;
import ma.tadamon.order.events.CooperativeReplies;
import ma.tadamon.order.events.OrderSaga;
import ma.tadamon.order.store.CampaignFigures;
import ma.tadamon.order.store.CatalogReadModel;
import ma.tadamon.order.store.InvoiceStore;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.order.store.OrderRepository;
import ma.tadamon.order.store.PersonalDataStore;
import ma.tadamon.order.store.RefusalStore;
import ma.tadamon.order.store.WithdrawalStore;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.ratelimit.ProofOfWork;
import ma.tadamon.platform.ratelimit.RateLimiter;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.PeriodicTask;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceVerticle;

/** The order service: checkout, the order saga, per-cooperative fulfilment and the order views. */
public final class OrderService extends ServiceVerticle {

  public static final String NAME = "order-service";
  public static final String SCHEMA = "orders";

  private AccessTokens tokens;
  private String proofOfWorkSecret;
  private Duration cardPaymentTimeout;
  private Duration phoneConfirmationTimeout;
  private Checkout.RefusalRule refusalRule;
  private Duration refusalsRetention;
  private WithdrawalPolicy withdrawalPolicy;
  private int vatBasisPoints;
  private Duration guestContactRetention;

  public OrderService(ServiceContext context) {
    super(context, SCHEMA);
  }

  @Override
  protected Future<Void> checkConfiguration() {
    // Required before anything else: without it guest orders could not be tracked, or could be by
    // anyone.
    tokens = new AccessTokens(context.settings().required("ORDER_ACCESS_TOKEN_SECRET"));
    // Without it anyone could sign their own challenges and pass the checkout's address limit.
    proofOfWorkSecret = context.settings().required("PROOF_OF_WORK_SECRET");
    // Shorter than the catalog's stock hold (30 minutes), so the order says why it ended before the
    // hold lapses.
    cardPaymentTimeout =
        Duration.ofSeconds(context.settings().getLong("ORDER_CARD_PAYMENT_TIMEOUT_SECONDS", 900));
    // Long enough to wait for an SMS on a weak network and type it; short enough that stock held by
    // orders placed with made-up numbers is back on sale soon, well before the catalog's hold ends.
    phoneConfirmationTimeout =
        Duration.ofSeconds(
            context.settings().getLong("ORDER_PHONE_CONFIRMATION_TIMEOUT_SECONDS", 600));
    // Two refusals in ninety days: one may be a misunderstanding, two is a habit
    // (docs/security.md).
    refusalRule =
        new Checkout.RefusalRule(
            context.settings().getLong("ORDER_COD_REFUSALS_LIMIT", 2),
            Duration.ofDays(context.settings().getLong("ORDER_COD_REFUSALS_WINDOW_DAYS", 90)));
    refusalsRetention =
        Duration.ofDays(context.settings().getLong("ORDER_REFUSALS_RETENTION_DAYS", 90));
    // Cooperatives selling what they produce are exempt from VAT (docs/compliance.md): 0 unless
    // told.
    vatBasisPoints = context.settings().getInt("ORDER_INVOICE_VAT_BASIS_POINTS", 0);
    // A guest's contact serves its order, a withdrawal and a dispute: two years, then anonymised.
    guestContactRetention =
        Duration.ofDays(context.settings().getLong("ORDER_GUEST_CONTACT_RETENTION_DAYS", 730));
    // The law's terms (docs/compliance.md); each a setting where the rule may change or is unsure.
    try {
      withdrawalPolicy =
          new WithdrawalPolicy(
              context.settings().getInt("ORDER_WITHDRAWAL_DAYS", 7),
              Duration.ofDays(context.settings().getLong("ORDER_WITHDRAWAL_REFUND_DAYS", 15)),
              Set.of(
                  context
                      .settings()
                      .get(
                          "ORDER_WITHDRAWAL_EXCLUDED_CATEGORIES", WithdrawalPolicy.DEFAULT_EXCLUDED)
                      .split("\\s*,\\s*")),
              WithdrawalPolicy.PublicHolidays.parse(
                  context
                      .settings()
                      .get("ORDER_NATIONAL_HOLIDAYS", WithdrawalPolicy.PublicHolidays.NATIONAL),
                  context
                      .settings()
                      .get(
                          "ORDER_ANNOUNCED_HOLIDAYS",
                          WithdrawalPolicy.PublicHolidays.EXPECTED_RELIGIOUS)));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(e.getMessage());
    }
    return Future.succeededFuture();
  }

  @Override
  protected Future<?> wire(Foundation foundation) {
    OrderRepository repository = new OrderRepository(foundation.outbox(), context.registry());
    OrderQueries queries = new OrderQueries();
    CatalogReadModel catalog = new CatalogReadModel();
    RefusalStore refusals = new RefusalStore();
    Checkout checkout =
        new Checkout(
            foundation.pool(),
            repository,
            queries,
            catalog,
            foundation.outbox(),
            ShippingFees.STANDARD,
            refusals,
            refusalRule,
            Clock.systemUTC());
    OrderSaga saga = new OrderSaga(repository, tokens, phoneConfirmationTimeout);
    CatalogProjection projection = new CatalogProjection(catalog);

    Router router = foundation.router();

    foundation.mountDeadLetters(router, "/api/orders");
    WithdrawalStore withdrawalStore = new WithdrawalStore();
    InvoiceStore invoiceStore = new InvoiceStore();
    PersonalData personalData =
        new PersonalData(
            foundation.pool(),
            new PersonalDataStore(),
            queries,
            withdrawalStore,
            invoiceStore,
            guestContactRetention,
            foundation.outbox());
    new RefusalApi(
            refusals,
            foundation.pool(),
            foundation.authentication(),
            refusalRule.limit(),
            personalData)
        .mount(router);
    new PersonalDataApi(personalData, foundation.authentication(), Clock.systemUTC()).mount(router);
    Invoices invoices =
        new Invoices(
            foundation.pool(),
            invoiceStore,
            repository,
            withdrawalStore,
            vatBasisPoints,
            Clock.systemUTC());
    Fulfilment fulfilment =
        new Fulfilment(foundation.pool(), repository, queries, refusals, invoices);
    CooperativeReplies replies = new CooperativeReplies(fulfilment, queries, foundation.outbox());
    new FulfilmentApi(fulfilment, queries, foundation.pool(), foundation.authentication())
        .mount(router);
    Withdrawals withdrawals =
        new Withdrawals(
            foundation.pool(),
            repository,
            withdrawalStore,
            foundation.outbox(),
            withdrawalPolicy,
            Clock.systemUTC());
    new WithdrawalApi(
            withdrawals,
            queries,
            foundation.pool(),
            tokens,
            foundation.authentication(),
            Clock.systemUTC())
        .mount(router);
    new InvoiceApi(vertx, invoices, queries, foundation.pool(), tokens, foundation.authentication())
        .mount(router);
    new OrderLinkApi(queries, foundation.pool(), tokens).mount(router);
    AtomicLong overdueRefunds = new AtomicLong();
    Gauge.builder("tadamon_withdrawal_refunds_overdue", overdueRefunds, AtomicLong::get)
        .description("Withdrawals not refunded within the law's days")
        .register(context.registry());

    Future<RateLimiter> limiter = foundation.rateLimiter();
    Future<ProofOfWork> proofOfWork = foundation.proofOfWork(proofOfWorkSecret);
    return Future.all(limiter, proofOfWork)
        .map(
            started -> {
              new OrderApi(
                      checkout,
                      fulfilment,
                      queries,
                      foundation.pool(),
                      tokens,
                      foundation.authentication(),
                      new CheckoutLimits(
                          limiter.result(), proofOfWork.result(), context.settings()),
                      withdrawals,
                      Clock.systemUTC())
                  .mount(router);
              return started;
            })
        .compose(v -> foundation.startOutboxRelay())
        .compose(
            v ->
                foundation.consume(
                    "catalog",
                    Set.of(Topics.CATALOG_EVENTS),
                    new EventHandlers()
                        .on(CooperativeRegistered.class, projection::onCooperative)
                        .on(CooperativeVerified.class, projection::onCooperative)
                        .on(CooperativeUpdated.class, projection::onCooperative)
                        .on(ProductPublished.class, projection::onProduct)
                        .on(ProductUpdated.class, projection::onProduct)
                        .on(ProductPriceChanged.class, projection::onProduct)
                        .on(ProductWithdrawn.class, projection::onProduct)
                        .on(ProductAvailabilityChanged.class, projection::onProduct)
                        .on(StandSaleRecorded.class, projection::onStandSale)
                        .on(FairScheduled.class, projection::onFair)))
        .compose(
            v ->
                foundation.consume(
                    "saga",
                    Set.of(Topics.INVENTORY_EVENTS, Topics.PAYMENT_EVENTS),
                    new EventHandlers()
                        .onEach(StockReserved.class, saga::onStocksReserved)
                        .on(StockRejected.class, saga::onStockRejected)
                        .on(StockReleased.class, saga::onStockReleased)
                        .on(PaymentAuthorized.class, saga::onPaymentAuthorized)
                        .on(PaymentFailed.class, saga::onPaymentFailed)
                        // An invoiced part gets its credit note, and a withdrawal is settled; the
                        // order is locked first, then the withdrawal, as everywhere else.
                        .on(
                            PaymentRefunded.class,
                            (refund, envelope, tx) ->
                                invoices
                                    .onRefunded(refund, envelope, tx)
                                    .compose(
                                        credited -> withdrawals.onRefunded(refund, envelope, tx)))))
        .compose(
            v ->
                foundation.consume(
                    "replies",
                    Set.of(Topics.NOTIFICATION_EVENTS),
                    new EventHandlers()
                        .on(CooperativeReplied.class, replies::onReplied)
                        .on(PhoneConfirmed.class, saga::onPhoneConfirmed)
                        .on(PhoneConfirmationFailed.class, saga::onPhoneConfirmationFailed)))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "unpaid card orders",
                        Duration.ofSeconds(
                            context.settings().getLong("ORDER_CARD_PAYMENT_CHECK_SECONDS", 30)),
                        () -> saga.cancelUnpaidCardOrders(foundation.pool(), cardPaymentTimeout))))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "ended fairs' public figures",
                        Duration.ofSeconds(
                            context.settings().getLong("ORDER_FAIR_FIGURES_SECONDS", 300)),
                        new FairFigures(
                                foundation.pool(),
                                new CampaignFigures(),
                                foundation.outbox(),
                                Clock.systemUTC())
                            ::publishChanged)))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "parts not collected at their fair's stand",
                        Duration.ofSeconds(
                            context.settings().getLong("ORDER_PICKUP_RELEASE_CHECK_SECONDS", 300)),
                        () -> fulfilment.releaseUncollected(LocalDate.now(CatalogFair.ZONE)))))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "orders whose phone was not confirmed",
                        Duration.ofSeconds(
                            context
                                .settings()
                                .getLong("ORDER_PHONE_CONFIRMATION_CHECK_SECONDS", 15)),
                        () -> saga.cancelUnconfirmedPhoneOrders(foundation.pool()))))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "parcel refusals past their retention",
                        Duration.ofHours(1),
                        () -> refusals.purge(foundation.pool(), refusalsRetention))))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "orders whose contact is due to be anonymised",
                        Duration.ofSeconds(
                            context.settings().getLong("ORDER_ANONYMISATION_CHECK_SECONDS", 3600)),
                        personalData::anonymiseDue)))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "withdrawals whose refund is late",
                        Duration.ofMinutes(1),
                        () ->
                            withdrawals
                                .countOverdue()
                                .map(
                                    count -> {
                                      overdueRefunds.set(count);
                                      return 0; // nothing done: the count is the gauge's
                                    }))))
        .compose(v -> foundation.listen(router, 8082));
  }
}
