package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.SellerIdentity;
import ma.tadamon.events.Region;

/** Cooperatives in the catalog schema. */
public final class CooperativeStore {

  private static final String COLUMNS =
      """
      id, slug, name, story, region, city, phone, email, registration_number, founded_year, members,
      women_led, preferred_language, notification_channels, verified, ice, tax_id, return_address
      """;
  private static final String INSERT =
      "INSERT INTO cooperatives ("
          + COLUMNS
          + """
      ) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
      ON CONFLICT (id) DO NOTHING
      """;
  private static final String BY_ID = "SELECT " + COLUMNS + " FROM cooperatives WHERE id = $1";
  private static final String BY_ID_FOR_UPDATE = BY_ID + " FOR UPDATE";
  private static final String VERIFIED =
      "SELECT " + COLUMNS + " FROM cooperatives WHERE verified ORDER BY region, slug";
  private static final String AWAITING_VERIFICATION =
      "SELECT " + COLUMNS + " FROM cooperatives WHERE NOT verified ORDER BY created_at, id";
  private static final String MARK_VERIFIED =
      """
      UPDATE cooperatives SET verified = true, verified_at = now(), verified_by = $2, updated_at = now()
      WHERE id = $1 AND NOT verified
      """;
  private static final String UPDATE_PROFILE =
      """
      UPDATE cooperatives SET name = $2, story = $3, city = $4, phone = $5, email = $6, members = $7,
                              preferred_language = $8, notification_channels = $9, updated_at = now()
      WHERE id = $1
      """;
  private static final String UPDATE_SELLER =
      """
      UPDATE cooperatives SET ice = $2, tax_id = $3, return_address = $4, updated_at = now()
      WHERE id = $1
      """;

  private final Pool pool;

  public CooperativeStore(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a cooperative unless one with its id exists; true when it was new. */
  public Future<Boolean> insert(SqlClient client, Cooperative coop) {
    return client
        .preparedQuery(INSERT)
        .execute(
            Tuple.from(
                Arrays.asList(
                    coop.id(),
                    coop.slug(),
                    new JsonObject(Map.copyOf(coop.name())),
                    new JsonObject(Map.copyOf(coop.story())),
                    coop.region().slug(),
                    new JsonObject(Map.copyOf(coop.city())),
                    coop.phone(),
                    coop.email(),
                    coop.registrationNumber(),
                    coop.foundedYear(),
                    coop.members(),
                    coop.womenLed(),
                    coop.preferredLanguage(),
                    coop.notificationChannels().toArray(new String[0]),
                    coop.verified(),
                    coop.seller().ice(),
                    coop.seller().taxId(),
                    coop.seller().returnAddress())))
        .map(result -> result.rowCount() == 1);
  }

  public Future<Optional<Cooperative>> find(UUID id) {
    return find(pool, id, BY_ID);
  }

  /** The cooperative with its row locked until the transaction ends. */
  public Future<Optional<Cooperative>> lock(SqlClient tx, UUID id) {
    return find(tx, id, BY_ID_FOR_UPDATE);
  }

  private static Future<Optional<Cooperative>> find(SqlClient client, UUID id, String sql) {
    return client
        .preparedQuery(sql)
        .execute(Tuple.of(id))
        .map(
            rows ->
                rows.size() == 0
                    ? Optional.empty()
                    : Optional.of(toCooperative(rows.iterator().next())));
  }

  public Future<List<Cooperative>> verified() {
    return list(VERIFIED);
  }

  /**
   * Registered cooperatives an operator has not verified yet, oldest first: the operator's queue.
   */
  public Future<List<Cooperative>> awaitingVerification() {
    return list(AWAITING_VERIFICATION);
  }

  private Future<List<Cooperative>> list(String sql) {
    return pool.query(sql)
        .execute()
        .map(
            rows -> {
              List<Cooperative> all = new ArrayList<>();
              rows.forEach(row -> all.add(toCooperative(row)));
              return all;
            });
  }

  /** Records the verification; false when it had already been verified. */
  public Future<Boolean> markVerified(SqlClient tx, UUID id, String operator) {
    return tx.preparedQuery(MARK_VERIFIED)
        .execute(Tuple.of(id, operator))
        .map(result -> result.rowCount() == 1);
  }

  public Future<Void> updateProfile(SqlClient tx, Cooperative coop) {
    return tx.preparedQuery(UPDATE_PROFILE)
        .execute(
            Tuple.from(
                Arrays.asList(
                    coop.id(),
                    new JsonObject(Map.copyOf(coop.name())),
                    new JsonObject(Map.copyOf(coop.story())),
                    new JsonObject(Map.copyOf(coop.city())),
                    coop.phone(),
                    coop.email(),
                    coop.members(),
                    coop.preferredLanguage(),
                    coop.notificationChannels().toArray(new String[0]))))
        .mapEmpty();
  }

  public Future<Void> updateSeller(SqlClient client, Cooperative coop) {
    return client
        .preparedQuery(UPDATE_SELLER)
        .execute(
            Tuple.of(
                coop.id(),
                coop.seller().ice(),
                coop.seller().taxId(),
                coop.seller().returnAddress()))
        .mapEmpty();
  }

  static Cooperative toCooperative(Row row) {
    return new Cooperative(
        row.getUUID("id"),
        row.getString("slug"),
        Texts.of(row.getJsonObject("name")),
        Texts.of(row.getJsonObject("story")),
        Region.fromSlug(row.getString("region")).orElseThrow(),
        Texts.of(row.getJsonObject("city")),
        row.getString("phone"),
        row.getString("email"),
        row.getString("registration_number"),
        row.getInteger("founded_year"),
        row.getInteger("members"),
        row.getBoolean("women_led"),
        row.getString("preferred_language"),
        List.of(row.getArrayOfStrings("notification_channels")),
        row.getBoolean("verified"),
        new SellerIdentity(
            row.getString("ice"), row.getString("tax_id"), row.getString("return_address")));
  }
}
