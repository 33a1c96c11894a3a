package ma.tadamon.catalog.browse;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.pubsub.PgSubscriber;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.FairStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.platform.db.PostgresSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@link BrowseIndex} within milliseconds of PostgreSQL: it loads everything on sale at
 * start, then listens to the change notifications the catalog's triggers send on every commit
 * (whichever replica or consumer made it) and reloads what changed, a batch at a time; a stock
 * move's notification carries the new counters, which need no reading. If the notification
 * connection drops, changes may have been missed, so it reloads everything once reconnected.
 */
public final class BrowseIndexRefresher extends VerticleBase {

  static final String PRODUCT_CHANNEL = "catalog_product_changed";
  // A stock move's new counters: "id onHand reserved number" (the number keeps payloads distinct).
  static final String STOCK_CHANNEL = "catalog_product_stock";
  static final String COOPERATIVE_CHANNEL = "catalog_cooperative_changed";
  static final String FAIR_CHANNEL = "catalog_fair_changed";
  private static final Logger log = LoggerFactory.getLogger(BrowseIndexRefresher.class);

  private final BrowseIndex index;
  private final CooperativeDirectory directory;
  private final FairCalendar calendar;
  private final ProductStore products;
  private final CooperativeStore cooperatives;
  private final FairStore fairs;
  private final PostgresSettings pg;
  private PgSubscriber subscriber;
  private Set<UUID> changedProducts = new HashSet<>();
  private Set<UUID> changedCooperatives = new HashSet<>();
  private Map<UUID, BrowseIndex.Stock> changedStock = new HashMap<>();
  private boolean loaded;
  private boolean everythingChanged;
  private boolean fairsChanged;
  private boolean refreshing;

  public BrowseIndexRefresher(
      BrowseIndex index,
      CooperativeDirectory directory,
      FairCalendar calendar,
      ProductStore products,
      CooperativeStore cooperatives,
      FairStore fairs,
      PostgresSettings pg) {
    this.index = index;
    this.directory = directory;
    this.calendar = calendar;
    this.products = products;
    this.cooperatives = cooperatives;
    this.fairs = fairs;
    this.pg = pg;
  }

  @Override
  public Future<?> start() {
    subscriber =
        PgSubscriber.subscriber(vertx, pg.connectOptions(vertx, "catalog-browse-index"))
            .reconnectPolicy(retries -> 1_000L);
    subscriber
        .channel(PRODUCT_CHANNEL)
        .handler(id -> changed(changedProducts, id))
        .subscribeHandler(
            v -> {
              // Subscribed again after a dropped connection: what changed meanwhile was not
              // notified.
              if (loaded) {
                everythingChanged = true;
                refreshSoon();
              }
            });
    subscriber.channel(COOPERATIVE_CHANNEL).handler(id -> changed(changedCooperatives, id));
    subscriber.channel(STOCK_CHANNEL).handler(this::stockMoved);
    subscriber
        .channel(FAIR_CHANNEL)
        .handler(
            id -> {
              fairsChanged = true;
              refreshSoon();
            });
    // Listening first, loading second: a change committed in between is both loaded and notified.
    return subscriber
        .connect()
        .compose(v -> reloadEverything())
        .onSuccess(
            v -> {
              loaded = true;
              log.info("browse index loaded: {} products on sale", index.size());
            });
  }

  @Override
  public Future<?> stop() {
    return subscriber == null ? Future.succeededFuture() : subscriber.close();
  }

  private void changed(Set<UUID> changes, String id) {
    try {
      changes.add(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return;
    }
    refreshSoon();
  }

  private void stockMoved(String counters) {
    String[] fields = counters.split(" ");
    try {
      changedStock.put(
          UUID.fromString(fields[0]),
          new BrowseIndex.Stock(Integer.parseInt(fields[1]), Integer.parseInt(fields[2])));
    } catch (RuntimeException e) {
      return; // not a stock notification of ours
    }
    refreshSoon();
  }

  /**
   * One refresh at a time; changes arriving meanwhile wait for the next, so a burst becomes one
   * query. It starts once the event loop has delivered what it read with this notification: a
   * commit's notifications (an order reserves several products at once) arrive together, and each
   * restock copies the whole index, so they are applied as one.
   */
  private void refreshSoon() {
    if (refreshing) {
      return;
    }
    refreshing = true;
    vertx.runOnContext(v -> refresh());
  }

  /** Stock counters are applied first, in memory: what this refresh reads again is newer. */
  private void refresh() {
    Future<Void> refreshed;
    if (everythingChanged) {
      everythingChanged = false;
      changedProducts = new HashSet<>();
      changedCooperatives = new HashSet<>();
      changedStock = new HashMap<>();
      refreshed = reloadEverything();
    } else {
      Set<UUID> productIds = changedProducts;
      Set<UUID> cooperativeIds = changedCooperatives;
      changedProducts = new HashSet<>();
      changedCooperatives = new HashSet<>();
      index.restock(changedStock);
      changedStock = new HashMap<>();
      boolean fairsToo = fairsChanged;
      fairsChanged = false;
      refreshed =
          (fairsToo ? calendar.reloadFrom(fairs) : Future.<Void>succeededFuture())
              .compose(v -> refreshCooperatives(cooperativeIds))
              .compose(
                  v ->
                      productIds.isEmpty()
                          ? Future.<Void>succeededFuture()
                          : products
                              .current(productIds)
                              .map(
                                  current -> {
                                    index.refresh(productIds, current);
                                    return null;
                                  }));
    }
    refreshed
        .onFailure(
            error -> {
              log.warn(
                  "browse index not refreshed, reloading everything next: {}", error.getMessage());
              everythingChanged = true;
            })
        .onComplete(
            done -> {
              refreshing = false;
              if (everythingChanged
                  || fairsChanged
                  || !changedProducts.isEmpty()
                  || !changedCooperatives.isEmpty()
                  || !changedStock.isEmpty()) {
                vertx.setTimer(everythingChanged && done.failed() ? 1_000 : 1, id -> refreshSoon());
              }
            });
  }

  private Future<Void> reloadEverything() {
    return calendar
        .reloadFrom(fairs)
        .compose(v -> cooperatives.verified())
        .compose(
            verified -> {
              directory.replaceAll(verified);
              return products.onSale();
            })
        .map(
            onSale -> {
              index.replaceAll(onSale);
              return null;
            });
  }

  /**
   * A cooperative's change (verified, renamed, its story) shows on its own page and on every one of
   * its products.
   */
  private Future<Void> refreshCooperatives(Set<UUID> cooperativeIds) {
    Future<Void> all = Future.succeededFuture();
    for (UUID cooperative : cooperativeIds) {
      all =
          all.compose(v -> cooperatives.find(cooperative))
              .map(
                  found -> {
                    found.ifPresentOrElse(directory::put, () -> directory.remove(cooperative));
                    return null;
                  })
              .compose(v -> products.ofCooperative(cooperative))
              .map(
                  listings -> {
                    index.putAll(listings);
                    return null;
                  });
    }
    return all;
  }
}
