package ma.tadamon.catalog.demo;

import com.fasterxml.jackson.core.type.TypeReference;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.SellerIdentity;
import ma.tadamon.catalog.photos.ProductPhotos;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.events.Region;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * The demonstration catalog of the local platform: cooperatives from Morocco's twelve regions and
 * their products, loaded from {@code demo/catalog.json}. Ids derive from slugs, so loading twice
 * adds nothing; what is new is announced on {@code catalog.events} like any registration.
 */
public final class DemoCatalog {

  private static final String RESOURCE = "/demo/catalog.json";

  record DemoProduct(
      String slug,
      Map<String, String> name,
      Map<String, String> description,
      String category,
      long priceCentimes,
      String unit,
      List<String> labels,
      int stock) {}

  record DemoCooperative(
      String slug,
      Map<String, String> name,
      Map<String, String> story,
      String region,
      Map<String, String> city,
      String phone,
      String email,
      String registrationNumber,
      int foundedYear,
      int members,
      boolean womenLed,
      String preferredLanguage,
      List<String> channels,
      SellerIdentity seller,
      List<DemoProduct> products) {}

  record DemoData(List<DemoCooperative> cooperatives) {}

  private final CooperativeStore cooperatives;
  private final ProductStore products;
  private final Outbox outbox;

  public DemoCatalog(CooperativeStore cooperatives, ProductStore products, Outbox outbox) {
    this.cooperatives = cooperatives;
    this.products = products;
    this.outbox = outbox;
  }

  public static UUID cooperativeId(String slug) {
    return UUID.nameUUIDFromBytes(("tadamon:cooperative:" + slug).getBytes(StandardCharsets.UTF_8));
  }

  public static UUID productId(String cooperativeSlug, String productSlug) {
    return UUID.nameUUIDFromBytes(
        ("tadamon:product:" + cooperativeSlug + ":" + productSlug)
            .getBytes(StandardCharsets.UTF_8));
  }

  /** A demo cooperative as its members would sign in: who it is and how it is reached. */
  public record DemoContact(UUID id, String slug, String name, String email, String phone) {}

  /** The demo cooperatives, in the catalog's order (the local platform gives each an account). */
  public static List<DemoContact> contacts() {
    try {
      return read().cooperatives().stream()
          .map(
              coop ->
                  new DemoContact(
                      cooperativeId(coop.slug()),
                      coop.slug(),
                      coop.name().get("fr"),
                      coop.email(),
                      coop.phone()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads what is missing, in one transaction; returns how many products were added. */
  public Future<Integer> load(Vertx vertx, Pool pool) {
    return vertx
        .executeBlocking(DemoCatalog::read)
        .compose(data -> Transactions.run(pool, tx -> insertAll(tx, data)));
  }

  /**
   * Gives every demo product that has none its drawn picture ({@link DemoPhotos}), through the same
   * processing and storage as a cooperative's upload, one after another so that the photo workers
   * stay free for people. Products that have photos (a restart) are left as they are; returns how
   * many were given one.
   */
  public Future<Integer> photograph(Vertx vertx, ProductPhotos photos) {
    Caller demo = new Caller("demo-catalog", Set.of(Role.OPERATOR), Optional.empty());
    return vertx
        .executeBlocking(DemoCatalog::read)
        .compose(
            data -> {
              Future<Integer> added = Future.succeededFuture(0);
              for (DemoCooperative coop : data.cooperatives()) {
                for (DemoProduct item : coop.products()) {
                  UUID id = productId(coop.slug(), item.slug());
                  Category category = Category.fromSlug(item.category()).orElse(Category.OTHER);
                  added =
                      added.compose(
                          count ->
                              products
                                  .find(id)
                                  .compose(
                                      found ->
                                          found.isEmpty()
                                                  || !found.get().product().photos().isEmpty()
                                              ? Future.succeededFuture(count)
                                              : vertx
                                                  .executeBlocking(
                                                      () -> DemoPhotos.of(id, category), false)
                                                  .compose(bytes -> photos.add(id, demo, bytes))
                                                  .map(photo -> count + 1)));
                }
              }
              return added;
            });
  }

  private Future<Integer> insertAll(SqlConnection tx, DemoData data) {
    Future<Integer> added = Future.succeededFuture(0);
    for (DemoCooperative demo : data.cooperatives()) {
      Cooperative coop = toCooperative(demo);
      added =
          added.compose(
              count ->
                  cooperatives
                      .insert(tx, coop)
                      .compose(
                          isNew ->
                              isNew
                                  ? outbox.append(
                                      tx,
                                      Topics.CATALOG_EVENTS,
                                      new CooperativeRegistered(coop.state()))
                                  : Future.succeededFuture())
                      .compose(v -> insertProducts(tx, demo))
                      .map(products -> count + products));
    }
    return added;
  }

  private Future<Integer> insertProducts(SqlConnection tx, DemoCooperative demo) {
    Future<Integer> added = Future.succeededFuture(0);
    for (DemoProduct item : demo.products()) {
      Product product = toProduct(demo, item);
      added =
          added.compose(
              count ->
                  products
                      .insert(tx, product)
                      .compose(
                          isNew ->
                              isNew
                                  ? outbox
                                      .append(
                                          tx,
                                          Topics.CATALOG_EVENTS,
                                          new ProductPublished(product.state()))
                                      .map(count + 1)
                                  : Future.succeededFuture(count)));
    }
    return added;
  }

  private static Cooperative toCooperative(DemoCooperative demo) {
    return new Cooperative(
        cooperativeId(demo.slug()),
        demo.slug(),
        demo.name(),
        demo.story(),
        Region.fromSlug(demo.region())
            .orElseThrow(() -> new IllegalStateException("unknown region " + demo.region())),
        demo.city(),
        demo.phone(),
        demo.email(),
        demo.registrationNumber(),
        demo.foundedYear(),
        demo.members(),
        demo.womenLed(),
        demo.preferredLanguage(),
        demo.channels(),
        true,
        demo.seller());
  }

  private static Product toProduct(DemoCooperative coop, DemoProduct item) {
    return new Product(
        productId(coop.slug(), item.slug()),
        cooperativeId(coop.slug()),
        item.name(),
        item.description(),
        Category.fromSlug(item.category())
            .orElseThrow(() -> new IllegalStateException("unknown category " + item.category())),
        item.priceCentimes(),
        item.unit(),
        item.labels() == null ? List.of() : item.labels(),
        new ArrayList<>(),
        List.of(),
        true,
        item.stock(),
        0,
        Instant.now());
  }

  private static DemoData read() throws IOException {
    try (InputStream in = DemoCatalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IOException(RESOURCE + " is missing from the classpath");
      }
      return EventMapper.JSON.readValue(in, new TypeReference<DemoData>() {});
    }
  }
}
