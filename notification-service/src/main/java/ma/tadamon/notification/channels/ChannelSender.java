package ma.tadamon.notification.channels;

import io.vertx.core.Future;
import java.util.UUID;
import ma.tadamon.notification.domain.Channel;

/**
 * Sends one message on one channel. A failed future is a failure worth retrying; a {@link
 * PermanentFailure} is one no retry can fix (an address that does not exist); a {@link ChannelDown}
 * is no failure of the message at all.
 */
public interface ChannelSender {

  Channel channel();

  /**
   * Answers the provider's id for the message, when it has one (an SMSC's message id), else null.
   */
  Future<String> send(Outgoing message);

  /** What is sent: {@code secret} signs a webhook; {@code subject} titles an e-mail. */
  record Outgoing(
      UUID id,
      Channel channel,
      String destination,
      String language,
      String template,
      String subject,
      String body,
      String secret) {}

  /** A failure no retry can fix: the notification goes dead at once. */
  final class PermanentFailure extends RuntimeException {

    public PermanentFailure(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The channel itself is out of service (an SMSC that cannot be bound, a mail server that cannot
   * be reached), whatever the message: it waits for the channel without spending one of its
   * attempts, which an outage longer than the retries would otherwise spend on every message in
   * flight.
   */
  final class ChannelDown extends RuntimeException {

    public ChannelDown(String message) {
      super(message, null, false, false);
    }
  }
}
