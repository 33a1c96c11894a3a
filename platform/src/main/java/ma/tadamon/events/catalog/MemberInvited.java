package ma.tadamon.events.catalog;

import java.time.Instant;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * A cooperative's member is owed a sign-in link: its manager once an operator verified the
 * cooperative, or any member an operator sends a new one to. {@code code} opens the page where she
 * chooses her password; it works once, until {@code expiresAt}, so the link in the message is
 * worthless after she used it. It goes by e-mail when there is an address, by SMS otherwise, never
 * to a webhook.
 */
@EventType("ma.tadamon.catalog.member.invited.v1")
public record MemberInvited(
    UUID linkId,
    UUID cooperativeId,
    String username,
    String code,
    Instant expiresAt,
    String phone,
    String email,
    String language)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return cooperativeId.toString();
  }
}
