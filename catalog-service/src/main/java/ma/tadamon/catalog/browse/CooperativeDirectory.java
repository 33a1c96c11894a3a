package ma.tadamon.catalog.browse;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Cooperative;

/**
 * The verified cooperatives, held in memory beside the {@link BrowseIndex} and kept as fresh by the
 * same {@link BrowseIndexRefresher}: what a shareable page shows of a cooperative costs no database
 * round trip. Readers see an immutable snapshot; its {@link #version()} changes with every change.
 */
public final class CooperativeDirectory {

  private record Snapshot(Map<UUID, Cooperative> byId, List<Cooperative> byName, long version) {}

  private volatile Snapshot snapshot = new Snapshot(Map.of(), List.of(), 0);

  public synchronized void replaceAll(Collection<Cooperative> cooperatives) {
    Map<UUID, Cooperative> verified = new HashMap<>();
    cooperatives.stream().filter(Cooperative::verified).forEach(c -> verified.put(c.id(), c));
    publish(verified);
  }

  /** The cooperative as it is now; one that is not verified (any more) leaves the directory. */
  public synchronized void put(Cooperative cooperative) {
    Map<UUID, Cooperative> verified = new HashMap<>(snapshot.byId());
    if (cooperative.verified()) {
      verified.put(cooperative.id(), cooperative);
    } else {
      verified.remove(cooperative.id());
    }
    publish(verified);
  }

  public synchronized void remove(UUID id) {
    Map<UUID, Cooperative> verified = new HashMap<>(snapshot.byId());
    verified.remove(id);
    publish(verified);
  }

  private void publish(Map<UUID, Cooperative> verified) {
    List<Cooperative> byName =
        verified.values().stream()
            .sorted(Comparator.comparing(Cooperative::slug).thenComparing(Cooperative::id))
            .toList();
    snapshot = new Snapshot(Map.copyOf(verified), byName, snapshot.version() + 1);
  }

  public Optional<Cooperative> find(UUID id) {
    return Optional.ofNullable(snapshot.byId().get(id));
  }

  /** By their registered slug: a stable order for lists and sitemaps. */
  public List<Cooperative> all() {
    return snapshot.byName();
  }

  public Optional<Cooperative> bySlug(String slug) {
    return snapshot.byName().stream().filter(c -> c.slug().equals(slug)).findFirst();
  }

  /** Changes whenever any cooperative does: what a page listing cooperatives is cached against. */
  public long version() {
    return snapshot.version();
  }
}
