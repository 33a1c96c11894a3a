package ma.tadamon.order.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.platform.domain.FieldError;

/**
 * An order priced from the catalog read model and split into one part per cooperative, each with
 * its shipping fee. All amounts are centimes of MAD.
 */
public record PricedOrder(List<PricedLine> lines, List<CooperativePart> parts) {

  public record PricedLine(int number, CatalogProduct product, int quantity) {
    public long amountCentimes() {
      return product.priceCentimes() * quantity;
    }
  }

  public record CooperativePart(UUID cooperativeId, long subtotalCentimes, long shippingCentimes) {}

  public long subtotalCentimes() {
    return parts.stream().mapToLong(CooperativePart::subtotalCentimes).sum();
  }

  public long shippingCentimes() {
    return parts.stream().mapToLong(CooperativePart::shippingCentimes).sum();
  }

  public long totalCentimes() {
    return subtotalCentimes() + shippingCentimes();
  }

  /** The outcome of pricing: the order, or what in the request cannot be sold. */
  public record Result(PricedOrder order, List<FieldError> problems) {}

  public static Result price(
      CheckoutRequest request, Map<UUID, CatalogProduct> catalog, ShippingFees fees) {
    List<FieldError> problems = new ArrayList<>();
    List<PricedLine> lines = new ArrayList<>();
    for (int i = 0; i < request.lines().size(); i++) {
      CheckoutRequest.Line line = request.lines().get(i);
      CatalogProduct product = catalog.get(line.productId());
      String field = "lines[" + i + "].productId";
      if (product == null) {
        problems.add(new FieldError(field, "no such product"));
      } else if (!product.active()) {
        problems.add(new FieldError(field, "this product is no longer sold"));
      } else if (!product.cooperativeVerified()) {
        problems.add(new FieldError(field, "this cooperative is not selling yet"));
      } else {
        lines.add(new PricedLine(i + 1, product, line.quantity()));
      }
    }
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    Map<UUID, Long> subtotals = new LinkedHashMap<>();
    Map<UUID, String> regions = new LinkedHashMap<>();
    for (PricedLine line : lines) {
      subtotals.merge(line.product().cooperativeId(), line.amountCentimes(), Long::sum);
      regions.put(line.product().cooperativeId(), line.product().cooperativeRegion());
    }
    List<CooperativePart> parts = new ArrayList<>();
    subtotals.forEach(
        (cooperative, subtotal) ->
            parts.add(
                new CooperativePart(
                    cooperative,
                    subtotal,
                    fees.feeCentimes(
                        subtotal, regions.get(cooperative), request.shippingAddress().region()))));
    return new Result(new PricedOrder(List.copyOf(lines), List.copyOf(parts)), List.of());
  }
}
