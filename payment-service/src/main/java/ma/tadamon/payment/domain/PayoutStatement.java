package ma.tadamon.payment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a cooperative is owed for a period, line by line: each delivered part (sales less
 * commission) and each refund (less the commission handed back). {@code net = sales - commission -
 * refunds}.
 */
public record PayoutStatement(
    UUID id,
    UUID cooperativeId,
    Instant periodEnd,
    long salesCentimes,
    long commissionCentimes,
    long refundsCentimes,
    long netCentimes,
    String status,
    String paidReference,
    Instant paidAt,
    Instant createdAt,
    List<Line> lines) {

  /** One movement: {@code kind} SALE or REFUND, its order, and where its money went. */
  public record Line(
      Instant at,
      String kind,
      UUID orderId,
      String orderCode,
      long grossCentimes,
      long commissionCentimes,
      long netCentimes) {}

  /** Adds up lines read from the ledger into a statement's totals. */
  public static PayoutStatement of(
      UUID id, UUID cooperativeId, Instant periodEnd, List<Line> lines) {
    long sales = 0;
    long commission = 0;
    long refunds = 0;
    for (Line line : lines) {
      if ("SALE".equals(line.kind())) {
        sales += line.grossCentimes();
        commission += line.commissionCentimes();
      } else {
        refunds += line.grossCentimes();
        commission -= line.commissionCentimes();
      }
    }
    return new PayoutStatement(
        id,
        cooperativeId,
        periodEnd,
        sales,
        commission,
        refunds,
        sales - commission - refunds,
        "ISSUED",
        null,
        null,
        null,
        lines);
  }
}
