package ma.tadamon.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.events.notification.PhoneConfirmationFailed;
import ma.tadamon.events.notification.PhoneConfirmed;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.PhoneConfirmationRequested;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.Notification;
import ma.tadamon.notification.domain.Templates;
import ma.tadamon.notification.phone.PhoneCodes;
import ma.tadamon.notification.phone.PhoneConfirmation;
import ma.tadamon.notification.phone.SmsDestinations;
import ma.tadamon.notification.store.NotificationStore;
import ma.tadamon.notification.store.PhoneConfirmationStore;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shoppers proving the phone of a cash-on-delivery order before any cooperative hears of it: a code
 * sent by SMS and typed on the order page, or a reply to that SMS from the phone. The code is made,
 * kept (as a keyed hash) and checked here, where the SMS leave; order-service hears only the
 * outcome, {@code notification.phone-confirmed} or {@code .phone-confirmation-failed}.
 */
public final class PhoneConfirmations {

  private static final Logger log = LoggerFactory.getLogger(PhoneConfirmations.class);

  /** Words a shopper may answer the code's SMS with, besides the code itself. */
  private static final Set<String> YES = Set.of("oui", "yes", "نعم", "naam", "wah", "iyeh");

  private final Pool pool;
  private final PhoneConfirmationStore store;
  private final NotificationStore notifications;
  private final Outbox outbox;
  private final PhoneCodes codes;
  private final SmsDestinations destinations;
  private final long unansweredLimit;

  public PhoneConfirmations(
      Pool pool,
      PhoneConfirmationStore store,
      NotificationStore notifications,
      Outbox outbox,
      PhoneCodes codes,
      SmsDestinations destinations,
      long unansweredLimit) {
    this.pool = pool;
    this.store = store;
    this.notifications = notifications;
    this.outbox = outbox;
    this.codes = codes;
    this.destinations = destinations;
    this.unansweredLimit = unansweredLimit;
  }

  /**
   * order-service asks for the shopper's phone: a code goes out by SMS, unless Tadamon does not
   * text that number, or the number let its last codes lapse (SMS pumping and made-up numbers look
   * like that): then the order is told at once, and no SMS is repeated to it.
   */
  public Future<Void> onRequested(
      PhoneConfirmationRequested asked, EventEnvelope envelope, SqlConnection tx) {
    if (!destinations.allows(asked.phone())) {
      return refuse(tx, asked.orderId(), PhoneConfirmationFailed.Reason.NUMBER_NOT_ALLOWED);
    }
    return store
        .unansweredLately(tx, asked.phone())
        .compose(
            unanswered -> {
              if (unanswered >= unansweredLimit) {
                return refuse(tx, asked.orderId(), PhoneConfirmationFailed.Reason.NUMBER_HELD_BACK);
              }
              String code = codes.newCode();
              long minutes =
                  Math.max(
                      1,
                      (Duration.between(envelope.time(), asked.deadline()).toSeconds() + 59) / 60);
              String text =
                  Templates.render(
                      Templates.PHONE_CODE,
                      asked.language(),
                      Map.of(
                          "otp", code, "code", asked.code(), "minutes", String.valueOf(minutes)));
              return store
                  .insert(
                      tx,
                      asked.orderId(),
                      asked.phone(),
                      asked.code(),
                      asked.language(),
                      codes.hash(asked.orderId(), code),
                      asked.deadline(),
                      asked.shopper())
                  .compose(
                      v ->
                          notifications.record(
                              tx,
                              List.of(
                                  new Notification(
                                      UUID.randomUUID(),
                                      envelope.id(),
                                      asked.orderId(),
                                      Notification.Recipient.SHOPPER,
                                      asked.orderId().toString(),
                                      Channel.SMS,
                                      asked.phone(),
                                      asked.language(),
                                      Templates.PHONE_CODE,
                                      null,
                                      text))));
            });
  }

  /** The order ended while it waited (its deadline, or the shopper cancelled): the code is void. */
  public Future<Void> onOrderCancelled(
      OrderCancelled cancelled, EventEnvelope envelope, SqlConnection tx) {
    return store
        .close(tx, cancelled.orderId())
        .compose(v -> store.maskSentCode(tx, cancelled.orderId()));
  }

  /**
   * The shopper typed {@code typed} on the order page. A wrong code counts even though it is
   * refused, so the attempt is saved before the refusal is reported: the caller gets the attempt
   * and turns a refusal into its answer.
   */
  public Future<PhoneConfirmation.Attempt> typed(UUID orderId, String typed) {
    if (!PhoneCodes.looksLikeACode(typed)) {
      throw DomainException.invalid("code", "the six digits of the SMS");
    }
    return Transactions.run(
        pool,
        tx ->
            store
                .lock(tx, orderId)
                .compose(
                    found -> {
                      PhoneConfirmationStore.Locked waiting =
                          found.orElseThrow(
                              () -> DomainException.notFound("This order's phone confirmation"));
                      boolean right = codes.matches(orderId, typed, waiting.codeHash());
                      return settle(
                          tx, waiting.confirmation(), right, PhoneConfirmed.Proof.TYPED_CODE);
                    }));
  }

  /**
   * An SMS from {@code sender}: if that number has a code waiting and the text is the code or a
   * yes, the phone is proved (the reply came from it). Empty when the SMS is about no code, so that
   * it is read as something else (a cooperative's reply).
   */
  public Future<Optional<PhoneConfirmation.Attempt>> replied(
      SqlConnection tx, String sender, String text) {
    String answer = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return store
        .lockPendingOf(tx, sender)
        .compose(
            found -> {
              if (found.isEmpty()) {
                return Future.succeededFuture(Optional.empty());
              }
              PhoneConfirmationStore.Locked waiting = found.get();
              boolean yes = YES.contains(answer);
              boolean code = PhoneCodes.looksLikeACode(answer);
              if (!yes && !code) {
                return Future.succeededFuture(Optional.empty());
              }
              boolean right =
                  yes
                      || codes.matches(
                          waiting.confirmation().orderId(), answer, waiting.codeHash());
              return settle(tx, waiting.confirmation(), right, PhoneConfirmed.Proof.SMS_REPLY)
                  .map(Optional::of);
            });
  }

  private Future<PhoneConfirmation.Attempt> settle(
      SqlConnection tx, PhoneConfirmation waiting, boolean right, PhoneConfirmed.Proof proof) {
    PhoneConfirmation.Attempt attempt = waiting.attempt(right, Instant.now());
    PhoneConfirmation after = waiting.after(attempt);
    Future<Void> saved = after.equals(waiting) ? Future.succeededFuture() : store.save(tx, after);
    return switch (attempt.outcome()) {
      case CONFIRMED ->
          saved
              .compose(
                  v ->
                      outbox.append(
                          tx,
                          Topics.NOTIFICATION_EVENTS,
                          new PhoneConfirmed(waiting.orderId(), proof)))
              .compose(v -> store.maskSentCode(tx, waiting.orderId()))
              .map(attempt);
      case LOCKED ->
          waiting.status() == PhoneConfirmation.Status.LOCKED
              ? Future.succeededFuture(attempt)
              : saved
                  .compose(
                      v ->
                          outbox.append(
                              tx,
                              Topics.NOTIFICATION_EVENTS,
                              new PhoneConfirmationFailed(
                                  waiting.orderId(),
                                  PhoneConfirmationFailed.Reason.TOO_MANY_WRONG_CODES)))
                  .compose(v -> store.maskSentCode(tx, waiting.orderId()))
                  .map(attempt);
      default -> saved.map(attempt);
    };
  }

  private Future<Void> refuse(SqlConnection tx, UUID orderId, PhoneConfirmationFailed.Reason why) {
    log.info("order {}: no code sent ({})", orderId, why);
    return outbox.append(tx, Topics.NOTIFICATION_EVENTS, new PhoneConfirmationFailed(orderId, why));
  }
}
