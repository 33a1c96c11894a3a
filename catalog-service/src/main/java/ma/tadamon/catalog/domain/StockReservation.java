package ma.tadamon.catalog.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The all-or-nothing decision on an order's stock: every product can hold what is asked, or nothing
 * is held and the shortages say why. Lines for the same product count together.
 */
public final class StockReservation {

  private StockReservation() {}

  /**
   * A product's stock as locked for the decision; {@code sellable} is false for withdrawn products.
   */
  public record Availability(UUID productId, int onHand, int reserved, boolean sellable) {
    int free() {
      return sellable ? onHand - reserved : 0;
    }

    Availability holding(int quantity) {
      return new Availability(productId, onHand, reserved + quantity, sellable);
    }
  }

  /**
   * Stock as locked for a run of orders decided one after another: each order finds what the orders
   * before it held already taken.
   */
  public static final class Shelf {

    private final Map<UUID, Availability> stock = new HashMap<>();

    public Shelf(Collection<Availability> locked) {
      locked.forEach(availability -> stock.put(availability.productId(), availability));
    }

    /** Holds everything {@code requested}, or nothing; the shortages say why (none: held). */
    public List<Shortage> hold(Map<UUID, Integer> requested) {
      List<Shortage> shortages = shortages(requested, stock);
      if (shortages.isEmpty()) {
        requested.forEach(
            (product, quantity) ->
                stock.computeIfPresent(product, (id, available) -> available.holding(quantity)));
      }
      return shortages;
    }
  }

  public record Shortage(UUID productId, int requested, int available) {}

  /** One product line of an order's reservation, and where it is in its life. */
  public record Held(UUID productId, int quantity, Status status) {

    /**
     * HELD ends as RELEASED (back on sale) or SOLD; SOLD may end as RETURNED (back on the shelf).
     */
    public enum Status {
      HELD,
      RELEASED,
      SOLD,
      RETURNED
    }

    public Held endedAs(Status next) {
      boolean allowed =
          switch (status) {
            case HELD -> next == Status.RELEASED || next == Status.SOLD;
            case SOLD -> next == Status.RETURNED;
            case RELEASED, RETURNED -> false;
          };
      if (!allowed) {
        throw new IllegalStateException("a " + status + " reservation cannot become " + next);
      }
      return new Held(productId, quantity, next);
    }

    /**
     * The product's counters once this reservation is in its status: a new hold reserves, a release
     * gives the reservation back, a sale takes the goods off the shelf and the reservation
     * together, a return puts them back on the shelf. What the store writes, computed here so that
     * what changed is known without reading the rows again.
     */
    public Product appliedTo(Product product) {
      return product.withStock(
          product.stockOnHand() + onHandChange(), product.stockReserved() + reservedChange());
    }

    /** How this reservation, in its status, moves the goods on the shelf. */
    public int onHandChange() {
      return switch (status) {
        case HELD, RELEASED -> 0;
        case SOLD -> -quantity;
        case RETURNED -> quantity;
      };
    }

    /** How this reservation, in its status, moves what is reserved. */
    public int reservedChange() {
      return switch (status) {
        case HELD -> quantity;
        case RELEASED, SOLD -> -quantity;
        case RETURNED -> 0;
      };
    }

    /** What giving it back means: held stock is released, sold stock is returned to the shelf. */
    public Held givenBack() {
      return endedAs(status == Status.HELD ? Status.RELEASED : Status.RETURNED);
    }
  }

  /**
   * Quantities per product, in product id order: the order in which rows are locked, so two
   * reservations never deadlock.
   */
  public static Map<UUID, Integer> totalsByProduct(List<Map.Entry<UUID, Integer>> lines) {
    Map<UUID, Integer> totals = new TreeMap<>();
    lines.forEach(line -> totals.merge(line.getKey(), line.getValue(), Integer::sum));
    return totals;
  }

  /**
   * What is missing; empty means every line can be held. A product we do not know has nothing
   * available.
   */
  public static List<Shortage> shortages(
      Map<UUID, Integer> requested, Map<UUID, Availability> stock) {
    List<Shortage> shortages = new ArrayList<>();
    requested.forEach(
        (product, quantity) -> {
          Availability availability = stock.get(product);
          int free = availability == null ? 0 : availability.free();
          if (free < quantity) {
            shortages.add(new Shortage(product, quantity, Math.max(free, 0)));
          }
        });
    return shortages;
  }
}
