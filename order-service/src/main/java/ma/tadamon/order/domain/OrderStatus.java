package ma.tadamon.order.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an order stands in the saga, and where it may go from there. Nothing ever moves backwards.
 * A cash-on-delivery order goes from PLACED straight to CONFIRMED when its stock is held: it has no
 * payment to wait for.
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
      case PLACED -> EnumSet.of(RESERVED, CONFIRMED, REJECTED, CANCELLED);
      case RESERVED -> EnumSet.of(CONFIRMED, CANCELLED);
      case CONFIRMED -> EnumSet.of(COMPLETED, CANCELLED);
      case REJECTED, CANCELLED, COMPLETED -> EnumSet.noneOf(OrderStatus.class);
    };
  }

  public boolean canMoveTo(OrderStatus target) {
    return next().contains(target);
  }
}
