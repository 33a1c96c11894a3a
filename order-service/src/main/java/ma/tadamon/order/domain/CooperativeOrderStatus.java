package ma.tadamon.order.domain;

/**
 * Where one cooperative's part stands: PENDING until the order is confirmed, then NEW for the cooperative
 * to accept (later issues add ACCEPTED, SHIPPED, DELIVERED and DECLINED).
 */
public enum CooperativeOrderStatus {
  PENDING,
  NEW,
  ACCEPTED,
  SHIPPED,
  DELIVERED,
  DECLINED,
  REJECTED,
  CANCELLED
}
