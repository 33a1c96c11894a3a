package ma.tadamon.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import ma.tadamon.catalog.browse.FairCalendar;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.FairDraft;
import ma.tadamon.catalog.store.FairStore;
import ma.tadamon.events.catalog.FairScheduled;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Operators' changes to fairs: each one saved with the fair's whole new state announced in the same
 * transaction ({@link FairScheduled}), so order-service knows which cooperative stands where and
 * when, for the orders collected at a stand. The operator's next read shows the change at once; the
 * other replicas hear of it from PostgreSQL's notification, as for products.
 */
public final class FairSchedule {

  private final Pool pool;
  private final FairStore store;
  private final FairCalendar calendar;
  private final Outbox outbox;

  public FairSchedule(Pool pool, FairStore store, FairCalendar calendar, Outbox outbox) {
    this.pool = pool;
    this.store = store;
    this.calendar = calendar;
    this.outbox = outbox;
  }

  /** Announces the fair or corrects it, keeping its exhibitors. */
  public Future<Fair> save(UUID id, FairDraft draft) {
    DomainException.requireValid(draft.problems());
    return changed(
        id,
        tx ->
            store
                .find(tx, id)
                .compose(
                    existing ->
                        store.save(
                            tx,
                            draft.toFair(id, existing.map(Fair::exhibitors).orElse(List.of())))));
  }

  /** The cooperative exhibits at stand {@code stand}; the fair must exist (404). */
  public Future<Fair> placeExhibitor(UUID fair, UUID cooperative, String stand) {
    return changed(
        fair,
        tx ->
            store
                .find(tx, fair)
                .compose(
                    found -> {
                      if (found.isEmpty()) {
                        throw DomainException.notFound("This fair");
                      }
                      return store.putExhibitor(tx, fair, cooperative, stand);
                    }));
  }

  /** The cooperative no longer exhibits; removing one that did not is no error (a retry). */
  public Future<Fair> removeExhibitor(UUID fair, UUID cooperative) {
    return changed(fair, tx -> store.removeExhibitor(tx, fair, cooperative).<Void>mapEmpty());
  }

  private Future<Fair> changed(
      UUID fairId, java.util.function.Function<SqlConnection, Future<Void>> change) {
    return Transactions.run(
            pool,
            tx ->
                change
                    .apply(tx)
                    .compose(v -> store.find(tx, fairId))
                    .compose(
                        found -> {
                          Fair fair =
                              found.orElseThrow(() -> DomainException.notFound("This fair"));
                          return outbox
                              .append(tx, Topics.CATALOG_EVENTS, scheduled(fair))
                              .map(fair);
                        }))
        .compose(fair -> calendar.reloadFrom(store).map(fair));
  }

  static FairScheduled scheduled(Fair fair) {
    return new FairScheduled(
        fair.id(),
        fair.slug(),
        fair.campaignTag(),
        fair.name(),
        fair.region().slug(),
        fair.city(),
        fair.venue(),
        fair.startsOn(),
        fair.endsOn(),
        fair.exhibitors().stream()
            .map(exhibitor -> new FairScheduled.Stand(exhibitor.cooperativeId(), exhibitor.stand()))
            .toList());
  }
}
