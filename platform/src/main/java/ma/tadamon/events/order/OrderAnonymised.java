package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * An order's contact was anonymised (its shopper asked for erasure, or a guest's retention ended):
 * other services forget what they copied of it. {@code phone} and {@code email} (absent if none)
 * are what it was, so they can find their copies; {@code shopperAsked} says the shopper asked,
 * which also ends its consents to news.
 */
@EventType("ma.tadamon.order.anonymised.v1")
public record OrderAnonymised(UUID orderId, String phone, String email, boolean shopperAsked)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
