package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.Invoice;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.Withdrawal;
import ma.tadamon.order.store.InvoiceStore;
import ma.tadamon.order.store.OrderRepository;
import ma.tadamon.order.store.WithdrawalStore;
import ma.tadamon.platform.events.EventEnvelope;

/**
 * Each cooperative's invoices: one when its part is delivered, in the transaction that records the
 * delivery; a credit note for each refund of an invoiced part, in the transaction that hears of it.
 * Both under the order's lock, so a delivery and a refund of one part never race; asking twice (a
 * retried delivery, a replayed refund) issues nothing more.
 */
public final class Invoices {

  private final Pool pool;
  private final InvoiceStore store;
  private final OrderRepository orders;
  private final WithdrawalStore withdrawals;
  private final int vatBasisPoints;
  private final Clock clock;

  public Invoices(
      Pool pool,
      InvoiceStore store,
      OrderRepository orders,
      WithdrawalStore withdrawals,
      int vatBasisPoints,
      Clock clock) {
    this.pool = pool;
    this.store = store;
    this.orders = orders;
    this.withdrawals = withdrawals;
    this.vatBasisPoints = vatBasisPoints;
    this.clock = clock;
  }

  /** The invoice of a part just delivered, inside the caller's transaction (the order locked). */
  public Future<Void> issueForDelivered(SqlConnection tx, OrderView order, UUID cooperativeId) {
    if (order.part(cooperativeId).status() != CooperativeOrderStatus.DELIVERED) {
      return Future.succeededFuture();
    }
    return store
        .invoiceOfPart(tx, order.id(), cooperativeId)
        .compose(
            existing ->
                existing.isPresent()
                    ? Future.succeededFuture()
                    : store
                        .sellerOf(tx, cooperativeId)
                        .compose(
                            seller ->
                                store.issue(
                                    tx,
                                    Invoice.forPart(
                                        order,
                                        cooperativeId,
                                        seller,
                                        vatBasisPoints,
                                        clock.instant())))
                        .mapEmpty());
  }

  /** Money went back on a part: if it was invoiced, its credit note. */
  public Future<Void> onRefunded(PaymentRefunded refund, EventEnvelope envelope, SqlConnection tx) {
    return orders
        .lock(tx, refund.orderId())
        .compose(
            order ->
                order.isEmpty()
                    ? Future.succeededFuture()
                    : Future.all(
                            store.invoiceOfPart(tx, refund.orderId(), refund.cooperativeId()),
                            store.ofRefund(tx, refund.refundId()))
                        .compose(
                            found -> {
                              Optional<Invoice> invoice = found.resultAt(0);
                              Optional<Invoice> already = found.resultAt(1);
                              if (invoice.isEmpty() || already.isPresent()) {
                                return Future.succeededFuture();
                              }
                              return withdrawalOf(tx, refund)
                                  .compose(
                                      withdrawal ->
                                          store.issue(
                                              tx,
                                              Invoice.creditNote(
                                                  invoice.get(),
                                                  order.get(),
                                                  refund.refundId(),
                                                  refund.amountCentimes(),
                                                  withdrawal.orElse(null),
                                                  envelope.time())))
                                  .mapEmpty();
                            }));
  }

  private Future<Optional<Withdrawal>> withdrawalOf(SqlConnection tx, PaymentRefunded refund) {
    return refund.withdrawalId() == null
        ? Future.succeededFuture(Optional.empty())
        : withdrawals.lock(tx, refund.withdrawalId());
  }

  public Future<List<Invoice>> ofOrder(UUID orderId) {
    return store.ofOrder(pool, orderId);
  }

  public Future<Optional<Invoice>> byId(UUID id) {
    return store.byId(pool, id);
  }

  public Future<List<Invoice>> ofCooperative(UUID cooperativeId, int limit) {
    return store.ofCooperative(pool, cooperativeId, limit);
  }
}
