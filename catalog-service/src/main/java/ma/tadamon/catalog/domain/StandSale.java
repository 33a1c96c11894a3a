package ma.tadamon.catalog.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;

/**
 * A sale a cooperative made at its fair stand, paid in cash there (docs/fairs.md): which product,
 * how many, and for how much when the stand's price differed from the shop's (a fair discount). It
 * takes from what is left on sale, never from what orders already placed hold.
 */
public final class StandSale {

  public static final int MAX_QUANTITY = 1000;
  public static final String STOCK_SHORT = "stand-sale-stock-short";

  /** What the portal sends; {@code amountCentimes} absent: the shop's price times the quantity. */
  public record Request(UUID product, Integer quantity, Long amountCentimes) {

    public List<FieldError> problems() {
      List<FieldError> problems = new ArrayList<>();
      if (product == null) {
        problems.add(new FieldError("product", "the product sold"));
      }
      if (quantity == null || quantity < 1 || quantity > MAX_QUANTITY) {
        problems.add(new FieldError("quantity", "1 to " + MAX_QUANTITY));
      }
      if (amountCentimes != null && (amountCentimes < 1 || amountCentimes > 100_000_000L)) {
        problems.add(new FieldError("amountCentimes", "what the buyer paid, in centimes"));
      }
      return problems;
    }
  }

  private StandSale() {}

  public static long amount(Request request, Product product) {
    return request.amountCentimes() != null
        ? request.amountCentimes()
        : product.priceCentimes() * request.quantity();
  }

  /**
   * The product once {@code quantity} left the stand; refused when fewer are left on sale: the
   * others are promised to orders, and a count that is behind must be corrected first, so that what
   * is sold online stays right.
   */
  public static Product sell(Product product, int quantity) {
    if (quantity > product.stockAvailable()) {
      throw stockShort(product.stockAvailable());
    }
    return product.withStockOnHand(product.stockOnHand() - quantity);
  }

  public static DomainException stockShort(int available) {
    return DomainException.conflict(
            STOCK_SHORT,
            "Not that many left on sale",
            "Only "
                + available
                + " are left on sale (the others are held for orders). Record at most that many,"
                + " or correct the stock first if the count was behind.")
        .with("available", available);
  }
}
