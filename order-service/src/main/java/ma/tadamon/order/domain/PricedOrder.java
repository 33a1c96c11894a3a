package ma.tadamon.order.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.platform.domain.FieldError;

/**
 * An order priced from the catalog read model and split into one part per cooperative, each with
 * its shipping fee, or with its stand when the shopper collects it at a fair (no fee). All amounts
 * are centimes of MAD.
 */
public record PricedOrder(List<PricedLine> lines, List<CooperativePart> parts) {

  public record PricedLine(int number, CatalogProduct product, int quantity) {
    public long amountCentimes() {
      return product.priceCentimes() * quantity;
    }
  }

  /** {@code pickupStand}: where the part is collected at the fair; null when it is shipped. */
  public record CooperativePart(
      UUID cooperativeId, long subtotalCentimes, long shippingCentimes, String pickupStand) {}

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

  /**
   * {@code pickup}: the fair the request names to collect at (empty when it names none or one this
   * service does not know); {@code today}: Morocco's date, as a pick-up is only during the fair.
   */
  public static Result price(
      CheckoutRequest request,
      Map<UUID, CatalogProduct> catalog,
      ShippingFees fees,
      Optional<CatalogFair> pickup,
      LocalDate today) {
    List<FieldError> problems = new ArrayList<>();
    if (request.collectedAtFair()) {
      if (pickup.isEmpty()) {
        problems.add(new FieldError("pickupAt", "no such fair"));
      } else if (!pickup.get().openOn(today)) {
        problems.add(
            new FieldError(
                "pickupAt",
                "goods are collected at a stand only while the fair is open, from "
                    + pickup.get().startsOn()
                    + " to "
                    + pickup.get().endsOn()));
      }
    }
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
      } else if (pickup.isPresent() && pickup.get().standOf(product.cooperativeId()).isEmpty()) {
        problems.add(
            new FieldError(
                field, "this cooperative has no stand at the fair: have this product delivered"));
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
                pickup.isPresent()
                    ? new CooperativePart(
                        cooperative, subtotal, 0, pickup.get().standOf(cooperative).orElseThrow())
                    : new CooperativePart(
                        cooperative,
                        subtotal,
                        fees.feeCentimes(
                            subtotal, regions.get(cooperative), request.shippingAddress().region()),
                        null)));
    return new Result(new PricedOrder(List.copyOf(lines), List.copyOf(parts)), List.of());
  }
}
