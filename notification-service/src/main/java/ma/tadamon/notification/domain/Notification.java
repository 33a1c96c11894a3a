package ma.tadamon.notification.domain;

import java.util.UUID;

/**
 * One message owed to one recipient on one channel; {@code subject} titles it when it is an e-mail.
 */
public record Notification(
    UUID id,
    UUID eventId,
    UUID orderId,
    Recipient recipientKind,
    String recipientId,
    Channel channel,
    String destination,
    String language,
    String template,
    String subject,
    String body) {

  public enum Recipient {
    COOPERATIVE,
    SHOPPER,
    /** One person of a cooperative, for what only she may read (her sign-in link). */
    MEMBER
  }
}
