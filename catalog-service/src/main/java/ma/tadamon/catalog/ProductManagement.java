package ma.tadamon.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import ma.tadamon.catalog.browse.BrowseIndex;
import ma.tadamon.catalog.domain.Photo;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductChanges;
import ma.tadamon.catalog.domain.ProductDraft;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.events.catalog.ProductPublished;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * A cooperative's own products: created, edited, withdrawn, restocked, by the cooperative itself
 * (or an operator on its behalf), never by another. Each change is announced on {@code
 * catalog.events} in the transaction that makes it.
 */
public final class ProductManagement {

  /** A creation's outcome: the product, and whether this request created it or repeated one. */
  public record Created(ProductListing product, boolean created) {}

  private final Pool pool;
  private final ProductStore products;
  private final CooperativeStore cooperatives;
  private final Outbox outbox;
  private final BrowseIndex browseIndex;
  private final Clock clock;

  public ProductManagement(
      Pool pool,
      ProductStore products,
      CooperativeStore cooperatives,
      Outbox outbox,
      BrowseIndex browseIndex,
      Clock clock) {
    this.pool = pool;
    this.products = products;
    this.cooperatives = cooperatives;
    this.outbox = outbox;
    this.browseIndex = browseIndex;
    this.clock = clock;
  }

  public Future<Created> create(ProductDraft draft, Caller caller) {
    UUID owner = ownerFor(draft, caller);
    CooperativeRegistry.requireValid(draft.problems());
    UUID id = draft.id() != null ? draft.id() : UUID.randomUUID();
    Product product =
        draft.newProduct(id, owner, Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
    return Transactions.run(
            pool,
            tx ->
                cooperatives
                    .lock(tx, owner)
                    .map(
                        coop ->
                            coop.orElseThrow(
                                () ->
                                    DomainException.invalid(
                                        List.of(
                                            new FieldError(
                                                "cooperativeId", "no such cooperative")))))
                    .compose(coop -> products.insert(tx, product))
                    .compose(
                        created ->
                            created
                                ? outbox
                                    .append(
                                        tx,
                                        Topics.CATALOG_EVENTS,
                                        new ProductPublished(product.state()))
                                    .compose(v -> products.lock(tx, id))
                                    .map(found -> new Created(found.orElseThrow(), true))
                                : products
                                    .lock(tx, id)
                                    .map(
                                        found ->
                                            found
                                                .filter(
                                                    existing ->
                                                        existing
                                                            .product()
                                                            .cooperativeId()
                                                            .equals(owner))
                                                .map(existing -> new Created(existing, false))
                                                .orElseThrow(
                                                    () ->
                                                        DomainException.conflict(
                                                            "product-id-taken",
                                                            "This product id is taken",
                                                            "Another cooperative's product has the id "
                                                                + id
                                                                + "; leave 'id' out to get a new one.")))))
        .onSuccess(created -> browseIndex.put(created.product()));
  }

  public Future<ProductListing> update(UUID id, ProductDraft draft, Caller caller) {
    CooperativeRegistry.requireValid(draft.problems());
    return change(id, caller, draft::applyTo);
  }

  /**
   * Takes the product off sale; orders already placed keep it. Withdrawing twice changes nothing.
   */
  public Future<ProductListing> withdraw(UUID id, Caller caller) {
    return change(id, caller, Product::withdrawn);
  }

  /** Sets how many are on the shelf; never fewer than are held for orders already placed. */
  public Future<ProductListing> setStock(UUID id, int onHand, Caller caller) {
    return change(
        id,
        caller,
        product -> {
          if (onHand < product.stockReserved()) {
            throw DomainException.conflict(
                    "stock-below-reserved",
                    "Orders hold more than that",
                    product.stockReserved()
                        + " are held for orders not yet fulfilled; the stock cannot be lower.")
                .with("reserved", product.stockReserved());
          }
          return product.withStockOnHand(onHand);
        });
  }

  /** Every product of a cooperative, on sale or not, for the cooperative itself or an operator. */
  public Future<List<ProductListing>> ofCooperative(UUID cooperativeId, Caller caller) {
    caller.requireOperatorOrCooperative(cooperativeId);
    return products.ofCooperative(cooperativeId);
  }

  /**
   * The product, for its own cooperative (any member: whoever photographs the goods) or an
   * operator.
   */
  public Future<ProductListing> forItsCooperative(UUID id, Caller caller) {
    return products
        .find(id)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("This product")))
        .map(
            listing -> {
              caller.requireOperatorOrCooperative(listing.product().cooperativeId());
              return listing;
            });
  }

  /**
   * Changes a product's photos, by its cooperative (any member) or an operator: the change sees the
   * photos as they are in the same transaction, so two uploads at once both land.
   */
  public Future<ProductListing> changePhotos(
      UUID id, Caller caller, UnaryOperator<List<Photo>> change) {
    return change(
        id,
        product -> caller.requireOperatorOrCooperative(product.cooperativeId()),
        product -> product.withPhotos(change.apply(product.photos())));
  }

  /** Whether any product shows the photo {@code photoId}: then its objects must stay. */
  public Future<Boolean> photoShownElsewhere(String photoId) {
    return products.showsPhoto(photoId);
  }

  private Future<ProductListing> change(UUID id, Caller caller, Function<Product, Product> change) {
    return change(
        id, product -> caller.requireOperatorOrManagerOf(product.cooperativeId()), change);
  }

  private Future<ProductListing> change(
      UUID id, Consumer<Product> allowed, Function<Product, Product> change) {
    return Transactions.run(pool, tx -> changeWithin(tx, id, allowed, change))
        .onSuccess(this::shown);
  }

  /**
   * Changes the product in {@code tx}, its row locked until the end, announcing what changed;
   * {@code allowed} sees it first and throws to refuse. The caller shows the listing once the
   * transaction committed ({@link #shown}).
   */
  public Future<ProductListing> changeWithin(
      SqlConnection tx, UUID id, Consumer<Product> allowed, Function<Product, Product> change) {
    return products
        .lock(tx, id)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("This product")))
        .compose(
            listing -> {
              allowed.accept(listing.product());
              Product after = change.apply(listing.product());
              List<IntegrationEvent> events = ProductChanges.between(listing.product(), after);
              if (after.equals(listing.product())) {
                return Future.succeededFuture(listing);
              }
              return products
                  .update(tx, after)
                  .compose(v -> publish(tx, events))
                  .compose(v -> products.lock(tx, id))
                  .map(found -> found.orElseThrow());
            });
  }

  /**
   * The change notification refreshes every replica's index; this one shows a committed change at
   * once to the cooperative that made it.
   */
  public void shown(ProductListing listing) {
    browseIndex.put(listing);
  }

  private Future<Void> publish(SqlConnection tx, List<IntegrationEvent> events) {
    return events.isEmpty()
        ? Future.succeededFuture()
        : outbox.append(tx, Topics.CATALOG_EVENTS, events);
  }

  /** A cooperative creates for itself; an operator names the cooperative it creates for. */
  private static UUID ownerFor(ProductDraft draft, Caller caller) {
    if (caller.is(Role.COOPERATIVE) && caller.cooperativeId().isPresent()) {
      UUID own = caller.cooperativeId().get();
      if (draft.cooperativeId() != null && !draft.cooperativeId().equals(own)) {
        throw DomainException.forbidden("A cooperative adds products to its own catalogue only.");
      }
      caller.requireOperatorOrManagerOf(own);
      return own;
    }
    if (caller.is(Role.OPERATOR)) {
      if (draft.cooperativeId() == null) {
        throw DomainException.invalid(
            List.of(
                new FieldError(
                    "cooperativeId", "an operator names the cooperative the product belongs to")));
      }
      return draft.cooperativeId();
    }
    throw DomainException.forbidden("Only a cooperative or an operator adds products.");
  }
}
