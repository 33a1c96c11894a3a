package ma.tadamon.payment.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.payment.domain.PayoutStatement;

/** Payout statements, and the ledger lines on each cooperative's account that they gather. */
public final class PayoutStore {

  private static final String COOPERATIVES_WITH_OPEN_LINES =
      """
      SELECT DISTINCT l.cooperative_id FROM ledger_lines l JOIN ledger_journal j ON j.id = l.journal_id
      WHERE l.statement_id IS NULL AND l.cooperative_id IS NOT NULL AND j.created_at < $1
      """;
  private static final String LOCK_COOPERATIVE =
      "SELECT pg_advisory_xact_lock(hashtextextended($1::text, 7))";
  // Each movement on the cooperative's account, with the commission booked in the same journal
  // entry.
  private static final String LINES =
      """
      SELECT l.id, j.created_at, j.kind, j.order_id, j.order_code, l.amount_centimes AS cooperative_centimes,
             coalesce((SELECT sum(c.amount_centimes) FROM ledger_lines c
                       WHERE c.journal_id = j.id AND c.account = 'platform:commission'), 0) AS commission_centimes
      FROM ledger_lines l JOIN ledger_journal j ON j.id = l.journal_id
      WHERE l.cooperative_id = $1 AND %s AND j.kind IN ('CAPTURE', 'REFUND')
      ORDER BY j.created_at, l.id
      """;
  private static final String OPEN_LINES =
      LINES.formatted("l.statement_id IS NULL AND j.created_at < $2");
  private static final String STATEMENT_LINES = LINES.formatted("l.statement_id = $2");
  private static final String INSERT =
      """
      INSERT INTO payout_statements (id, cooperative_id, period_end, sales_centimes, commission_centimes,
                                     refunds_centimes, net_centimes, status)
      VALUES ($1, $2, $3, $4, $5, $6, $7, 'ISSUED')
      """;
  private static final String ASSIGN =
      "UPDATE ledger_lines SET statement_id = $2 WHERE id = ANY($1)";
  private static final String ASSIGN_JOURNAL =
      "UPDATE ledger_lines SET statement_id = $2 WHERE journal_id = $1 AND cooperative_id IS NOT NULL";
  private static final String BY_PERIOD_END =
      "SELECT * FROM payout_statements WHERE period_end = $1 ORDER BY cooperative_id";
  private static final String BY_ID = "SELECT * FROM payout_statements WHERE id = $1";
  private static final String LOCK = "SELECT * FROM payout_statements WHERE id = $1 FOR UPDATE";
  private static final String LIST =
      """
      SELECT * FROM payout_statements
      WHERE ($1::uuid IS NULL OR cooperative_id = $1) AND ($2::text IS NULL OR status = $2)
      ORDER BY period_end DESC, cooperative_id LIMIT $3
      """;
  private static final String MARK_PAID =
      """
      UPDATE payout_statements SET status = 'PAID', paid_reference = $2, paid_at = now() WHERE id = $1
      """;

  public Future<List<UUID>> cooperativesWithOpenLines(SqlClient client, Instant before) {
    return client
        .preparedQuery(COOPERATIVES_WITH_OPEN_LINES)
        .execute(Tuple.of(utc(before)))
        .map(
            rows -> {
              List<UUID> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(row.getUUID("cooperative_id")));
              return ids;
            });
  }

  /** Serialises statement work on one cooperative until the transaction ends. */
  public Future<Void> lockCooperative(SqlConnection tx, UUID cooperativeId) {
    return tx.preparedQuery(LOCK_COOPERATIVE)
        .execute(Tuple.of(cooperativeId.toString()))
        .mapEmpty();
  }

  public record OpenLines(List<Long> ids, List<PayoutStatement.Line> lines) {}

  public Future<OpenLines> openLines(SqlClient client, UUID cooperativeId, Instant before) {
    return client
        .preparedQuery(OPEN_LINES)
        .execute(Tuple.of(cooperativeId, utc(before)))
        .map(
            rows -> {
              List<Long> ids = new ArrayList<>();
              List<PayoutStatement.Line> lines = new ArrayList<>();
              for (Row row : rows) {
                ids.add(row.getLong("id"));
                lines.add(line(row));
              }
              return new OpenLines(ids, lines);
            });
  }

  public Future<Void> insert(SqlConnection tx, PayoutStatement statement, List<Long> lineIds) {
    return tx.preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    statement.id(),
                    statement.cooperativeId(),
                    utc(statement.periodEnd()),
                    statement.salesCentimes(),
                    statement.commissionCentimes(),
                    statement.refundsCentimes(),
                    statement.netCentimes())))
        .compose(
            v ->
                tx.preparedQuery(ASSIGN)
                    .execute(Tuple.of(lineIds.toArray(new Long[0]), statement.id())))
        .mapEmpty();
  }

  public Future<List<PayoutStatement>> forPeriodEnd(SqlClient client, Instant periodEnd) {
    return client
        .preparedQuery(BY_PERIOD_END)
        .execute(Tuple.of(utc(periodEnd)))
        .map(
            rows -> {
              List<PayoutStatement> found = new ArrayList<>();
              rows.forEach(row -> found.add(summary(row)));
              return found;
            });
  }

  public Future<Optional<PayoutStatement>> byId(SqlClient client, UUID id) {
    return client
        .preparedQuery(BY_ID)
        .execute(Tuple.of(id))
        .compose(
            rows ->
                rows.size() == 0
                    ? Future.succeededFuture(Optional.empty())
                    : withLines(client, rows.iterator().next()).map(Optional::of));
  }

  public Future<Optional<PayoutStatement>> lock(SqlConnection tx, UUID id) {
    return tx.preparedQuery(LOCK)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0 ? Optional.empty() : Optional.of(summary(rows.iterator().next())));
  }

  /** Statements without their lines, newest period first. */
  public Future<List<PayoutStatement>> list(
      SqlClient client, UUID cooperativeId, String status, int limit) {
    return client
        .preparedQuery(LIST)
        .execute(Tuple.of(cooperativeId, status, limit))
        .map(
            rows -> {
              List<PayoutStatement> statements = new ArrayList<>();
              rows.forEach(row -> statements.add(summary(row)));
              return statements;
            });
  }

  /**
   * Marks the statement paid and files the payout's ledger lines under it, so no later statement
   * counts them.
   */
  public Future<Void> markPaid(
      SqlConnection tx, UUID statementId, String reference, UUID payoutJournalId) {
    return tx.preparedQuery(MARK_PAID)
        .execute(Tuple.of(statementId, reference))
        .compose(
            v -> tx.preparedQuery(ASSIGN_JOURNAL).execute(Tuple.of(payoutJournalId, statementId)))
        .mapEmpty();
  }

  private Future<PayoutStatement> withLines(SqlClient client, Row row) {
    PayoutStatement summary = summary(row);
    return client
        .preparedQuery(STATEMENT_LINES)
        .execute(Tuple.of(summary.cooperativeId(), summary.id()))
        .map(
            rows -> {
              List<PayoutStatement.Line> lines = new ArrayList<>();
              rows.forEach(line -> lines.add(line(line)));
              return new PayoutStatement(
                  summary.id(),
                  summary.cooperativeId(),
                  summary.periodEnd(),
                  summary.salesCentimes(),
                  summary.commissionCentimes(),
                  summary.refundsCentimes(),
                  summary.netCentimes(),
                  summary.status(),
                  summary.paidReference(),
                  summary.paidAt(),
                  summary.createdAt(),
                  lines);
            });
  }

  private static PayoutStatement summary(Row row) {
    OffsetDateTime paidAt = row.getOffsetDateTime("paid_at");
    return new PayoutStatement(
        row.getUUID("id"),
        row.getUUID("cooperative_id"),
        row.getOffsetDateTime("period_end").toInstant(),
        row.getLong("sales_centimes"),
        row.getLong("commission_centimes"),
        row.getLong("refunds_centimes"),
        row.getLong("net_centimes"),
        row.getString("status"),
        row.getString("paid_reference"),
        paidAt == null ? null : paidAt.toInstant(),
        row.getOffsetDateTime("created_at").toInstant(),
        List.of());
  }

  /**
   * A movement as the cooperative sees it. A sale credits its account with the gross less the
   * commission; a refund debits it with the refund less the commission handed back.
   */
  private static PayoutStatement.Line line(Row row) {
    long cooperative = row.getLong("cooperative_centimes");
    long commission = row.getLong("commission_centimes");
    boolean sale = "CAPTURE".equals(row.getString("kind"));
    long commissionShare = Math.abs(commission);
    long net = -cooperative;
    long gross = sale ? net + commissionShare : cooperative + commissionShare;
    return new PayoutStatement.Line(
        row.getOffsetDateTime("created_at").toInstant(),
        sale ? "SALE" : "REFUND",
        row.getUUID("order_id"),
        row.getString("order_code"),
        gross,
        commissionShare,
        net);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
