package ma.tadamon.events.notification;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The shopper proved the phone of an order waiting for it: by typing the code it received, or by
 * answering the code's SMS from that phone.
 */
@EventType("ma.tadamon.notification.phone-confirmed.v1")
public record PhoneConfirmed(UUID orderId, Proof proof) implements IntegrationEvent {

  public enum Proof {
    TYPED_CODE,
    SMS_REPLY,
    /** Never written: what a reader sees for a proof it does not know. */
    @JsonEnumDefaultValue
    UNKNOWN
  }

  @Override
  public String subject() {
    return orderId.toString();
  }
}
