package ma.tadamon.notification.store;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.DeliveryPolicy;

/**
 * Delivery bookkeeping: claiming due notifications, recording each attempt and its outcome,
 * delivery receipts, and the cooperatives' quiet hours and webhooks.
 */
public final class DeliveryStore {

  /**
   * Due notifications are leased, not locked: another instance skips them while they are being
   * sent, and a process that dies mid-send leaves them to be tried again when the lease runs out.
   * The lease is a column no index reads, so that claiming is a heap-only update; the claim reads
   * past the rows other instances hold, at most a batch each, since a lane marks its batch before
   * it claims the next. Package-visible: DeliveryClaimTest reads its plan.
   */
  static final String CLAIM_DUE =
      """
      UPDATE notifications SET leased_until = now() + make_interval(secs => $2)
      WHERE id IN (SELECT id FROM notifications
                   WHERE status IN ('PENDING', 'FAILED') AND next_attempt_at <= now() AND channel = $3
                     AND (leased_until IS NULL OR leased_until <= now())
                   ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
      RETURNING id, recipient_kind, recipient_id, channel, destination, language, template, subject, body, attempts
      """;

  // Each outcome changes the notification and records the attempt in one statement (its own
  // transaction): one round trip instead of four (begin, update, insert, commit). Messages sent are
  // marked many at once: an e-mail lane's batch in one statement, not one per e-mail.
  private static final String SENT =
      recordingAttempt(
          """
          UPDATE notifications SET status = 'SENT', attempts = attempts + 1,
                                   provider_message_id = sent.provider_message_id, sent_at = now(),
                                   last_error = NULL, leased_until = NULL, updated_at = now()
          FROM unnest($1::uuid[], $2::text[]) AS sent (id, provider_message_id)
          WHERE notifications.id = sent.id
          """,
          "'SENT', provider_message_id");
  private static final String FAILED =
      recordingAttempt(
          """
          UPDATE notifications SET status = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = $4,
                                   leased_until = NULL, updated_at = now()
          WHERE id = $1
          """,
          "'FAILED', $3::text");
  // Not an attempt made: the attempt recorded keeps the count, with why it waits.
  private static final String DEFER =
      recordingAttempt(
          "UPDATE notifications SET next_attempt_at = $2, leased_until = NULL, updated_at = now() WHERE id = $1",
          "'DEFERRED', $3::text");

  /** The update, then its attempts recorded from the rows it changed (their values after it). */
  private static String recordingAttempt(String update, String outcomeAndDetail) {
    return "WITH changed AS ("
        + update.strip()
        + " RETURNING notifications.id, notifications.attempts, notifications.provider_message_id)"
        + " INSERT INTO notification_attempts (notification_id, attempt, outcome, detail)"
        + " SELECT id, attempts, "
        + outcomeAndDetail
        + " FROM changed";
  }

  private static final String RECEIPT =
      """
      UPDATE notifications SET status = $2, delivered_at = CASE WHEN $2 = 'DELIVERED' THEN now() END,
                               last_error = $3, updated_at = now()
      WHERE provider_message_id = $1 AND channel = 'SMS' AND status = 'SENT'
      """;
  private static final String PREFERENCES =
      "SELECT * FROM cooperative_preferences WHERE cooperative_id = ANY($1)";
  private static final String SAVE_PREFERENCES =
      """
      INSERT INTO cooperative_preferences (cooperative_id, quiet_start, quiet_end, webhook_url, webhook_secret)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (cooperative_id) DO UPDATE SET quiet_start = EXCLUDED.quiet_start, quiet_end = EXCLUDED.quiet_end,
        webhook_url = EXCLUDED.webhook_url,
        webhook_secret = coalesce(EXCLUDED.webhook_secret, cooperative_preferences.webhook_secret),
        updated_at = now()
      """;

  /** A notification claimed for sending. */
  public record Due(
      UUID id,
      String recipientKind,
      String recipientId,
      Channel channel,
      String destination,
      String language,
      String template,
      String subject,
      String body,
      int attempts) {}

  /**
   * What a cooperative chose: quiet hours for SMS, and a webhook (its secret is never shown again).
   */
  public record Preferences(
      UUID cooperativeId,
      DeliveryPolicy.QuietHours quietHours,
      String webhookUrl,
      String webhookSecret) {}

  private final Pool pool;
  private final MeterRegistry registry;

  public DeliveryStore(Pool pool, MeterRegistry registry) {
    this.pool = pool;
    this.registry = registry;
  }

  /**
   * Deliveries by channel and the status they reached: tagged by channel only, never by recipient.
   */
  private void count(Channel channel, String status) {
    Counter.builder("tadamon.notifications")
        .tag("channel", channel.name())
        .tag("status", status)
        .description("Notification delivery attempts and receipts, by channel and resulting status")
        .register(registry)
        .increment();
  }

  public Future<List<Due>> claimDue(int limit, Duration lease, Channel channel) {
    return pool.preparedQuery(CLAIM_DUE)
        .execute(Tuple.of(limit, (double) lease.toSeconds(), channel.name()))
        .map(
            rows -> {
              List<Due> due = new ArrayList<>();
              for (Row row : rows) {
                due.add(
                    new Due(
                        row.getUUID("id"),
                        row.getString("recipient_kind"),
                        row.getString("recipient_id"),
                        Channel.valueOf(row.getString("channel")),
                        row.getString("destination"),
                        row.getString("language"),
                        row.getString("template"),
                        row.getString("subject"),
                        row.getString("body"),
                        row.getInteger("attempts")));
              }
              return due;
            });
  }

  /** A message the channel took: {@code providerMessageId} is what the channel calls it. */
  public record Sent(Due due, String providerMessageId) {}

  /** Marks these messages SENT, each with its attempt recorded, in one statement. */
  public Future<Void> sent(List<Sent> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    return pool.preparedQuery(SENT)
        .execute(
            Tuple.of(
                messages.stream().map(sent -> sent.due().id()).toArray(UUID[]::new),
                (Object) messages.stream().map(Sent::providerMessageId).toArray(String[]::new)))
        .<Void>mapEmpty()
        .onSuccess(v -> messages.forEach(sent -> count(sent.due().channel(), "SENT")));
  }

  /** A failed attempt: FAILED and tried again at {@code next}, or DEAD for good. */
  public Future<Void> failed(Due due, boolean dead, String error, Instant next) {
    return pool.preparedQuery(FAILED)
        .execute(Tuple.of(due.id(), dead ? "DEAD" : "FAILED", error, next.atOffset(ZoneOffset.UTC)))
        .<Void>mapEmpty()
        .onSuccess(v -> count(due.channel(), dead ? "DEAD" : "FAILED"));
  }

  /** Not sent now (quiet hours): queued until {@code until}, without counting as an attempt. */
  public Future<Void> defer(Due due, Instant until, String why) {
    return pool.preparedQuery(DEFER)
        .execute(Tuple.of(due.id(), until.atOffset(ZoneOffset.UTC), why))
        .<Void>mapEmpty()
        .onSuccess(v -> count(due.channel(), "DEFERRED"));
  }

  /** An SMSC's delivery receipt for the message it called {@code providerMessageId}. */
  public Future<Boolean> receipt(String providerMessageId, boolean delivered, String state) {
    return pool.preparedQuery(RECEIPT)
        .execute(
            Tuple.of(
                providerMessageId,
                delivered ? "DELIVERED" : "FAILED",
                delivered ? null : "the SMSC reports " + state))
        .map(result -> result.rowCount() == 1)
        .onSuccess(
            matched -> {
              if (matched) {
                count(Channel.SMS, delivered ? "DELIVERED" : "UNDELIVERED");
              }
            });
  }

  public Future<Map<UUID, Preferences>> preferences(List<UUID> cooperatives) {
    return pool.preparedQuery(PREFERENCES)
        .execute(Tuple.of(cooperatives.toArray(new UUID[0])))
        .map(
            rows -> {
              Map<UUID, Preferences> found = new HashMap<>();
              for (Row row : rows) {
                LocalTime start = row.getLocalTime("quiet_start");
                LocalTime end = row.getLocalTime("quiet_end");
                found.put(
                    row.getUUID("cooperative_id"),
                    new Preferences(
                        row.getUUID("cooperative_id"),
                        start == null || end == null
                            ? null
                            : new DeliveryPolicy.QuietHours(start, end),
                        row.getString("webhook_url"),
                        row.getString("webhook_secret")));
              }
              return found;
            });
  }

  public Future<Void> savePreferences(Preferences preferences) {
    DeliveryPolicy.QuietHours quiet = preferences.quietHours();
    return pool.preparedQuery(SAVE_PREFERENCES)
        .execute(
            Tuple.from(
                Arrays.asList(
                    preferences.cooperativeId(),
                    quiet == null ? null : quiet.start(),
                    quiet == null ? null : quiet.end(),
                    preferences.webhookUrl(),
                    preferences.webhookSecret())))
        .mapEmpty();
  }
}
