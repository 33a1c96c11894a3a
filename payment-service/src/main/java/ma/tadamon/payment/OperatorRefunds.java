package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.payment.domain.PartStatus;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentPart;
import ma.tadamon.payment.domain.Refund;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.payment.store.RefundStore;
import ma.tadamon.platform.db.PgErrors;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.idempotency.IdempotentCommand;

/**
 * Refunds an operator decides (a damaged jar, a parcel lost after delivery): a whole payment or one
 * cooperative's part, all of what is left or an amount. Never more than was received and not yet
 * refunded; never a part still on its way (declining it or cancelling the order refunds it). The
 * same Idempotency-Key with the same request answers the same refunds.
 */
public final class OperatorRefunds {

  private static final int MAX_REASON = 500;

  /** {@code cooperativeId} absent: every part; {@code amountCentimes} absent: all that is left. */
  public record Request(UUID cooperativeId, Long amountCentimes, String reason) {}

  public record Result(List<Refund> refunds, boolean created) {}

  private final Pool pool;
  private final PaymentStore payments;
  private final RefundStore refundStore;
  private final Refunds refunds;

  public OperatorRefunds(
      Pool pool, PaymentStore payments, RefundStore refundStore, Refunds refunds) {
    this.pool = pool;
    this.payments = payments;
    this.refundStore = refundStore;
    this.refunds = refunds;
  }

  public Future<Result> refund(
      UUID paymentId, Request request, String idempotencyKey, String operator) {
    validate(request);
    IdempotentCommand command =
        IdempotentCommand.of(
            idempotencyKey,
            new RefundIdentity(
                paymentId,
                request.cooperativeId(),
                request.amountCentimes(),
                request.reason().trim()),
            "refund");
    return command
        .<List<Refund>>once(
            this::madeUnder, () -> refundFirstTime(paymentId, request, command, operator))
        .map(outcome -> new Result(outcome.result(), !outcome.replayed()));
  }

  /** What identifies a refund request: retried with the same key, it must be the same. */
  record RefundIdentity(UUID paymentId, UUID cooperativeId, Long amountCentimes, String reason) {}

  /** Empty when a retry with the same key committed first. */
  private Future<Optional<List<Refund>>> refundFirstTime(
      UUID paymentId, Request request, IdempotentCommand command, String operator) {
    String idempotencyKey = command.key();
    String hash = command.requestHash();
    return Transactions.run(
            pool,
            tx ->
                payments
                    .lock(tx, paymentId)
                    .compose(
                        found -> {
                          Payment payment =
                              found.orElseThrow(() -> DomainException.notFound("This payment"));
                          List<PaymentPart> parts = partsToRefund(payment, request);
                          Future<List<Refund>> chain = Future.succeededFuture(new ArrayList<>());
                          for (PaymentPart part : parts) {
                            long amount =
                                request.amountCentimes() != null
                                    ? request.amountCentimes()
                                    : part.refundableCentimes();
                            chain =
                                chain.compose(
                                    made ->
                                        refunds
                                            .request(
                                                tx,
                                                payment,
                                                part.cooperativeId(),
                                                amount,
                                                request.reason().trim(),
                                                operator,
                                                idempotencyKey + "#" + part.cooperativeId(),
                                                hash)
                                            .map(
                                                refund -> {
                                                  made.add(refund);
                                                  return made;
                                                }));
                          }
                          return chain;
                        }))
        .map(Optional::of)
        // The same key raced in from a retry: the winner's refunds are the answer.
        .recover(
            error ->
                PgErrors.uniqueViolation(error)
                    ? Future.succeededFuture(Optional.empty())
                    : Future.failedFuture(error));
  }

  private List<PaymentPart> partsToRefund(Payment payment, Request request) {
    List<PaymentPart> parts;
    if (request.cooperativeId() != null) {
      PaymentPart part = payment.part(request.cooperativeId());
      if (part == null) {
        throw DomainException.invalid(
            List.of(
                new FieldError("cooperativeId", "this payment has no part of that cooperative")));
      }
      parts = List.of(part);
    } else {
      parts = payment.parts().stream().filter(part -> part.refundableCentimes() > 0).toList();
    }
    for (PaymentPart part : parts) {
      if (part.status() == PartStatus.AUTHORIZED && !part.isCaptured()) {
        throw DomainException.conflict(
            "not-delivered",
            "This part is not delivered yet",
            "Decline the cooperative's part or cancel the order: its payment is then voided or refunded in full.");
      }
    }
    long refundable = parts.stream().mapToLong(PaymentPart::refundableCentimes).sum();
    if (parts.isEmpty() || refundable == 0) {
      throw DomainException.conflict(
              "nothing-to-refund",
              "Nothing left to refund",
              "No money was received for this payment, or all of it went back already (status "
                  + payment.status()
                  + ").")
          .with("refundableCentimes", 0);
    }
    if (request.amountCentimes() != null && request.amountCentimes() > refundable) {
      throw DomainException.refused(
              "refund-exceeds-captured",
              "More than can be refunded",
              "At most " + refundable + " centimes can still be refunded.")
          .with("refundableCentimes", refundable);
    }
    return parts;
  }

  /** The refunds an earlier request made under this key (one row per part, one digest). */
  private Future<Optional<IdempotentCommand.Earlier<List<Refund>>>> madeUnder(String key) {
    return refundStore
        .byIdempotencyKeyPrefix(pool, key)
        .map(
            found ->
                found.isEmpty()
                    ? Optional.empty()
                    : Optional.of(
                        new IdempotentCommand.Earlier<>(
                            found.get(0).requestHash(),
                            found.stream().map(RefundStore.KeyedRefund::refund).toList())));
  }

  private static void validate(Request request) {
    List<FieldError> errors = new ArrayList<>();
    if (request.reason() == null
        || request.reason().isBlank()
        || request.reason().length() > MAX_REASON) {
      errors.add(
          new FieldError("reason", "why the money goes back, 1 to " + MAX_REASON + " characters"));
    }
    if (request.amountCentimes() != null && request.amountCentimes() <= 0) {
      errors.add(new FieldError("amountCentimes", "a positive whole number of centimes"));
    }
    if (request.amountCentimes() != null && request.cooperativeId() == null) {
      errors.add(
          new FieldError(
              "cooperativeId",
              "an amount is refunded from one cooperative's part: name the cooperative"));
    }
    if (!errors.isEmpty()) {
      throw DomainException.invalid(errors);
    }
  }
}
