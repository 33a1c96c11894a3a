package ma.tadamon.catalog.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.domain.FieldError;

/**
 * A sale a cooperative made at its fair stand, paid in cash there (docs/fairs.md): which product,
 * how many, and for how much when the stand's price differed from the shop's (a fair discount). The
 * goods are gone: the shelf counts fewer, never fewer than the orders already placed hold.
 */
public final class StandSale {

  public static final int MAX_QUANTITY = 1000;

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

  /** The product after the sale, and how many the shelf lacked (the count was behind). */
  public record Outcome(Product product, int lacking) {}

  private StandSale() {}

  public static long amount(Request request, Product product) {
    return request.amountCentimes() != null
        ? request.amountCentimes()
        : product.priceCentimes() * request.quantity();
  }

  /**
   * The stock after {@code quantity} left the stand. What orders hold stays held: a count that was
   * behind shows as fewer available, and the cooperative is told how many it lacked.
   */
  public static Outcome sell(Product product, int quantity) {
    int free = product.stockOnHand() - product.stockReserved();
    int taken = Math.min(quantity, Math.max(0, free));
    return new Outcome(product.withStockOnHand(product.stockOnHand() - taken), quantity - taken);
  }
}
