package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.members.SignInLink;

/** The sign-in links owed and sent (V9), by the digest of their code. */
public final class SignInLinkStore {

  /** A link owed: to the cooperative's manager (no member yet) or to a member. */
  public record Owed(UUID id, UUID cooperative, String memberId) {}

  private final Pool pool;

  public SignInLinkStore(Pool pool) {
    this.pool = pool;
  }

  /** Owes a link; owing the same {@code id} again (a retried request) changes nothing. */
  public Future<Void> owe(SqlClient client, Owed link, String requestedBy) {
    return client
        .preparedQuery(
            "INSERT INTO sign_in_links (id, cooperative_id, member_id, requested_by)"
                + " VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING")
        .execute(Tuple.of(link.id(), link.cooperative(), link.memberId(), requestedBy))
        .mapEmpty();
  }

  /**
   * Up to {@code limit} links whose turn has come, each held for two minutes against the other
   * replicas (and tried again after that if this one fails to send it).
   */
  public Future<List<Owed>> claimDue(int limit) {
    return pool.preparedQuery(
            "UPDATE sign_in_links SET attempts = attempts + 1,"
                + " next_attempt_at = now() + interval '2 minutes'"
                + " WHERE id IN (SELECT id FROM sign_in_links"
                + " WHERE sent_at IS NULL AND next_attempt_at <= now()"
                + " ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, cooperative_id, member_id")
        .execute(Tuple.of(limit))
        .map(
            rows -> {
              List<Owed> owed = new ArrayList<>();
              for (Row row : rows) {
                owed.add(
                    new Owed(
                        row.getUUID("id"),
                        row.getUUID("cooperative_id"),
                        row.getString("member_id")));
              }
              return owed;
            });
  }

  /**
   * Records the link as sent to {@code memberId}; false when another replica sent it first. Older
   * links of the same member stop working.
   */
  public Future<Boolean> markSent(
      SqlClient tx, UUID id, String memberId, String username, String codeDigest, Instant expires) {
    return tx.preparedQuery(
            "UPDATE sign_in_links SET member_id = $2, username = $3, code_digest = $4,"
                + " sent_at = now(), expires_at = $5, last_problem = NULL"
                + " WHERE id = $1 AND sent_at IS NULL")
        .execute(Tuple.of(id, memberId, username, codeDigest, utc(expires)))
        .compose(
            updated ->
                updated.rowCount() == 0
                    ? Future.succeededFuture(false)
                    : tx.preparedQuery(
                            "UPDATE sign_in_links SET expires_at = least(expires_at, now())"
                                + " WHERE member_id = $1 AND id <> $2 AND sent_at IS NOT NULL")
                        .execute(Tuple.of(memberId, id))
                        .map(true));
  }

  /**
   * Why the last attempt failed, in words that name nobody; the next one waits twice as long each
   * time (15 s, 30 s… at most an hour), Keycloak being perhaps away for a while.
   */
  public Future<Void> failed(UUID id, String problem) {
    return pool.preparedQuery(
            "UPDATE sign_in_links SET last_problem = left($2, 500), next_attempt_at = now()"
                + " + make_interval(secs => least(3600, 15 * 2 ^ least(attempts - 1, 8)))"
                + " WHERE id = $1")
        .execute(Tuple.of(id, problem))
        .mapEmpty();
  }

  public Future<Optional<SignInLink>> byCodeDigest(String digest) {
    return pool.preparedQuery(
            "SELECT id, cooperative_id, member_id, username, expires_at, used_at"
                + " FROM sign_in_links WHERE code_digest = $1")
        .execute(Tuple.of(digest))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return Optional.empty();
              }
              Row row = rows.iterator().next();
              return Optional.of(
                  new SignInLink(
                      row.getUUID("id"),
                      row.getUUID("cooperative_id"),
                      row.getString("member_id"),
                      row.getString("username"),
                      row.getOffsetDateTime("expires_at").toInstant(),
                      Optional.ofNullable(row.getOffsetDateTime("used_at"))
                          .map(OffsetDateTime::toInstant)
                          .orElse(null)));
            });
  }

  /** The first use counts: using it again within the retry window does not move it. */
  public Future<Void> markUsed(UUID id) {
    return pool.preparedQuery(
            "UPDATE sign_in_links SET used_at = coalesce(used_at, now()) WHERE id = $1")
        .execute(Tuple.of(id))
        .mapEmpty();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
