package ma.tadamon.events.order;

import java.time.Instant;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cash-on-delivery order holds its stock and waits for the shopper to prove the phone it gave:
 * notification-service sends a code to {@code phone} in {@code language} and answers with {@code
 * notification.phone-confirmed} or {@code .phone-confirmation-failed}. Past {@code deadline}
 * order-service cancels the order itself, and the code no longer counts. {@code shopper}: the
 * account that placed it (absent for a guest), whose data export lists the confirmation.
 */
@EventType("ma.tadamon.order.phone-confirmation-requested.v1")
public record PhoneConfirmationRequested(
    UUID orderId, String code, String language, String phone, Instant deadline, String shopper)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
