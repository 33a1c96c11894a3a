package ma.tadamon.notification;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import ma.tadamon.notification.channels.ChannelSender;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.DeliveryPolicy;
import ma.tadamon.notification.phone.ShopperSmsAllowance;
import ma.tadamon.notification.store.DeliveryStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers due notifications on the channels this instance has (a channel without a configured
 * sender keeps its messages PENDING until one is configured), each channel in a lane of its own.
 * Each batch a lane claims holds back SMS in a cooperative's quiet hours and shoppers' SMS past
 * their allowance ({@link ShopperSmsAllowance}), sends the rest side by side, and records every
 * attempt: SENT (e-mails and webhooks together once their batch is done, an SMS at once, for its
 * delivery receipt), FAILED and retried with backoff and jitter, or DEAD when the policy gives up
 * or no retry can help. A message whose channel is down (an SMSC or a mail server out of service)
 * is DEFERRED instead, its attempts kept: an outage longer than the retries must not kill every
 * message in flight.
 */
public final class NotificationDelivery {

  private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);
  private static final Duration LEASE = Duration.ofMinutes(2);
  private static final int BATCH = 50;

  private final DeliveryStore store;
  private final Map<Channel, ChannelSender> senders;
  private final DeliveryPolicy policy;
  private final ShopperSmsAllowance allowance;
  private final Clock clock;

  public NotificationDelivery(
      DeliveryStore store,
      List<ChannelSender> senders,
      DeliveryPolicy policy,
      ShopperSmsAllowance allowance,
      Clock clock) {
    this.store = store;
    this.senders = new EnumMap<>(Channel.class);
    senders.forEach(sender -> this.senders.put(sender.channel(), sender));
    this.policy = policy;
    this.allowance = allowance;
    this.clock = clock;
  }

  /** The channels this instance delivers on: each is a lane of its own ({@link #deliverDue}). */
  public Set<Channel> channels() {
    return Set.copyOf(senders.keySet());
  }

  /**
   * One round of a channel's lane: batch after batch until a batch comes back short, so that the
   * lane keeps up with whatever arrives between rounds; answers how many notifications it handled.
   * Each channel has its own lane because each goes at its own pace: an SMSC takes the contracted
   * number of messages a second, and an e-mail or a webhook must not wait behind its backlog.
   */
  public Future<Integer> deliverDue(Channel channel) {
    return deliverBatch(channel)
        .compose(
            handled ->
                handled < BATCH
                    ? Future.succeededFuture(handled)
                    : deliverDue(channel).map(more -> handled + more));
  }

  private Future<Integer> deliverBatch(Channel channel) {
    return store
        .claimDue(BATCH, LEASE, channel)
        .compose(
            due -> {
              if (due.isEmpty()) {
                return Future.succeededFuture(0);
              }
              List<UUID> cooperatives =
                  due.stream()
                      .filter(n -> "COOPERATIVE".equals(n.recipientKind()))
                      .map(n -> UUID.fromString(n.recipientId()))
                      .distinct()
                      .toList();
              return store
                  .preferences(cooperatives)
                  .compose(
                      preferences -> {
                        List<Future<DeliveryStore.Sent>> handled = new ArrayList<>();
                        for (DeliveryStore.Due notification : due) {
                          handled.add(
                              deliver(
                                  notification,
                                  "COOPERATIVE".equals(notification.recipientKind())
                                      ? preferences.get(UUID.fromString(notification.recipientId()))
                                      : null));
                        }
                        return Future.join(handled)
                            .transform(
                                done ->
                                    markTogether(handled)
                                        .compose(
                                            marked ->
                                                done.succeeded()
                                                    ? Future.succeededFuture(due.size())
                                                    : Future.failedFuture(done.cause())));
                      });
            });
  }

  /**
   * The batch's messages sent and not yet marked, marked SENT in one statement: even when another
   * message's outcome could not be written, since unmarked they would be sent again once their
   * lease ends.
   */
  private Future<Void> markTogether(List<Future<DeliveryStore.Sent>> handled) {
    return store.sent(
        handled.stream()
            .filter(Future::succeeded)
            .map(Future::result)
            .filter(Objects::nonNull)
            .toList());
  }

  /**
   * Sends a message or holds it back, recording what became of it; answers the message sent when
   * its mark is left to be written with its batch-mates', null when its outcome is written already.
   */
  private Future<DeliveryStore.Sent> deliver(
      DeliveryStore.Due due, DeliveryStore.Preferences preferences) {
    Instant now = clock.instant();
    if (due.channel() == Channel.SMS && preferences != null) {
      var quietUntil = policy.quietUntil(preferences.quietHours(), now);
      if (quietUntil.isPresent()) {
        return written(store.defer(due, quietUntil.get(), "quiet hours until " + quietUntil.get()));
      }
    }
    if (due.channel() == Channel.SMS && "SHOPPER".equals(due.recipientKind())) {
      return allowance
          .decide(due.destination())
          .compose(
              decision -> {
                if (decision instanceof ShopperSmsAllowance.Drop drop) {
                  // Recorded on the notification and counted as DEAD: under a fair's load a line
                  // per message held back was hundreds a second.
                  log.debug(
                      "notification {} ({}) not sent: {}", due.id(), due.template(), drop.why());
                  return written(store.failed(due, true, "held back: " + drop.why(), now));
                }
                if (decision instanceof ShopperSmsAllowance.Wait wait) {
                  return written(store.defer(due, now.plus(wait.after()), wait.why()));
                }
                return send(due, preferences, now);
              });
    }
    return send(due, preferences, now);
  }

  private Future<DeliveryStore.Sent> send(
      DeliveryStore.Due due, DeliveryStore.Preferences preferences, Instant now) {
    String secret = preferences == null ? null : preferences.webhookSecret();
    ChannelSender.Outgoing outgoing =
        new ChannelSender.Outgoing(
            due.id(),
            due.channel(),
            due.destination(),
            due.language(),
            due.template(),
            due.subject(),
            due.body(),
            secret);
    Future<String> sent;
    try {
      sent = senders.get(due.channel()).send(outgoing);
    } catch (RuntimeException e) {
      sent = Future.failedFuture(e);
    }
    return sent.compose(
        providerId -> {
          DeliveryStore.Sent taken = new DeliveryStore.Sent(due, providerId);
          // An SMSC's delivery receipt may follow within moments, and finds its message by the id
          // the SMSC gave it: an SMS is marked at once, the others with their batch.
          return due.channel() == Channel.SMS
              ? written(store.sent(List.of(taken)))
              : Future.succeededFuture(taken);
        },
        error -> {
          if (error instanceof ChannelSender.ChannelDown down) {
            // Not this message's failure: it keeps its attempts for when the channel is back.
            return written(store.defer(due, now.plus(policy.firstRetry()), down.getMessage()));
          }
          int attempts = due.attempts() + 1;
          boolean dead =
              error instanceof ChannelSender.PermanentFailure || policy.exhausted(attempts);
          Instant next =
              dead
                  ? now
                  : policy.nextAttempt(attempts, now, ThreadLocalRandom.current().nextDouble());
          String message =
              error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
          if (dead) {
            log.warn(
                "notification {} ({} {}) is dead after {} attempts: {}",
                due.id(),
                due.channel(),
                due.template(),
                attempts,
                message);
          }
          return written(store.failed(due, dead, message, next));
        });
  }

  /** An outcome written on its own: nothing left for the batch's marks. */
  private static Future<DeliveryStore.Sent> written(Future<Void> outcome) {
    return outcome.map(nothing -> null);
  }
}
