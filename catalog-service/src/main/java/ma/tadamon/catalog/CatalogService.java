package ma.tadamon.catalog;

import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import ma.tadamon.catalog.api.CatalogApi;
import ma.tadamon.catalog.api.CooperativeApi;
import ma.tadamon.catalog.api.FairApi;
import ma.tadamon.catalog.api.MemberApi;
import ma.tadamon.catalog.api.PhotoApi;
import ma.tadamon.catalog.api.ProductApi;
import ma.tadamon.catalog.api.SignInLinkApi;
import ma.tadamon.catalog.api.StandSaleApi;
import ma.tadamon.catalog.browse.BrowseIndex;
import ma.tadamon.catalog.browse.BrowseIndexRefresher;
import ma.tadamon.catalog.browse.CooperativeDirectory;
import ma.tadamon.catalog.browse.FairCalendar;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.catalog.events.StockReservations;
import ma.tadamon.catalog.members.KeycloakMembers;
import ma.tadamon.catalog.pages.PageAddresses;
import ma.tadamon.catalog.pages.PageCache;
import ma.tadamon.catalog.pages.PageRenderer;
import ma.tadamon.catalog.pages.PageTexts;
import ma.tadamon.catalog.pages.PagesApi;
import ma.tadamon.catalog.pages.PrintedMaterial;
import ma.tadamon.catalog.pages.Sitemaps;
import ma.tadamon.catalog.photos.PhotoObjects;
import ma.tadamon.catalog.photos.ProductPhotos;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.FairStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.catalog.store.SignInLinkStore;
import ma.tadamon.catalog.store.StandSaleStore;
import ma.tadamon.catalog.store.StockStore;
import ma.tadamon.events.notification.StandSaleReported;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.FairFiguresPublished;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.events.order.OrderRejected;
import ma.tadamon.events.order.WithdrawalReceived;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.PeriodicTask;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceVerticle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog service: cooperatives, products and their stock. Reads top-down in the order it
 * starts.
 */
public final class CatalogService extends ServiceVerticle {

  public static final String NAME = "catalog-service";
  public static final String SCHEMA = "catalog";
  private static final Logger log = LoggerFactory.getLogger(CatalogService.class);
  private static final int DEMO_PHOTO_ROUNDS = 5;

  public CatalogService(ServiceContext context) {
    super(context, SCHEMA);
  }

  @Override
  protected Future<?> wire(Foundation foundation) {
    Clock clock = Clock.systemUTC();
    CooperativeStore cooperatives = new CooperativeStore(foundation.pool());
    ProductStore products = new ProductStore(foundation.pool());
    StockReservations reservations =
        new StockReservations(
            products,
            new StockStore(),
            foundation.outbox(),
            Duration.ofSeconds(context.settings().getLong("CATALOG_STOCK_HOLD_SECONDS", 1800)),
            clock);
    BrowseIndex browseIndex = new BrowseIndex();
    CooperativeDirectory directory = new CooperativeDirectory();
    FairCalendar calendar = new FairCalendar();
    FairStore fairs = new FairStore(foundation.pool());
    SignInLinkStore signInLinkStore = new SignInLinkStore(foundation.pool());
    CooperativeRegistry registry =
        new CooperativeRegistry(
            foundation.pool(),
            cooperatives,
            foundation.outbox(),
            products,
            browseIndex,
            signInLinkStore);
    Optional<KeycloakMembers> members = KeycloakMembers.from(vertx, context.settings());
    Optional<MemberSignInLinks> signInLinks =
        members.map(
            keycloak ->
                new MemberSignInLinks(
                    foundation.pool(),
                    signInLinkStore,
                    cooperatives,
                    keycloak,
                    foundation.outbox(),
                    clock));
    ProductManagement management =
        new ProductManagement(
            foundation.pool(), products, cooperatives, foundation.outbox(), browseIndex, clock);

    // Decoding photos takes a core for a second or so: a pool of its own, half the cores, so that
    // uploads never hold the workers that other blocking work needs (docs/photos.md).
    int photoWorkers =
        context
            .settings()
            .getInt("PHOTO_WORKERS", Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    WorkerExecutor photoPool =
        vertx.createSharedWorkerExecutor("photo-workers", photoWorkers, 2, TimeUnit.MINUTES);
    PhotoObjects photoObjects = PhotoObjects.fromSettings(context.settings());
    ProductPhotos photos =
        new ProductPhotos(
            management,
            photoObjects,
            photoPool,
            context.settings().getInt("PHOTO_MAX_WAITING", 16),
            vertx,
            context.registry());

    Router router = foundation.router(PhotoApi.UPLOADS);

    foundation.mountDeadLetters(router, "/api/catalog");
    new CatalogApi(products, cooperatives, browseIndex).mount(router);
    new CooperativeApi(registry, cooperatives, management, foundation.authentication())
        .mount(router);
    new ProductApi(management, foundation.authentication()).mount(router);
    new FairApi(
            new FairSchedule(foundation.pool(), fairs, calendar, foundation.outbox()),
            calendar,
            cooperatives,
            directory,
            foundation.authentication(),
            clock)
        .mount(router);
    new PhotoApi(photos, foundation.authentication()).mount(router);
    StandSaleStore standSaleStore = new StandSaleStore(foundation.pool());
    StandSales standSales =
        new StandSales(
            foundation.pool(),
            standSaleStore,
            management,
            products,
            calendar,
            foundation.outbox(),
            clock);
    new StandSaleApi(standSales, standSaleStore, products, foundation.authentication())
        .mount(router);
    new MemberApi(members, signInLinks, cooperatives, foundation.authentication()).mount(router);
    new SignInLinkApi(signInLinks).mount(router);
    // Last: the pages' routes ("/{lang}/…") must not shadow an API's.
    PageAddresses addresses =
        new PageAddresses(context.settings().get("PUBLIC_BASE_URL", "http://localhost:8080"));
    PageTexts pageTexts = PageTexts.load();
    new PagesApi(
            vertx,
            new PageRenderer(pageTexts, addresses),
            new PrintedMaterial(pageTexts),
            new Sitemaps(addresses, context.settings().getInt("SITEMAP_PRODUCTS_PER_FILE", 5_000)),
            browseIndex,
            directory,
            calendar,
            products,
            new PageCache(context.settings().getInt("PAGE_CACHE_MAX_PAGES", 20_000)),
            clock)
        .mount(router);

    return photoPool
        .executeBlocking(
            () -> {
              photoObjects.ensureBucket();
              return null;
            })
        .compose(v -> loadDemoCatalogIfAsked(foundation, cooperatives, products))
        .compose(
            v ->
                vertx.deployVerticle(
                    new BrowseIndexRefresher(
                        browseIndex,
                        directory,
                        calendar,
                        products,
                        cooperatives,
                        fairs,
                        PostgresSettings.from(context.settings()))))
        .compose(v -> foundation.startOutboxRelay())
        .compose(
            v ->
                foundation.consume(
                    "stock",
                    Set.of(Topics.ORDER_EVENTS),
                    new EventHandlers()
                        .onEach(OrderPlaced.class, reservations::onOrdersPlaced)
                        .onEach(OrderConfirmed.class, reservations::onOrdersConfirmed)
                        .on(OrderCancelled.class, reservations::onOrderCancelled)
                        .on(OrderRejected.class, reservations::onOrderRejected)
                        .on(
                            CooperativeOrderDeclined.class,
                            reservations::onCooperativeOrderDeclined)
                        .on(CooperativeOrderRefused.class, reservations::onCooperativeOrderRefused)
                        .on(WithdrawalReceived.class, reservations::onWithdrawalReceived)
                        // Not stock, but on order.events too: what an ended fair sold, for its
                        // page (a consumer of its own would read every order event again for it).
                        .on(
                            FairFiguresPublished.class,
                            (figures, envelope, tx) -> fairs.saveSold(tx, figures))
                        // Orders of every partition hold the same products' stock rows.
                        .oneBatchAtATime()))
        .compose(
            v ->
                foundation.consume(
                    "stand-sales",
                    Set.of(Topics.NOTIFICATION_EVENTS),
                    new EventHandlers().on(StandSaleReported.class, standSales::onReported)))
        .compose(
            v ->
                vertx.deployVerticle(
                    new PeriodicTask(
                        "expired stock holds",
                        Duration.ofSeconds(
                            context.settings().getLong("CATALOG_HOLD_EXPIRY_CHECK_SECONDS", 30)),
                        () -> reservations.releaseExpiredHolds(foundation.pool()))))
        .compose(v -> sendSignInLinks(signInLinks))
        .compose(v -> foundation.listen(router, 8081))
        .onSuccess(v -> photographDemoCatalogIfAsked(foundation, cooperatives, products, photos));
  }

  /**
   * The demo products' pictures are drawn and processed after the service answers, one at a time: a
   * first start is not made to wait for them.
   */
  private void photographDemoCatalogIfAsked(
      Foundation foundation,
      CooperativeStore cooperatives,
      ProductStore products,
      ProductPhotos photos) {
    if (!context.settings().getBoolean("CATALOG_DEMO_DATA", false)
        || !context.settings().getBoolean("CATALOG_DEMO_PHOTOS", true)) {
      return;
    }
    photographDemoCatalog(new DemoCatalog(cooperatives, products, foundation.outbox()), photos, 1);
  }

  /**
   * Products already photographed are skipped, so a round that failed (object storage busy or
   * restarting) is simply run again, a few times, later each time.
   */
  private void photographDemoCatalog(DemoCatalog demo, ProductPhotos photos, int round) {
    demo.photograph(vertx, photos)
        .onSuccess(added -> log.info("demo catalog: {} products photographed", added))
        .onFailure(
            failure -> {
              if (round >= DEMO_PHOTO_ROUNDS) {
                log.warn("demo catalog: photos not all added: {}", failure.toString());
                return;
              }
              long delay = 5_000L * round;
              log.info(
                  "demo catalog: photos not all added ({}); tried again in {} ms",
                  failure.toString(),
                  delay);
              vertx.setTimer(delay, t -> photographDemoCatalog(demo, photos, round + 1));
            });
  }

  /**
   * Links owed to members are sent while Keycloak is there to make their accounts; without it they
   * wait, and the log says so once.
   */
  private Future<?> sendSignInLinks(Optional<MemberSignInLinks> signInLinks) {
    if (signInLinks.isEmpty()) {
      log.info("sign-in links for cooperatives' members wait: Keycloak is not configured");
      return Future.succeededFuture();
    }
    return vertx.deployVerticle(
        new PeriodicTask(
            "sign-in links",
            Duration.ofSeconds(context.settings().getLong("CATALOG_SIGN_IN_LINK_SECONDS", 3)),
            signInLinks.get()::sendDue));
  }

  private Future<Void> loadDemoCatalogIfAsked(
      Foundation foundation, CooperativeStore cooperatives, ProductStore products) {
    if (!context.settings().getBoolean("CATALOG_DEMO_DATA", false)) {
      return Future.succeededFuture();
    }
    return new DemoCatalog(cooperatives, products, foundation.outbox())
        .load(vertx, foundation.pool())
        .onSuccess(added -> log.info("demo catalog: {} products added", added))
        .mapEmpty();
  }
}
