package ma.tadamon.order.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An invoice for one cooperative's delivered part, or a credit note for money refunded on it: what
 * the law asks a seller's invoice to carry (docs/compliance.md) — the seller's identifiers, the
 * date, the buyer, each line's quantity and unit price, and the taxes apart. The number is the
 * seller's next in its continuous series, given when the document is saved; amounts are centimes of
 * MAD, prices all taxes included.
 */
public record Invoice(
    UUID id,
    UUID cooperativeId,
    long number,
    Kind kind,
    UUID orderId,
    String orderCode,
    UUID refundId,
    Instant issuedAt,
    Seller seller,
    Buyer buyer,
    List<Line> lines,
    long totalCentimes,
    int vatBasisPoints,
    long vatCentimes) {

  public enum Kind {
    INVOICE("F"),
    CREDIT_NOTE("AV");

    private final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }
  }

  /** The seller as it was when the document was issued. */
  public record Seller(
      Map<String, String> name,
      String registrationNumber,
      String ice,
      String taxId,
      String address) {}

  public record Buyer(String name, String addressLine, String city, String postalCode) {}

  /** A line: the product's name by language, how many, at what unit price, for how much. */
  public record Line(Map<String, String> name, int quantity, long unitPriceCentimes) {
    public long amountCentimes() {
      return unitPriceCentimes * quantity;
    }
  }

  /** What a refund line is called when it is not goods coming back. */
  static final Map<String, String> REFUND_LINE =
      Map.of("ar", "استرداد", "fr", "Remboursement", "en", "Refund");

  static final Map<String, String> SHIPPING_LINE =
      Map.of("ar", "التوصيل", "fr", "Livraison", "en", "Shipping");

  public Invoice {
    lines = List.copyOf(lines);
  }

  /** E.g. F-000042 or AV-000043: one series per seller, both kinds in it. */
  public String displayNumber() {
    return kind.prefix + "-" + String.format("%06d", number);
  }

  public long netCentimes() {
    return totalCentimes - vatCentimes;
  }

  /** The invoice of {@code cooperativeId}'s part, delivered: its lines and its shipping. */
  public static Invoice forPart(
      OrderView order, UUID cooperativeId, Seller seller, int vatBasisPoints, Instant now) {
    OrderView.Part part = order.part(cooperativeId);
    List<Line> lines = new ArrayList<>();
    order.lines().stream()
        .filter(line -> line.cooperativeId().equals(cooperativeId))
        .forEach(
            line ->
                lines.add(new Line(line.productName(), line.quantity(), line.unitPriceCentimes())));
    if (part.shippingCentimes() > 0) {
      lines.add(new Line(SHIPPING_LINE, 1, part.shippingCentimes()));
    }
    return issued(Kind.INVOICE, order, cooperativeId, null, seller, lines, vatBasisPoints, now);
  }

  /**
   * The credit note of a refund on an invoiced part: the withdrawn lines when it settles a
   * withdrawal (and the shipping when the whole part came back), one refund line otherwise.
   */
  public static Invoice creditNote(
      Invoice invoice,
      OrderView order,
      UUID refundId,
      long refundedCentimes,
      Withdrawal withdrawal,
      Instant now) {
    List<Line> lines = new ArrayList<>();
    if (withdrawal != null
        && withdrawal.amountCentimes() == refundedCentimes
        && withdrawal.cooperativeId().equals(invoice.cooperativeId())) {
      withdrawal
          .lines()
          .forEach(
              line -> lines.add(new Line(line.name(), line.quantity(), line.unitPriceCentimes())));
      long shipping = refundedCentimes - lines.stream().mapToLong(Line::amountCentimes).sum();
      if (shipping > 0) {
        lines.add(new Line(SHIPPING_LINE, 1, shipping));
      }
    } else {
      lines.add(new Line(REFUND_LINE, 1, refundedCentimes));
    }
    return issued(
        Kind.CREDIT_NOTE,
        order,
        invoice.cooperativeId(),
        refundId,
        invoice.seller(),
        lines,
        invoice.vatBasisPoints(),
        now);
  }

  private static Invoice issued(
      Kind kind,
      OrderView order,
      UUID cooperativeId,
      UUID refundId,
      Seller seller,
      List<Line> lines,
      int vatBasisPoints,
      Instant now) {
    long total = lines.stream().mapToLong(Line::amountCentimes).sum();
    return new Invoice(
        UUID.randomUUID(),
        cooperativeId,
        0,
        kind,
        order.id(),
        order.code(),
        refundId,
        now,
        seller,
        new Buyer(
            order.contact().name(),
            order.shippingAddress().line1(),
            order.shippingAddress().city(),
            order.shippingAddress().postalCode()),
        lines,
        total,
        vatBasisPoints,
        vatIncludedIn(total, vatBasisPoints));
  }

  /**
   * The VAT inside a price that includes it, to the centime, half up: total × rate / (1 + rate), in
   * whole numbers (basis points), never floating point.
   */
  static long vatIncludedIn(long totalCentimes, int basisPoints) {
    if (basisPoints == 0) {
      return 0;
    }
    long denominator = 10_000L + basisPoints;
    return (totalCentimes * basisPoints * 2 + denominator) / (2 * denominator);
  }

  public Invoice numbered(long assigned) {
    return new Invoice(
        id,
        cooperativeId,
        assigned,
        kind,
        orderId,
        orderCode,
        refundId,
        issuedAt,
        seller,
        buyer,
        lines,
        totalCentimes,
        vatBasisPoints,
        vatCentimes);
  }
}
