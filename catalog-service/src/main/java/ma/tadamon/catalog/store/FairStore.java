package ma.tadamon.catalog.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.events.Region;
import ma.tadamon.events.order.FairFiguresPublished;
import ma.tadamon.platform.db.PgErrors;
import ma.tadamon.platform.domain.DomainException;

/** Fairs and their exhibitors in the catalog schema. */
public final class FairStore {

  private static final String UPSERT =
      """
      INSERT INTO fairs (id, slug, name, region, city, venue, starts_on, ends_on, opening_hours)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT (id) DO UPDATE SET slug = $2, name = $3, region = $4, city = $5, venue = $6,
                                     starts_on = $7, ends_on = $8, opening_hours = $9, updated_at = now()
      """;
  private static final String ALL =
      "SELECT id, slug, name, region, city, venue, starts_on, ends_on, opening_hours, sold FROM fairs"
          + " WHERE $1::uuid IS NULL OR id = $1 ORDER BY starts_on, slug";
  private static final String EXHIBITORS =
      "SELECT fair_id, cooperative_id, stand FROM fair_exhibitors"
          + " WHERE $1::uuid IS NULL OR fair_id = $1 ORDER BY fair_id, stand";
  private static final String PUT_EXHIBITOR =
      """
      INSERT INTO fair_exhibitors (fair_id, cooperative_id, stand) VALUES ($1, $2, $3)
      ON CONFLICT (fair_id, cooperative_id) DO UPDATE SET stand = $3
      """;
  private static final String SAVE_SOLD =
      """
      UPDATE fairs SET sold = $2
      WHERE id = $1 AND (sold IS NULL OR (sold ->> 'asOf')::timestamptz <= $3)
      """;
  private static final String REMOVE_EXHIBITOR =
      "DELETE FROM fair_exhibitors WHERE fair_id = $1 AND cooperative_id = $2";

  private final Pool pool;

  public FairStore(Pool pool) {
    this.pool = pool;
  }

  /** Announces the fair or corrects it; its slug belongs to one fair (409 otherwise). */
  public Future<Void> save(SqlConnection tx, Fair fair) {
    return tx.preparedQuery(UPSERT)
        .execute(
            Tuple.tuple()
                .addUUID(fair.id())
                .addString(fair.slug())
                .addValue(new JsonObject(Map.copyOf(fair.name())))
                .addString(fair.region().slug())
                .addValue(new JsonObject(Map.copyOf(fair.city())))
                .addValue(new JsonObject(Map.copyOf(fair.venue())))
                .addLocalDate(fair.startsOn())
                .addLocalDate(fair.endsOn())
                .addString(fair.openingHours()))
        .recover(
            error ->
                Future.failedFuture(
                    PgErrors.uniqueViolation(error)
                        ? DomainException.conflict(
                            "fair-slug-taken",
                            "This address is another fair's",
                            "Another fair is at /fairs/" + fair.slug() + ": choose another slug.")
                        : error))
        .mapEmpty();
  }

  /** The cooperative at the fair, at {@code stand}; a stand holds one cooperative (409). */
  public Future<Void> putExhibitor(SqlConnection tx, UUID fair, UUID cooperative, String stand) {
    return tx.preparedQuery(PUT_EXHIBITOR)
        .execute(Tuple.of(fair, cooperative, stand))
        .recover(
            error ->
                Future.failedFuture(
                    PgErrors.uniqueViolation(error)
                        ? DomainException.conflict(
                            "stand-taken",
                            "This stand is taken",
                            "Stand " + stand + " is another cooperative's at this fair.")
                        : error))
        .mapEmpty();
  }

  public Future<Boolean> removeExhibitor(SqlConnection tx, UUID fair, UUID cooperative) {
    return tx.preparedQuery(REMOVE_EXHIBITOR)
        .execute(Tuple.of(fair, cooperative))
        .map(rows -> rows.rowCount() > 0);
  }

  public Future<Optional<Fair>> find(SqlClient client, UUID id) {
    return fairs(client, id).map(fairs -> fairs.stream().findFirst());
  }

  /** Every fair with its exhibitors, by start date: there are a few dozen a year. */
  public Future<List<Fair>> all() {
    return fairs(pool, null);
  }

  /** The fair {@code id}, or every fair when it is null. */
  private static Future<List<Fair>> fairs(SqlClient client, UUID id) {
    Future<Map<UUID, List<Fair.Exhibitor>>> exhibitors =
        client
            .preparedQuery(EXHIBITORS)
            .execute(Tuple.of(id))
            .map(
                rows -> {
                  Map<UUID, List<Fair.Exhibitor>> byFair = new HashMap<>();
                  rows.forEach(
                      row ->
                          byFair
                              .computeIfAbsent(row.getUUID("fair_id"), fair -> new ArrayList<>())
                              .add(
                                  new Fair.Exhibitor(
                                      row.getUUID("cooperative_id"), row.getString("stand"))));
                  return byFair;
                });
    return Future.all(client.preparedQuery(ALL).execute(Tuple.of(id)), exhibitors)
        .map(
            done -> {
              List<Fair> fairs = new ArrayList<>();
              for (Row row : done.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
                fairs.add(
                    new Fair(
                        row.getUUID("id"),
                        row.getString("slug"),
                        Texts.of(row.getJsonObject("name")),
                        Region.fromSlug(row.getString("region")).orElseThrow(),
                        Texts.of(row.getJsonObject("city")),
                        Texts.of(row.getJsonObject("venue")),
                        row.getLocalDate("starts_on"),
                        row.getLocalDate("ends_on"),
                        row.getString("opening_hours"),
                        exhibitors.result().getOrDefault(row.getUUID("id"), List.of()),
                        sold(row.getJsonObject("sold"))));
              }
              return fairs;
            });
  }

  /**
   * What the fair sold, as order-service announced it; an announcement older than the one kept
   * changes nothing (redelivered or reordered events).
   */
  public Future<Void> saveSold(SqlConnection tx, FairFiguresPublished figures) {
    return tx.preparedQuery(SAVE_SOLD)
        .execute(
            Tuple.of(
                figures.fairId(),
                new JsonObject()
                    .put("onlineCentimes", figures.onlineSalesCentimes())
                    .put("standCentimes", figures.standSalesCentimes())
                    .put("orders", figures.orders())
                    .put("asOf", figures.asOf().toString()),
                figures.asOf().atOffset(ZoneOffset.UTC)))
        .mapEmpty();
  }

  private static Fair.Sold sold(JsonObject json) {
    return json == null
        ? null
        : new Fair.Sold(
            json.getLong("onlineCentimes"), json.getLong("standCentimes"), json.getLong("orders"));
  }
}
