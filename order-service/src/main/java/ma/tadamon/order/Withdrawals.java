package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.Withdrawal;
import ma.tadamon.order.domain.WithdrawalPolicy;
import ma.tadamon.order.store.OrderRepository;
import ma.tadamon.order.store.WithdrawalStore;
import ma.tadamon.platform.db.PgErrors;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.idempotency.IdempotentCommand;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shopper's right of withdrawal, carried out: asked from the tracking page, the goods' return
 * confirmed by the cooperative or an operator, the refund heard from payment-service. Each step
 * locks the order (so it never races the part's fulfilment), lets {@link Withdrawal} decide, and
 * saves the step with its event through the outbox.
 */
public final class Withdrawals {

  private static final Logger log = LoggerFactory.getLogger(Withdrawals.class);

  private final Pool pool;
  private final OrderRepository orders;
  private final WithdrawalStore store;
  private final Outbox outbox;
  private final WithdrawalPolicy policy;
  private final Clock clock;

  public Withdrawals(
      Pool pool,
      OrderRepository orders,
      WithdrawalStore store,
      Outbox outbox,
      WithdrawalPolicy policy,
      Clock clock) {
    this.pool = pool;
    this.orders = orders;
    this.store = store;
    this.outbox = outbox;
    this.policy = policy;
    this.clock = clock;
  }

  public WithdrawalPolicy policy() {
    return policy;
  }

  /** What the shopper asks: a cooperative's part, and its lines (none: the whole part). */
  public record Request(UUID cooperativeId, List<Withdrawal.Asked> lines) {}

  /** The withdrawal, and whether this request made it (false: a retry's replay). */
  public record Result(Withdrawal withdrawal, boolean created) {}

  /**
   * Withdraws under {@code idempotencyKey}: the same request again answers the same withdrawal; any
   * other withdrawal of a part already withdrawn from is refused.
   */
  public Future<Result> request(UUID orderId, Request request, String idempotencyKey) {
    if (request.cooperativeId() == null) {
      throw DomainException.invalid(
          "cooperativeId", "the cooperative whose part is withdrawn from");
    }
    IdempotentCommand command = IdempotentCommand.of(idempotencyKey, request, "withdrawal");
    return Transactions.run(
            pool,
            tx ->
                lockPart(tx, orderId, request.cooperativeId())
                    .compose(part -> decide(tx, part.order(), request, part.withdrawal(), command)))
        .recover(
            error ->
                PgErrors.uniqueViolation(error)
                    // Two first tries raced: the other one committed; answer as a retry.
                    ? store
                        .ofPart(pool, orderId, request.cooperativeId())
                        .map(found -> replay(found.orElseThrow(), command))
                    : Future.failedFuture(error));
  }

  private Future<Result> decide(
      SqlConnection tx,
      OrderView order,
      Request request,
      Optional<WithdrawalStore.Keyed> earlier,
      IdempotentCommand command) {
    if (earlier.isPresent() && earlier.get().idempotencyKey().equals(command.key())) {
      return Future.succeededFuture(replay(earlier.get(), command));
    }
    Withdrawal withdrawal =
        Withdrawal.request(
            order,
            request.cooperativeId(),
            request.lines(),
            earlier.map(WithdrawalStore.Keyed::withdrawal),
            policy,
            clock.instant());
    return store
        .insert(tx, withdrawal, command.key(), command.requestHash())
        .compose(v -> outbox.append(tx, Topics.ORDER_EVENTS, withdrawal.requestedEvent(order)))
        .map(v -> new Result(withdrawal, true));
  }

  private static Result replay(WithdrawalStore.Keyed earlier, IdempotentCommand command) {
    if (!earlier.idempotencyKey().equals(command.key())) {
      throw DomainException.conflict(
          "already-withdrawn",
          "This part was already withdrawn from",
          "A withdrawal of this cooperative's part was asked for already.");
    }
    if (!earlier.requestHash().equals(command.requestHash())) {
      throw DomainException.refused(
          "idempotency-key-reused",
          "This Idempotency-Key was used for another withdrawal",
          "Use a new Idempotency-Key for a different withdrawal.");
    }
    return new Result(earlier.withdrawal(), false);
  }

  /**
   * The withdrawn goods are back with the cooperative: the catalog restocks them and
   * payment-service refunds. Saying it twice changes nothing.
   */
  public Future<Withdrawal> goodsReceived(UUID orderId, UUID cooperativeId, String actor) {
    return Transactions.run(
        pool,
        tx ->
            lockPart(tx, orderId, cooperativeId)
                .compose(
                    part -> {
                      OrderView order = part.order();
                      Withdrawal withdrawal =
                          part.withdrawal()
                              .map(WithdrawalStore.Keyed::withdrawal)
                              .orElseThrow(
                                  () -> DomainException.notFound("A withdrawal of this part"));
                      Optional<Withdrawal> received = withdrawal.received(actor, clock.instant());
                      if (received.isEmpty()) {
                        return Future.succeededFuture(withdrawal);
                      }
                      return store
                          .update(tx, received.get())
                          .compose(
                              v ->
                                  outbox.append(
                                      tx, Topics.ORDER_EVENTS, received.get().receivedEvent(order)))
                          .map(received.get());
                    }));
  }

  /** An order locked (its parts and withdrawals move one at a time), and a part's withdrawal. */
  private record LockedPart(OrderView order, Optional<WithdrawalStore.Keyed> withdrawal) {}

  private Future<LockedPart> lockPart(SqlConnection tx, UUID orderId, UUID cooperativeId) {
    return orders
        .lock(tx, orderId)
        .map(found -> found.orElseThrow(() -> DomainException.notFound("This order")))
        .compose(
            order ->
                store
                    .ofPart(tx, orderId, cooperativeId)
                    .map(withdrawal -> new LockedPart(order, withdrawal)));
  }

  /** payment-service refunded a withdrawal: it is settled. */
  public Future<Void> onRefunded(
      PaymentRefunded refunded, EventEnvelope envelope, SqlConnection tx) {
    if (refunded.withdrawalId() == null) {
      return Future.succeededFuture();
    }
    return store
        .lock(tx, refunded.withdrawalId())
        .compose(
            found -> {
              if (found.isEmpty()) {
                log.warn(
                    "refund {} names withdrawal {}, which this service does not know",
                    refunded.refundId(),
                    refunded.withdrawalId());
                return Future.succeededFuture();
              }
              return found
                  .get()
                  .refunded(envelope.time())
                  .map(done -> store.update(tx, done))
                  .orElse(Future.succeededFuture());
            });
  }

  public Future<List<Withdrawal>> ofOrder(UUID orderId) {
    return store.ofOrder(pool, orderId);
  }

  public Future<List<Withdrawal>> open(
      boolean overdueOnly, Optional<UUID> cooperativeId, int limit) {
    return store.open(pool, overdueOnly, cooperativeId, limit);
  }

  public Future<Long> countOverdue() {
    return store.countOverdue(pool);
  }
}
