package ma.tadamon.order.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where one cooperative's part stands. The saga moves it out of PENDING (NEW once the order is
 * confirmed, REJECTED or CANCELLED with the order); the cooperative then moves it NEW → ACCEPTED →
 * SHIPPED → DELIVERED, or declines it before it ships; a cash-on-delivery parcel the shopper
 * refused at the door is REFUSED once it is back. A part collected at a fair stand is never
 * shipped: it goes from NEW or ACCEPTED to DELIVERED when it is handed over.
 */
public enum CooperativeOrderStatus {
  PENDING,
  NEW,
  ACCEPTED,
  SHIPPED,
  DELIVERED,
  DECLINED,
  REFUSED,
  REJECTED,
  CANCELLED;

  private Set<CooperativeOrderStatus> next() {
    return switch (this) {
      case PENDING -> EnumSet.of(NEW, REJECTED, CANCELLED);
      case NEW -> EnumSet.of(ACCEPTED, DECLINED, CANCELLED);
      case ACCEPTED -> EnumSet.of(SHIPPED, DECLINED, CANCELLED);
      case SHIPPED -> EnumSet.of(DELIVERED, REFUSED);
      case DELIVERED, DECLINED, REFUSED, REJECTED, CANCELLED ->
          EnumSet.noneOf(CooperativeOrderStatus.class);
    };
  }

  public boolean canMoveTo(CooperativeOrderStatus target) {
    return next().contains(target);
  }

  /** The same for a part shipped or, when {@code collectedAtStand}, handed over at a stand. */
  public boolean canMoveTo(CooperativeOrderStatus target, boolean collectedAtStand) {
    if (!collectedAtStand) {
      return canMoveTo(target);
    }
    return switch (target) {
      case SHIPPED, REFUSED -> false;
      case DELIVERED -> this == NEW || this == ACCEPTED;
      default -> canMoveTo(target);
    };
  }

  /** Nothing more will happen to this part. */
  public boolean isFinal() {
    return next().isEmpty();
  }

  /** Once a part is on its way, the shopper can no longer cancel the order. */
  public boolean isOnItsWay() {
    return this == SHIPPED || this == DELIVERED;
  }
}
