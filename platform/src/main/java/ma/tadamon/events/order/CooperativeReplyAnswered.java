package ma.tadamon.events.order;

import java.util.UUID;
import ma.tadamon.events.CooperativeAction;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * order-service's answer to a cooperative's SMS command: {@code applied} or not, and why not in
 * {@code detail}; {@code partStatus} is the part's status afterwards. notification-service tells
 * the cooperative by SMS.
 */
@EventType("ma.tadamon.order.cooperative-reply.answered.v1")
public record CooperativeReplyAnswered(
    UUID commandId,
    UUID orderId,
    UUID cooperativeId,
    CooperativeAction action,
    boolean applied,
    String detail,
    String partStatus)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return orderId.toString();
  }
}
