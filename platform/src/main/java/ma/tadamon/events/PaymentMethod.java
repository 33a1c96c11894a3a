package ma.tadamon.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * How a shopper pays, as every service and event names it. A method a newer producer adds reads as
 * {@link #UNKNOWN} in a service that does not know it yet: the event still parses, and the consumer
 * decides (payment-service opens no payment and logs it; the others show it as it is).
 */
public enum PaymentMethod {
  CASH_ON_DELIVERY,
  CARD,
  /** Never written: what a reader sees for a method it does not know. */
  @JsonEnumDefaultValue
  UNKNOWN
}
