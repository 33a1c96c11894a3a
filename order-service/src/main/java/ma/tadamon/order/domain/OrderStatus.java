package ma.tadamon.order.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands in the saga, and where it may go from there. Nothing ever moves backwards.
 */
public enum OrderStatus {
  PLACED,
  RESERVED,
  CONFIRMED,
  REJECTED,
  CANCELLED,
  COMPLETED;

  private Set<OrderStatus> next() {
    return switch (this) {
      case PLACED -> EnumSet.of(RESERVED, REJECTED, CANCELLED);
      case RESERVED -> EnumSet.of(CONFIRMED, CANCELLED);
      case CONFIRMED -> EnumSet.of(COMPLETED, CANCELLED);
      case REJECTED, CANCELLED, COMPLETED -> EnumSet.noneOf(OrderStatus.class);
    };
  }

  public boolean canMoveTo(OrderStatus target) {
    return next().contains(target);
  }
}
