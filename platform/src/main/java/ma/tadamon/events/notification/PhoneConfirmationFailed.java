package ma.tadamon.events.notification;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The phone of an order waiting for it cannot be confirmed, so the order should not wait any
 * longer: the code was mistyped too often, or Tadamon will not send a code to that number.
 */
@EventType("ma.tadamon.notification.phone-confirmation-failed.v1")
public record PhoneConfirmationFailed(UUID orderId, Reason reason) implements IntegrationEvent {

  public enum Reason {
    /** Five wrong codes: the confirmation is locked. */
    TOO_MANY_WRONG_CODES,
    /** Not a number Tadamon sends SMS to (not a Moroccan mobile, unless the operator allows it). */
    NUMBER_NOT_ALLOWED,
    /** The number never confirmed the codes it was sent lately, or had its share of SMS. */
    NUMBER_HELD_BACK,
    /** Never written: what a reader sees for a reason it does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
  }

  @Override
  public String subject() {
    return orderId.toString();
  }
}
