package ma.tadamon.notification.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.catalog.MemberInvited;
import ma.tadamon.platform.domain.TimeOrderedIds;
import ma.tadamon.platform.events.EventMapper;

/**
 * Who gets a message on which channels. A cooperative: on each channel it chose (SMS to its phone,
 * e-mail when it has an address, a webhook when it registered one, as JSON). A shopper: SMS, and
 * e-mail when one was given. A shopper is known by the order, never by a phone number that would
 * then show in lists and logs.
 */
public final class Addressing {

  private Addressing() {}

  public static List<Notification> toCooperative(
      UUID eventId,
      UUID orderId,
      String orderCode,
      CooperativeContact cooperative,
      String webhookUrl,
      String template,
      Map<String, String> values) {
    String text = Templates.render(template, cooperative.language(), values);
    List<Notification> messages = new ArrayList<>();
    for (Channel channel : cooperative.channels()) {
      String destination =
          switch (channel) {
            case SMS -> cooperative.phone();
            case EMAIL -> cooperative.email();
            case WEBHOOK -> webhookUrl;
          };
      if (destination == null || destination.isBlank()) {
        continue;
      }
      String body =
          channel == Channel.WEBHOOK
              ? webhookJson(template, orderId, orderCode, text, values)
              : text;
      messages.add(
          new Notification(
              TimeOrderedIds.next(),
              eventId,
              orderId,
              Notification.Recipient.COOPERATIVE,
              cooperative.id().toString(),
              channel,
              destination,
              cooperative.language(),
              template,
              Templates.subject(template, cooperative.language(), orderCode),
              body));
    }
    return messages;
  }

  /**
   * A member's sign-in link: to her e-mail when there is one, else by SMS; never to a webhook, and
   * recorded for her alone.
   */
  public static Notification toMember(UUID eventId, MemberInvited invited, String text) {
    boolean email = invited.email() != null && !invited.email().isBlank();
    return new Notification(
        TimeOrderedIds.next(),
        eventId,
        null,
        Notification.Recipient.MEMBER,
        invited.linkId().toString(),
        email ? Channel.EMAIL : Channel.SMS,
        email ? invited.email() : invited.phone(),
        invited.language(),
        Templates.SIGN_IN_LINK,
        Templates.subject(Templates.SIGN_IN_LINK, invited.language(), null),
        text);
  }

  /** {@code text} in the shopper's language (see {@link Templates#render}). */
  public static List<Notification> toShopper(
      UUID eventId, ShopperContact shopper, String template, String text) {
    return toShopper(eventId, shopper, template, text, text);
  }

  /** A short {@code sms}, and a longer {@code email} where there is room for what the law asks. */
  public static List<Notification> toShopper(
      UUID eventId, ShopperContact shopper, String template, String sms, String email) {
    String subject = Templates.subject(template, shopper.language(), shopper.orderCode());
    List<Notification> messages = new ArrayList<>();
    messages.add(
        new Notification(
            TimeOrderedIds.next(),
            eventId,
            shopper.orderId(),
            Notification.Recipient.SHOPPER,
            shopper.orderId().toString(),
            Channel.SMS,
            shopper.phone(),
            shopper.language(),
            template,
            subject,
            sms));
    if (shopper.email() != null && !shopper.email().isBlank()) {
      messages.add(
          new Notification(
              TimeOrderedIds.next(),
              eventId,
              shopper.orderId(),
              Notification.Recipient.SHOPPER,
              shopper.orderId().toString(),
              Channel.EMAIL,
              shopper.email(),
              shopper.language(),
              template,
              subject,
              email));
    }
    return messages;
  }

  /**
   * What a cooperative's system receives: the message's kind, its order, the text and its values.
   */
  static String webhookJson(
      String template, UUID orderId, String orderCode, String text, Map<String, String> values) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("type", template);
    payload.put("orderId", orderId == null ? null : orderId.toString());
    payload.put("orderCode", orderCode);
    payload.put("text", text);
    payload.put("values", values);
    try {
      return EventMapper.JSON.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings always serialises", e);
    }
  }
}
