package ma.tadamon.notification.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.notification.domain.Channel;

/** Shoppers' marketing consents, and the announcements sent to those who gave one. */
public final class ConsentStore {

  // A later consent (a new checkout with the box ticked) reopens one taken back before it; a
  // replayed older one changes nothing.
  private static final String CONSENT =
      """
      INSERT INTO marketing_consents (id, contact, channel, language, consent_version, consent_text, consented_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (contact) DO UPDATE SET language = EXCLUDED.language,
        consent_version = EXCLUDED.consent_version, consent_text = EXCLUDED.consent_text,
        consented_at = EXCLUDED.consented_at, withdrawn_at = NULL, withdrawn_by = NULL
      WHERE EXCLUDED.consented_at > coalesce(marketing_consents.withdrawn_at, marketing_consents.consented_at)
      """;
  private static final String WITHDRAW =
      """
      UPDATE marketing_consents SET withdrawn_at = now(), withdrawn_by = $2
      WHERE contact = $1 AND withdrawn_at IS NULL
      RETURNING language
      """;
  private static final String OPEN =
      """
      SELECT id, contact, channel, language FROM marketing_consents
      WHERE withdrawn_at IS NULL AND channel = ANY($1) ORDER BY consented_at
      """;
  private static final String OF_CONTACT = "SELECT * FROM marketing_consents WHERE contact = $1";
  private static final String INSERT_ANNOUNCEMENT =
      """
      INSERT INTO announcements (id, idempotency_key, request_hash, texts, channels, recipients, sent_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;
  private static final String ANNOUNCEMENT_BY_KEY =
      "SELECT * FROM announcements WHERE idempotency_key = $1";

  /** A consent that has not been taken back: who, on which channel, in which language. */
  public record Open(UUID id, String contact, Channel channel, String language) {}

  /** What a consent says of a contact: when given, with which words, and when taken back. */
  public record Consent(
      String contact,
      Channel channel,
      String version,
      String text,
      Instant consentedAt,
      Instant withdrawnAt,
      String withdrawnBy) {}

  public record Announcement(UUID id, String requestHash, int recipients) {}

  public Future<Void> consent(
      SqlClient tx,
      String contact,
      Channel channel,
      String language,
      String version,
      String text,
      Instant at) {
    return tx.preparedQuery(CONSENT)
        .execute(
            Tuple.of(
                UUID.randomUUID(),
                contact,
                channel.name(),
                language,
                version,
                text,
                at.atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  /** Takes a consent back; the language it was given in when there was one to take back. */
  public Future<Optional<String>> withdraw(SqlClient tx, String contact, String by) {
    return tx.preparedQuery(WITHDRAW)
        .execute(Tuple.of(contact, by))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(rows.iterator().next().getString("language")));
  }

  public Future<List<Open>> open(SqlClient client, List<Channel> channels) {
    return client
        .preparedQuery(OPEN)
        .execute(Tuple.of(channels.stream().map(Enum::name).toArray(String[]::new)))
        .map(
            rows -> {
              List<Open> open = new ArrayList<>();
              rows.forEach(
                  row ->
                      open.add(
                          new Open(
                              row.getUUID("id"),
                              row.getString("contact"),
                              Channel.valueOf(row.getString("channel")),
                              row.getString("language"))));
              return open;
            });
  }

  public Future<Optional<Consent>> of(SqlClient client, String contact) {
    return client
        .preparedQuery(OF_CONTACT)
        .execute(Tuple.of(contact))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              var row = rows.iterator().next();
              var withdrawn = row.getOffsetDateTime("withdrawn_at");
              return Optional.of(
                  new Consent(
                      row.getString("contact"),
                      Channel.valueOf(row.getString("channel")),
                      row.getString("consent_version"),
                      row.getString("consent_text"),
                      row.getOffsetDateTime("consented_at").toInstant(),
                      withdrawn == null ? null : withdrawn.toInstant(),
                      row.getString("withdrawn_by")));
            });
  }

  public Future<Void> recordAnnouncement(
      SqlClient tx,
      UUID id,
      String key,
      String requestHash,
      Map<String, String> texts,
      List<Channel> channels,
      int recipients,
      String sentBy) {
    return tx.preparedQuery(INSERT_ANNOUNCEMENT)
        .execute(
            Tuple.of(
                id,
                key,
                requestHash,
                new JsonObject(Map.copyOf(texts)),
                channels.stream().map(Enum::name).toArray(String[]::new),
                recipients,
                sentBy))
        .mapEmpty();
  }

  public Future<Optional<Announcement>> announcementByKey(SqlClient client, String key) {
    return client
        .preparedQuery(ANNOUNCEMENT_BY_KEY)
        .execute(Tuple.of(key))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(
                        new Announcement(
                            rows.iterator().next().getUUID("id"),
                            rows.iterator().next().getString("request_hash"),
                            rows.iterator().next().getInteger("recipients"))));
  }
}
