package ma.tadamon.order.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a campaign tag brought (a fair's posters and page, a post): the figures organisers report
 * and award by. Sales are the goods cooperatives sold (their parts' subtotals, shipping apart);
 * what was rejected, cancelled, declined or refused at the door sold nothing. Buyers are counted by
 * phone number, which never leaves the database.
 */
public final class CampaignFigures {

  /** The orders of the tag that sold something, one row per cooperative part. */
  private static final String SOLD =
      """
      FROM orders o JOIN cooperative_orders co ON co.order_id = o.id
           LEFT JOIN catalog_cooperatives c ON c.id = co.cooperative_id
      WHERE o.source = $1 AND o.status NOT IN ('REJECTED', 'CANCELLED')
        AND co.status NOT IN ('DECLINED', 'REFUSED')
      """;

  private static final String TOTALS =
      "SELECT count(DISTINCT o.id) AS orders, count(DISTINCT o.contact_phone) AS buyers,"
          + " coalesce(sum(co.subtotal_centimes), 0) AS sales,"
          + " coalesce(sum(co.subtotal_centimes) FILTER (WHERE c.women_led), 0) AS women_led_sales,"
          + " count(DISTINCT o.id) FILTER (WHERE $2::timestamptz IS NOT NULL AND o.created_at > $2)"
          + " AS orders_after,"
          + " coalesce(sum(co.subtotal_centimes) FILTER (WHERE $2::timestamptz IS NOT NULL"
          + " AND o.created_at > $2), 0) AS sales_after "
          + SOLD;
  private static final String BY_DAY =
      "SELECT (o.created_at AT TIME ZONE 'Africa/Casablanca')::date AS day,"
          + " count(DISTINCT o.id) AS orders, sum(co.subtotal_centimes) AS sales "
          + SOLD
          + " GROUP BY 1 ORDER BY 1";
  private static final String BY_REGION =
      "SELECT coalesce(c.region, 'unknown') AS region, count(DISTINCT o.id) AS orders,"
          + " sum(co.subtotal_centimes) AS sales "
          + SOLD
          + " GROUP BY 1 ORDER BY sales DESC, region";
  private static final String BY_COOPERATIVE =
      "SELECT co.cooperative_id, c.name, c.region, c.women_led, count(DISTINCT o.id) AS orders,"
          + " count(DISTINCT o.contact_phone) AS buyers, sum(co.subtotal_centimes) AS sales "
          + SOLD
          + " GROUP BY co.cooperative_id, c.name, c.region, c.women_led"
          + " ORDER BY sales DESC, co.cooperative_id";

  public record Totals(
      long orders,
      long buyers,
      long salesCentimes,
      long womenLedSalesCentimes,
      long ordersAfter,
      long salesAfterCentimes) {}

  public record Day(LocalDate day, long orders, long salesCentimes) {}

  public record RegionSales(String region, long orders, long salesCentimes) {}

  public record CooperativeSales(
      UUID cooperativeId,
      Map<String, String> name,
      String region,
      Boolean womenLed,
      long orders,
      long buyers,
      long salesCentimes) {}

  public record Figures(
      String tag,
      Totals totals,
      List<Day> byDay,
      List<RegionSales> byRegion,
      List<CooperativeSales> byCooperative) {}

  /**
   * {@code endedAt}, when given, splits off the orders that came after the campaign (a fair) ended.
   */
  public Future<Figures> of(SqlClient client, String tag, Optional<Instant> endedAt) {
    Tuple twoParameters =
        Tuple.of(tag, endedAt.map(at -> at.atOffset(ZoneOffset.UTC)).orElse(null));
    Tuple oneParameter = Tuple.of(tag);
    Future<RowSet<Row>> totals = client.preparedQuery(TOTALS).execute(twoParameters);
    Future<RowSet<Row>> days = client.preparedQuery(BY_DAY).execute(oneParameter);
    Future<RowSet<Row>> regions = client.preparedQuery(BY_REGION).execute(oneParameter);
    Future<RowSet<Row>> cooperatives = client.preparedQuery(BY_COOPERATIVE).execute(oneParameter);
    return Future.all(totals, days, regions, cooperatives)
        .map(
            done -> {
              Row total = totals.result().iterator().next();
              List<Day> byDay = new ArrayList<>();
              days.result()
                  .forEach(
                      row ->
                          byDay.add(
                              new Day(
                                  row.getLocalDate("day"),
                                  row.getLong("orders"),
                                  row.getLong("sales"))));
              List<RegionSales> byRegion = new ArrayList<>();
              regions
                  .result()
                  .forEach(
                      row ->
                          byRegion.add(
                              new RegionSales(
                                  row.getString("region"),
                                  row.getLong("orders"),
                                  row.getLong("sales"))));
              List<CooperativeSales> byCooperative = new ArrayList<>();
              cooperatives
                  .result()
                  .forEach(
                      row ->
                          byCooperative.add(
                              new CooperativeSales(
                                  row.getUUID("cooperative_id"),
                                  OrderRows.texts(row.getJsonObject("name")),
                                  row.getString("region"),
                                  row.getBoolean("women_led"),
                                  row.getLong("orders"),
                                  row.getLong("buyers"),
                                  row.getLong("sales"))));
              return new Figures(
                  tag,
                  new Totals(
                      total.getLong("orders"),
                      total.getLong("buyers"),
                      total.getLong("sales"),
                      total.getLong("women_led_sales"),
                      total.getLong("orders_after"),
                      total.getLong("sales_after")),
                  byDay,
                  byRegion,
                  byCooperative);
            });
  }
}
