package ma.tadamon.events;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a cooperative does with its part of an order, as SMS replies and their answers name it (in
 * the events, lower case). An action a newer producer adds reads as {@link #UNKNOWN}, which
 * order-service answers as an action it cannot apply.
 */
public enum CooperativeAction {
  @JsonProperty("accept")
  ACCEPT,
  @JsonProperty("decline")
  DECLINE,
  @JsonProperty("ship")
  SHIP,
  @JsonProperty("deliver")
  DELIVER,
  /** Never written: what a reader sees for an action it does not know. */
  @JsonEnumDefaultValue
  @JsonProperty("unknown")
  UNKNOWN
}
