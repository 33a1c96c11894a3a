package ma.tadamon.catalog.browse;

import io.vertx.core.Future;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.store.FairStore;

/**
 * The fairs, held in memory and kept fresh by {@link BrowseIndexRefresher} like the products: a
 * fair's page and the home page's "at the fair now" cost no database round trip.
 */
public final class FairCalendar {

  private record Snapshot(List<Fair> fairs, long version) {}

  private volatile Snapshot snapshot = new Snapshot(List.of(), 0);

  public synchronized void replaceAll(List<Fair> fairs) {
    snapshot = new Snapshot(List.copyOf(fairs), snapshot.version() + 1);
  }

  /** Fairs are few: any change reloads them all from {@code store}. */
  public Future<Void> reloadFrom(FairStore store) {
    return store
        .all()
        .map(
            all -> {
              replaceAll(all);
              return null;
            });
  }

  public List<Fair> all() {
    return snapshot.fairs();
  }

  public Optional<Fair> bySlug(String slug) {
    return snapshot.fairs().stream().filter(fair -> fair.slug().equals(slug)).findFirst();
  }

  public Optional<Fair> find(UUID id) {
    return snapshot.fairs().stream().filter(fair -> fair.id().equals(id)).findFirst();
  }

  /** The fairs open on {@code day}. */
  public List<Fair> openOn(LocalDate day) {
    return snapshot.fairs().stream().filter(fair -> fair.openOn(day)).toList();
  }

  public long version() {
    return snapshot.version();
  }
}
