package ma.tadamon.catalog;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.browse.FairCalendar;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.StandSale;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.catalog.store.StandSaleStore;
import ma.tadamon.catalog.store.StandSaleStore.Sale;
import ma.tadamon.events.catalog.StandSaleAnswered;
import ma.tadamon.events.catalog.StandSaleRecorded;
import ma.tadamon.events.notification.StandSaleReported;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Sales at a cooperative's fair stand (docs/fairs.md): recorded from the portal or by SMS, at the
 * fair the cooperative exhibits at today, in the transaction that lowers the product's stock, and
 * announced ({@link StandSaleRecorded}) for the fair's figures. A sale's id derives from the
 * request's idempotency key, and the product's row is locked first, so a sale sent twice — even at
 * once — is recorded once.
 */
public final class StandSales {

  /** A fair's days are Moroccan calendar days. */
  private static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

  /** A sale as recorded, the product after it, and whether this request was a repeat. */
  public record Recorded(Sale sale, Fair fair, ProductListing product, boolean repeated) {}

  private final Pool pool;
  private final StandSaleStore sales;
  private final ProductManagement products;
  private final ProductStore productRows;
  private final FairCalendar calendar;
  private final Outbox outbox;
  private final Clock clock;

  public StandSales(
      Pool pool,
      StandSaleStore sales,
      ProductManagement products,
      ProductStore productRows,
      FairCalendar calendar,
      Outbox outbox,
      Clock clock) {
    this.pool = pool;
    this.sales = sales;
    this.products = products;
    this.productRows = productRows;
    this.calendar = calendar;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** The fair the cooperative exhibits at today; "conflict" when there is none. */
  public Fair fairToday(UUID cooperative) {
    return fairOpenToday(cooperative)
        .orElseThrow(
            () ->
                DomainException.conflict(
                    "no-fair-today",
                    "Not at a fair today",
                    "Stand sales are recorded during a fair the cooperative exhibits at."));
  }

  private Optional<Fair> fairOpenToday(UUID cooperative) {
    LocalDate today = LocalDate.now(clock.withZone(MOROCCO));
    return calendar.openOn(today).stream()
        .filter(fair -> fair.exhibitor(cooperative).isPresent())
        .findFirst();
  }

  /** A sale from the portal, keyed by the request's {@code idempotencyKey}. */
  public Future<Recorded> record(
      UUID cooperative, StandSale.Request request, String idempotencyKey, Caller caller) {
    caller.requireOperatorOrCooperative(cooperative);
    DomainException.requireValid(request.problems());
    Fair fair = fairToday(cooperative);
    return Transactions.run(
            pool,
            tx ->
                recordWithin(
                    tx, fair, cooperative, request, idempotencyKey, caller.subject(), "PORTAL"))
        .onSuccess(recorded -> products.shown(recorded.product()));
  }

  /**
   * A sale reported by SMS ("VENTE 3 2"): recorded as a portal's is, keyed by the SMS, in the
   * consumer's transaction; the phone that wrote is answered either way. Once committed, the
   * product's change notification refreshes every replica's index.
   */
  public Future<Void> onReported(
      StandSaleReported reported, EventEnvelope envelope, SqlConnection tx) {
    UUID cooperative = reported.cooperativeId();
    Optional<Fair> fair = fairOpenToday(cooperative);
    if (fair.isEmpty()) {
      return answer(tx, reported, Map.of(), 0, "no-fair-today");
    }
    return productRows
        .byNumber(tx, cooperative, reported.productNumber())
        .compose(
            product -> {
              StandSale.Request request =
                  new StandSale.Request(product.orElse(null), reported.quantity(), null);
              if (!request.problems().isEmpty()) {
                return answer(tx, reported, Map.of(), 0, "unknown-product");
              }
              return recordWithin(
                      tx,
                      fair.get(),
                      cooperative,
                      request,
                      "sms:" + reported.commandId(),
                      "sms",
                      "SMS")
                  .compose(
                      recorded ->
                          answer(
                              tx,
                              reported,
                              recorded.product().product().name(),
                              recorded.product().product().stockAvailable(),
                              null))
                  // Refused before anything was written: the phone is told how many are left.
                  .recover(
                      failure ->
                          failure instanceof DomainException refused
                                  && StandSale.STOCK_SHORT.equals(refused.code())
                              ? answer(
                                  tx,
                                  reported,
                                  Map.of(),
                                  (Integer) refused.facts().get("available"),
                                  "stock-short")
                              : Future.failedFuture(failure));
            });
  }

  private Future<Void> answer(
      SqlConnection tx,
      StandSaleReported reported,
      Map<String, String> productName,
      int stockAvailable,
      String refusal) {
    return outbox.append(
        tx,
        Topics.CATALOG_EVENTS,
        new StandSaleAnswered(
            reported.commandId(),
            reported.cooperativeId(),
            reported.productNumber(),
            reported.quantity(),
            productName,
            stockAvailable,
            refusal));
  }

  private Future<Recorded> recordWithin(
      SqlConnection tx,
      Fair fair,
      UUID cooperative,
      StandSale.Request request,
      String idempotencyKey,
      String recordedBy,
      String via) {
    UUID id =
        UUID.nameUUIDFromBytes(
            ("tadamon:stand-sale:" + cooperative + ":" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8));
    // The product's row is locked first: the same sale sent twice at once waits here, then finds
    // itself recorded.
    return productRows
        .lock(tx, request.product())
        .map(
            found ->
                found
                    .filter(listing -> listing.product().cooperativeId().equals(cooperative))
                    .orElseThrow(() -> DomainException.notFound("This product")))
        .compose(
            listing ->
                sales
                    .find(tx, id)
                    .compose(
                        found ->
                            found.isPresent()
                                ? Future.succeededFuture(
                                    new Recorded(found.get(), fair, listing, true))
                                : sell(tx, id, fair, listing, request, recordedBy, via)));
  }

  private Future<Recorded> sell(
      SqlConnection tx,
      UUID id,
      Fair fair,
      ProductListing listing,
      StandSale.Request request,
      String recordedBy,
      String via) {
    Product after = StandSale.sell(listing.product(), request.quantity());
    Sale sale =
        new Sale(
            id,
            fair.id(),
            listing.product().cooperativeId(),
            listing.product().id(),
            request.quantity(),
            StandSale.amount(request, listing.product()),
            via,
            clock.instant());
    return products
        .changeWithin(tx, sale.product(), unchanged -> {}, before -> after)
        .compose(
            changed ->
                sales
                    .insert(tx, sale, recordedBy)
                    .compose(
                        saved ->
                            outbox
                                .append(
                                    tx,
                                    Topics.CATALOG_EVENTS,
                                    new StandSaleRecorded(
                                        saved.id(),
                                        fair.id(),
                                        fair.campaignTag(),
                                        saved.cooperative(),
                                        saved.product(),
                                        saved.quantity(),
                                        saved.amountCentimes(),
                                        via,
                                        saved.soldAt()))
                                .map(new Recorded(saved, fair, changed, false))));
  }
}
