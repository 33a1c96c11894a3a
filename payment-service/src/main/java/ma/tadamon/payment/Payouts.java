package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.payment.PayoutPaid;
import ma.tadamon.events.payment.PayoutStatementIssued;
import ma.tadamon.payment.domain.Journal;
import ma.tadamon.payment.domain.Ledger;
import ma.tadamon.payment.domain.PayoutStatement;
import ma.tadamon.payment.store.LedgerStore;
import ma.tadamon.payment.store.PayoutStore;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Cooperatives' payout statements: closing a period gathers every sale and refund on each
 * cooperative's ledger account not yet on a statement into one statement per cooperative; the
 * operator pays it and marks it paid. A cooperative whose period nets to nothing or less gets no
 * statement: its movements roll into the next period.
 */
public final class Payouts {

  private final Pool pool;
  private final PayoutStore statements;
  private final LedgerStore ledger;
  private final Outbox outbox;

  public Payouts(Pool pool, PayoutStore statements, LedgerStore ledger, Outbox outbox) {
    this.pool = pool;
    this.statements = statements;
    this.ledger = ledger;
    this.outbox = outbox;
  }

  /**
   * Closes the period ending at {@code periodEnd}; closing it again answers the same statements.
   */
  public Future<List<PayoutStatement>> closePeriod(Instant periodEnd) {
    if (periodEnd.isAfter(Instant.now())) {
      return Future.failedFuture(
          DomainException.refused(
              "period-not-over",
              "The period is not over",
              "A period can be closed once it has ended; periodEnd is in the future."));
    }
    return statements
        .cooperativesWithOpenLines(pool, periodEnd)
        .compose(
            cooperatives -> {
              Future<Void> chain = Future.succeededFuture();
              for (UUID cooperative : cooperatives) {
                chain = chain.compose(v -> issue(cooperative, periodEnd)).mapEmpty();
              }
              // Answers this close's statements and any an earlier close of the same period made.
              return chain.compose(v -> statements.forPeriodEnd(pool, periodEnd));
            });
  }

  private Future<Optional<PayoutStatement>> issue(UUID cooperative, Instant periodEnd) {
    return Transactions.run(
        pool,
        tx ->
            statements
                .lockCooperative(tx, cooperative)
                .compose(v -> statements.openLines(tx, cooperative, periodEnd))
                .compose(
                    open -> {
                      PayoutStatement statement =
                          PayoutStatement.of(
                              UUID.randomUUID(), cooperative, periodEnd, open.lines());
                      if (open.ids().isEmpty() || statement.netCentimes() <= 0) {
                        return Future.succeededFuture(Optional.<PayoutStatement>empty());
                      }
                      return statements
                          .insert(tx, statement, open.ids())
                          .compose(
                              v ->
                                  outbox.append(
                                      tx,
                                      Topics.PAYMENT_EVENTS,
                                      new PayoutStatementIssued(
                                          statement.id(),
                                          cooperative,
                                          periodEnd,
                                          statement.salesCentimes(),
                                          statement.commissionCentimes(),
                                          statement.refundsCentimes(),
                                          statement.netCentimes())))
                          .map(Optional.of(statement));
                    }));
  }

  /**
   * The operator paid the statement (e.g. a bank transfer); repeating it with the same reference is
   * harmless.
   */
  public Future<PayoutStatement> markPaid(UUID statementId, String reference) {
    if (reference == null || reference.isBlank() || reference.length() > 100) {
      return Future.failedFuture(
          DomainException.invalid(
              List.of(
                  new FieldError(
                      "reference",
                      "the payment's reference (e.g. the bank transfer's), 1 to 100 characters"))));
    }
    String trimmed = reference.trim();
    return Transactions.run(
            pool,
            tx ->
                statements
                    .lock(tx, statementId)
                    .compose(
                        found -> {
                          PayoutStatement statement =
                              found.orElseThrow(() -> DomainException.notFound("This statement"));
                          if ("PAID".equals(statement.status())) {
                            if (trimmed.equals(statement.paidReference())) {
                              return Future.succeededFuture();
                            }
                            throw DomainException.conflict(
                                "already-paid",
                                "This statement is already paid",
                                "It was paid with reference " + statement.paidReference() + ".");
                          }
                          Journal payout =
                              Ledger.paidOut(
                                  statement.id(),
                                  statement.cooperativeId(),
                                  statement.netCentimes());
                          return ledger
                              .record(tx, payout)
                              .compose(
                                  v ->
                                      statements.markPaid(tx, statement.id(), trimmed, payout.id()))
                              .compose(
                                  v ->
                                      outbox.append(
                                          tx,
                                          Topics.PAYMENT_EVENTS,
                                          new PayoutPaid(
                                              statement.id(),
                                              statement.cooperativeId(),
                                              statement.netCentimes(),
                                              trimmed)));
                        }))
        .compose(v -> statements.byId(pool, statementId))
        .map(Optional::orElseThrow);
  }
}
