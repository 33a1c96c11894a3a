package ma.tadamon.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.Notification;
import ma.tadamon.notification.domain.Templates;
import ma.tadamon.notification.marketing.MarketingConsent;
import ma.tadamon.notification.marketing.UnsubscribeLinks;
import ma.tadamon.notification.store.ConsentStore;
import ma.tadamon.notification.store.NotificationStore;
import ma.tadamon.platform.consumer.Consumed;
import ma.tadamon.platform.db.PgErrors;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.idempotency.IdempotentCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tadamon's news, only to shoppers who asked for it (law 09-08; docs/compliance.md). A consent is
 * recorded, with its words and time, when an order whose shopper ticked the box is confirmed (its
 * phone proven, its card paid: nobody consents for a number they made up). STOP by SMS or the link
 * in an e-mail takes it back. Operators' announcements go to the consents still open, and to nobody
 * else.
 */
public final class Marketing {

  private static final Logger log = LoggerFactory.getLogger(Marketing.class);
  static final String ANNOUNCEMENT = "marketing.announcement";
  private static final int MAX_TEXT = 600;

  private final Pool pool;
  private final ConsentStore consents;
  private final NotificationStore notifications;

  public Marketing(Pool pool, ConsentStore consents, NotificationStore notifications) {
    this.pool = pool;
    this.consents = consents;
    this.notifications = notifications;
  }

  /** Each confirmed order's consent to news, in turn. */
  public Future<Void> onOrdersConfirmed(
      List<Consumed<OrderConfirmed>> confirmed, SqlConnection tx) {
    Future<Void> chain = Future.succeededFuture();
    for (Consumed<OrderConfirmed> each : confirmed) {
      chain = chain.compose(v -> onOrderConfirmed(each.event(), each.envelope(), tx));
    }
    return chain;
  }

  /** The shopper of a confirmed order ticked the box: its phone, and its e-mail if given. */
  private Future<Void> onOrderConfirmed(
      OrderConfirmed order, EventEnvelope envelope, SqlConnection tx) {
    if (order.marketingConsent() == null) {
      return Future.succeededFuture();
    }
    Optional<String> text = MarketingConsent.text(order.marketingConsent(), order.language());
    if (text.isEmpty()) {
      log.warn(
          "order {} carries consent version '{}', which this service does not know; not recorded",
          order.orderId(),
          order.marketingConsent());
      return Future.succeededFuture();
    }
    Future<Void> phone =
        consents.consent(
            tx,
            order.contact().phone(),
            Channel.SMS,
            order.language(),
            order.marketingConsent(),
            text.get(),
            envelope.time());
    String email = order.contact().email();
    return email == null || email.isBlank()
        ? phone
        : phone.compose(
            v ->
                consents.consent(
                    tx,
                    UnsubscribeLinks.normalized(email),
                    Channel.EMAIL,
                    order.language(),
                    order.marketingConsent(),
                    text.get(),
                    envelope.time()));
  }

  /** STOP from a phone: its consent, if any, is taken back; the language it was given in. */
  public Future<Optional<String>> stopBySms(SqlConnection tx, String phone) {
    return consents.withdraw(tx, phone, "sms-stop");
  }

  /** The link in an e-mail was followed: that address gets no more news. */
  public Future<Boolean> unsubscribe(String email) {
    return Transactions.run(
            pool, tx -> consents.withdraw(tx, UnsubscribeLinks.normalized(email), "email-link"))
        .map(Optional::isPresent);
  }

  /** What an operator announces: the text by language, and on which channels. */
  public record Announcement(Map<String, String> text, List<String> channels) {

    List<FieldError> problems() {
      List<FieldError> errors = new ArrayList<>();
      if (text == null || text.get("fr") == null || text.get("ar") == null) {
        errors.add(new FieldError("text", "in Arabic and French at least (ar, fr; en if you can)"));
      } else {
        text.forEach(
            (language, words) -> {
              if (!List.of("ar", "fr", "en").contains(language)) {
                errors.add(new FieldError("text." + language, "languages are ar, fr and en"));
              } else if (words == null || words.isBlank() || words.length() > MAX_TEXT) {
                errors.add(new FieldError("text." + language, "1 to " + MAX_TEXT + " characters"));
              }
            });
      }
      if (channels == null
          || channels.isEmpty()
          || !List.of("SMS", "EMAIL").containsAll(channels)) {
        errors.add(new FieldError("channels", "SMS, EMAIL or both"));
      }
      return errors;
    }
  }

  /** How many it went to, and whether this request sent it (false: a retry's replay). */
  public record Announced(UUID id, int recipients, boolean created) {}

  /** Sends an announcement to every open consent on its channels, once per Idempotency-Key. */
  public Future<Announced> announce(Announcement request, String key, String operator) {
    DomainException.requireValid(request.problems());
    IdempotentCommand command = IdempotentCommand.of(key, request, "announcement");
    List<Channel> channels = request.channels().stream().map(Channel::valueOf).toList();
    return command
        .<Announced>once(
            this::madeUnder,
            () ->
                Transactions.run(
                        pool,
                        tx ->
                            consents
                                .open(tx, channels)
                                .compose(
                                    open -> {
                                      UUID id = UUID.randomUUID();
                                      List<Notification> messages =
                                          open.stream()
                                              .map(consent -> message(id, consent, request))
                                              .toList();
                                      return consents
                                          .recordAnnouncement(
                                              tx,
                                              id,
                                              key,
                                              command.requestHash(),
                                              request.text(),
                                              channels,
                                              messages.size(),
                                              operator)
                                          .compose(v -> notifications.record(tx, messages))
                                          .map(
                                              v ->
                                                  Optional.of(
                                                      new Announced(id, messages.size(), true)));
                                    }))
                    .recover(
                        error ->
                            PgErrors.uniqueViolation(error)
                                ? Future.succeededFuture(Optional.empty())
                                : Future.failedFuture(error)))
        .map(
            outcome ->
                outcome.replayed()
                    ? new Announced(outcome.result().id(), outcome.result().recipients(), false)
                    : outcome.result());
  }

  private Future<Optional<IdempotentCommand.Earlier<Announced>>> madeUnder(String key) {
    return consents
        .announcementByKey(pool, key)
        .map(
            found ->
                found.map(
                    earlier ->
                        new IdempotentCommand.Earlier<>(
                            earlier.requestHash(),
                            new Announced(earlier.id(), earlier.recipients(), false))));
  }

  private static Notification message(
      UUID announcement, ConsentStore.Open consent, Announcement request) {
    String language = request.text().containsKey(consent.language()) ? consent.language() : "fr";
    String text = request.text().get(language);
    String body =
        consent.channel() == Channel.SMS
            ? text + " " + Templates.render(Templates.MARKETING_STOP_HINT, language, Map.of())
            : text;
    return new Notification(
        UUID.randomUUID(),
        announcement,
        null,
        Notification.Recipient.SHOPPER,
        consent.id().toString(),
        consent.channel(),
        consent.contact(),
        language,
        ANNOUNCEMENT,
        "Tadamon",
        body);
  }
}
