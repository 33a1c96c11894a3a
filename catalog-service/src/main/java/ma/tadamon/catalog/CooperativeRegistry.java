package ma.tadamon.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import ma.tadamon.catalog.browse.BrowseIndex;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.CooperativeProfile;
import ma.tadamon.catalog.domain.CooperativeRegistration;
import ma.tadamon.catalog.domain.SellerIdentity;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.catalog.store.SignInLinkStore;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeUpdated;
import ma.tadamon.events.catalog.CooperativeVerified;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Cooperatives joining the marketplace: registered by an operator, verified once their registration
 * is checked (only then do they sell), and keeping their own profile up to date. Every change is
 * announced on {@code catalog.events} in the transaction that makes it.
 */
public final class CooperativeRegistry {

  /**
   * A registration's outcome: the cooperative, and whether this request created it or repeated one.
   */
  public record Registered(Cooperative cooperative, boolean created) {}

  private final Pool pool;
  private final CooperativeStore cooperatives;
  private final Outbox outbox;
  private final ProductStore products;
  private final BrowseIndex browseIndex;
  private final SignInLinkStore signInLinks;

  public CooperativeRegistry(
      Pool pool,
      CooperativeStore cooperatives,
      Outbox outbox,
      ProductStore products,
      BrowseIndex browseIndex,
      SignInLinkStore signInLinks) {
    this.pool = pool;
    this.cooperatives = cooperatives;
    this.outbox = outbox;
    this.products = products;
    this.browseIndex = browseIndex;
    this.signInLinks = signInLinks;
  }

  public Future<Registered> register(CooperativeRegistration registration) {
    requireValid(registration.problems());
    Cooperative coop = registration.toCooperative();
    return Transactions.run(
        pool,
        tx ->
            cooperatives
                .insert(tx, coop)
                .compose(
                    created ->
                        created
                            ? outbox
                                .append(
                                    tx,
                                    Topics.CATALOG_EVENTS,
                                    new CooperativeRegistered(coop.state()))
                                .map(new Registered(coop, true))
                            : cooperatives
                                .lock(tx, coop.id())
                                .map(
                                    existing ->
                                        existing
                                            .filter(registration::registered)
                                            .map(same -> new Registered(same, false))
                                            .orElseThrow(
                                                () ->
                                                    DomainException.conflict(
                                                        "registration-number-taken",
                                                        "This registration number is already registered",
                                                        "A cooperative with the registration number "
                                                            + registration.registrationNumber()
                                                            + " is already on Tadamon; edit that one instead.")))));
  }

  /**
   * Idempotent: verifying a verified cooperative changes nothing and announces nothing. The first
   * verification owes the cooperative's manager her sign-in link.
   */
  public Future<Cooperative> verify(UUID id, Caller operator) {
    return Transactions.run(
            pool,
            tx ->
                cooperatives
                    .lock(tx, id)
                    .map(
                        found ->
                            found.orElseThrow(() -> DomainException.notFound("This cooperative")))
                    .compose(
                        coop -> {
                          List<String> missing = coop.seller().missingToSell();
                          if (!coop.verified() && !missing.isEmpty()) {
                            throw DomainException.conflict(
                                    "seller-information-missing",
                                    "What the law asks shown of a seller is missing",
                                    "Record the cooperative's return address (and its ICE and IF"
                                        + " where it has them) before verifying it.")
                                .with("missing", missing);
                          }
                          return cooperatives
                              .markVerified(tx, id, operator.subject())
                              .compose(
                                  newlyVerified ->
                                      newlyVerified
                                          ? outbox
                                              .append(
                                                  tx,
                                                  Topics.CATALOG_EVENTS,
                                                  new CooperativeVerified(
                                                      coop.asVerified().state()))
                                              .compose(
                                                  announced ->
                                                      MemberSignInLinks.oweManager(
                                                          signInLinks, tx, id, operator.subject()))
                                              .map(coop.asVerified())
                                          : Future.succeededFuture(coop));
                        }))
        .compose(coop -> showProductsOf(coop).map(coop));
  }

  /**
   * The cooperative's legal identity as a seller: by its manager or an operator; unchanged, nothing
   * is announced.
   */
  public Future<Cooperative> updateSeller(UUID id, SellerIdentity seller, Caller caller) {
    caller.requireOperatorOrManagerOf(id);
    requireValid(seller.problems(""));
    return change(id, coop -> coop.withSeller(seller), cooperatives::updateSeller);
  }

  /**
   * A cooperative edits its own profile (an operator may edit any); an unchanged profile announces
   * nothing.
   */
  public Future<Cooperative> updateProfile(UUID id, CooperativeProfile profile, Caller caller) {
    caller.requireOperatorOrManagerOf(id);
    requireValid(profile.problems());
    return change(id, profile::applyTo, cooperatives::updateProfile)
        .compose(coop -> showProductsOf(coop).map(coop));
  }

  /**
   * Locks the cooperative, applies {@code edit}, and when it changed something saves it with {@code
   * save} and announces the new state.
   */
  private Future<Cooperative> change(
      UUID id,
      UnaryOperator<Cooperative> edit,
      BiFunction<SqlConnection, Cooperative, Future<Void>> save) {
    return Transactions.run(
        pool,
        tx ->
            cooperatives
                .lock(tx, id)
                .map(found -> found.orElseThrow(() -> DomainException.notFound("This cooperative")))
                .compose(
                    coop -> {
                      Cooperative updated = edit.apply(coop);
                      if (updated.equals(coop)) {
                        return Future.succeededFuture(coop);
                      }
                      return save.apply(tx, updated)
                          .compose(
                              v ->
                                  outbox.append(
                                      tx,
                                      Topics.CATALOG_EVENTS,
                                      new CooperativeUpdated(updated.state())))
                          .map(updated);
                    }));
  }

  /**
   * The change notification refreshes every replica's browse index; this one shows the
   * cooperative's products as they now are at once, to the operator or cooperative who changed it.
   */
  private Future<Void> showProductsOf(Cooperative coop) {
    return products
        .ofCooperative(coop.id())
        .map(
            listings -> {
              browseIndex.putAll(listings);
              return null;
            });
  }

  static void requireValid(List<FieldError> problems) {
    if (!problems.isEmpty()) {
      throw DomainException.invalid(problems);
    }
  }
}
