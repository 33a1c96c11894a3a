package ma.tadamon.catalog.domain;

import java.util.Optional;
import ma.tadamon.events.inventory.StockReleased;

/** Why an order's stock holds end, kept with each hold; those that free stock are announced. */
public enum HoldEnding {
  ORDER_CONFIRMED(null),
  ORDER_CANCELLED(StockReleased.Reason.ORDER_CANCELLED),
  ORDER_REJECTED(StockReleased.Reason.ORDER_REJECTED),
  COOPERATIVE_DECLINED(StockReleased.Reason.COOPERATIVE_DECLINED),
  PARCEL_REFUSED(StockReleased.Reason.PARCEL_REFUSED),
  EXPIRED(StockReleased.Reason.EXPIRED);

  private final StockReleased.Reason released;

  HoldEnding(StockReleased.Reason released) {
    this.released = released;
  }

  /** How the stock that comes back is announced; empty when the hold ends in a sale. */
  public Optional<StockReleased.Reason> released() {
    return Optional.ofNullable(released);
  }
}
