package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.events.order.OrderAnonymised;
import ma.tadamon.order.domain.Invoice;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.Withdrawal;
import ma.tadamon.order.store.InvoiceStore;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.order.store.PersonalDataStore;
import ma.tadamon.order.store.WithdrawalStore;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * A shopper's rights over its data (law 09-08; docs/compliance.md): everything order-service holds
 * about a signed-in shopper, as JSON; erasure, which anonymises each of its orders once it is over
 * (amounts, lines and invoices stay for the accounting law); the retention of guests' contacts; and
 * the log of operators reading shoppers' personal data.
 */
public final class PersonalData {

  private static final int ANONYMISE_BATCH = 200;

  private final Pool pool;
  private final PersonalDataStore store;
  private final OrderQueries orders;
  private final WithdrawalStore withdrawals;
  private final InvoiceStore invoices;
  private final Duration guestRetention;
  private final Outbox outbox;

  public PersonalData(
      Pool pool,
      PersonalDataStore store,
      OrderQueries orders,
      WithdrawalStore withdrawals,
      InvoiceStore invoices,
      Duration guestRetention,
      Outbox outbox) {
    this.pool = pool;
    this.store = store;
    this.orders = orders;
    this.withdrawals = withdrawals;
    this.invoices = invoices;
    this.guestRetention = guestRetention;
    this.outbox = outbox;
  }

  /** An order as its shopper may take it away: with its withdrawals and its invoices. */
  public record OrderData(OrderView order, List<Withdrawal> withdrawals, List<Invoice> invoices) {}

  /** Everything order-service holds about a signed-in shopper. */
  public record Export(List<OrderData> orders, JsonArray verifiedPhones) {}

  /** Everything about the shopper {@code subject}: its orders with their contacts, its phones. */
  public Future<Export> export(String subject) {
    return store
        .ordersOf(pool, subject)
        .compose(
            ids -> {
              List<Future<OrderData>> each = new ArrayList<>();
              for (UUID id : ids) {
                each.add(orderData(id));
              }
              return Future.all(each)
                  .compose(
                      done ->
                          store
                              .verifiedPhones(pool, subject)
                              .map(phones -> new Export(done.list(), phones)));
            });
  }

  private Future<OrderData> orderData(UUID id) {
    Future<OrderView> order = orders.load(pool, id).map(found -> found.orElseThrow());
    Future<List<Withdrawal>> withdrawn = withdrawals.ofOrder(pool, id);
    Future<List<Invoice>> documents = invoices.ofOrder(pool, id);
    return Future.all(order, withdrawn, documents)
        .map(done -> new OrderData(order.result(), withdrawn.result(), documents.result()));
  }

  /**
   * Erasure asked: the shopper's orders already over are anonymised now, in the same transaction,
   * the others as soon as they end.
   */
  public Future<JsonObject> erase(String subject) {
    return Transactions.run(
            pool,
            tx ->
                store.askErasure(tx, subject).compose(marked -> anonymise(tx, subject).map(marked)))
        .compose(
            marked ->
                store
                    .ordersOf(pool, subject)
                    .map(
                        left ->
                            new JsonObject()
                                .put("orders", marked)
                                .put("waitingForTheirEnd", left.size())));
  }

  /**
   * The retention task: what is due, a batch at a time, each announced in the same transaction so
   * notification-service forgets its copies of the contact too.
   */
  public Future<Integer> anonymiseDue() {
    return Transactions.run(pool, tx -> anonymise(tx, null));
  }

  /** Anonymises a batch of what is due ({@code subject}'s only, when given) and announces it. */
  private Future<Integer> anonymise(SqlConnection tx, String subject) {
    return store
        .anonymiseDue(tx, guestRetention, ANONYMISE_BATCH, subject)
        .compose(
            done ->
                done.isEmpty()
                    ? Future.succeededFuture(0)
                    : outbox
                        .append(
                            tx,
                            Topics.ORDER_EVENTS,
                            done.stream()
                                .map(
                                    order ->
                                        new OrderAnonymised(
                                            order.orderId(),
                                            order.phone(),
                                            order.email(),
                                            order.shopperAsked()))
                                .toList())
                        .map(v -> done.size()));
  }

  /**
   * An operator is about to read shoppers' personal data: logged first, so a reading the log could
   * not record does not happen.
   */
  public Future<Void> operatorReads(String operator, String what, String purpose) {
    return store.logAccess(pool, operator, what, purpose);
  }

  public Future<JsonArray> accessLog(String operator, int limit) {
    return store.accessLog(pool, operator, limit);
  }
}
