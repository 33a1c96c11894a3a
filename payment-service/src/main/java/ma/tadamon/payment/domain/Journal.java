package ma.tadamon.payment.domain;

import java.util.List;
import java.util.UUID;

/**
 * One movement of money in the double-entry ledger: its lines are signed (debit positive, credit
 * negative) and always sum to zero. {@code reference} names the movement uniquely, so recording the
 * same movement twice is impossible.
 */
public record Journal(
    UUID id,
    String kind,
    String reference,
    UUID paymentId,
    UUID orderId,
    String orderCode,
    UUID cooperativeId,
    List<Line> lines) {

  /** A line on an account; {@code cooperativeId} is set on a cooperative's own account. */
  public record Line(String account, UUID cooperativeId, long amountCentimes) {}

  public Journal {
    lines = lines.stream().filter(line -> line.amountCentimes() != 0).toList();
    long total = lines.stream().mapToLong(Line::amountCentimes).sum();
    if (total != 0) {
      throw new IllegalArgumentException(
          kind + " " + reference + " does not balance: off by " + total);
    }
  }
}
