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
 * phone number, which never leaves the database. A fair's stand sales (cash at the stand, no buyer
 * known) count apart, beside the online sales, and in the women-led share. Orders collected at a
 * fair's stands are online sales too, also counted apart as pick-ups.
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
          + " count(DISTINCT o.id) FILTER (WHERE co.pickup_stand IS NOT NULL) AS pickup_orders,"
          + " coalesce(sum(co.subtotal_centimes) FILTER (WHERE co.pickup_stand IS NOT NULL), 0)"
          + " AS pickup_sales,"
          + " coalesce(sum(co.subtotal_centimes) FILTER (WHERE $2::timestamptz IS NOT NULL"
          + " AND o.created_at > $2), 0) AS sales_after "
          + SOLD;

  /** The tag's stand sales, with their cooperative. */
  private static final String AT_STANDS =
      """
      FROM stand_sales s LEFT JOIN catalog_cooperatives c ON c.id = s.cooperative_id
      WHERE s.campaign_tag = $1
      """;

  private static final String STAND_TOTALS =
      "SELECT count(*) AS sales_count, coalesce(sum(s.quantity), 0) AS items,"
          + " coalesce(sum(s.amount_centimes), 0) AS amount,"
          + " coalesce(sum(s.amount_centimes) FILTER (WHERE c.women_led), 0) AS women_led "
          + AT_STANDS;

  /** Online and stand sales side by side, by {@code key}: rows where either sold. */
  private static String sideBySide(String key, String onlineKey, String standKey) {
    return "WITH online AS (SELECT "
        + onlineKey
        + " AS key, count(DISTINCT o.id) AS orders, count(DISTINCT o.contact_phone) AS buyers,"
        + " sum(co.subtotal_centimes) AS sales,"
        + " sum(co.subtotal_centimes) FILTER (WHERE co.pickup_stand IS NOT NULL) AS pickup "
        + SOLD
        + " GROUP BY 1), stand AS (SELECT "
        + standKey
        + " AS key, sum(s.amount_centimes) AS stand "
        + AT_STANDS
        + " GROUP BY 1) SELECT coalesce(online.key, stand.key) AS "
        + key
        + ", coalesce(online.orders, 0) AS orders, coalesce(online.buyers, 0) AS buyers,"
        + " coalesce(online.sales, 0) AS sales, coalesce(online.pickup, 0) AS pickup,"
        + " coalesce(stand.stand, 0) AS stand"
        + " FROM online FULL JOIN stand ON stand.key = online.key";
  }

  private static final String BY_DAY =
      sideBySide(
              "day",
              "(o.created_at AT TIME ZONE 'Africa/Casablanca')::date",
              "(s.sold_at AT TIME ZONE 'Africa/Casablanca')::date")
          + " ORDER BY 1";
  private static final String BY_REGION =
      sideBySide("region", "coalesce(c.region, 'unknown')", "coalesce(c.region, 'unknown')")
          + " ORDER BY sales + stand DESC, region";
  private static final String BY_COOPERATIVE =
      "SELECT figures.*, c.name, c.region, c.women_led FROM ("
          + sideBySide("cooperative_id", "co.cooperative_id", "s.cooperative_id")
          + ") figures LEFT JOIN catalog_cooperatives c ON c.id = figures.cooperative_id"
          + " ORDER BY figures.sales + figures.stand DESC, figures.cooperative_id";

  /**
   * {@code womenLedSalesCentimes}: online and at the stands, by women-led cooperatives; {@code
   * pickupSalesCentimes}: the part of the online sales collected at the fair's stands.
   */
  public record Totals(
      long orders,
      long buyers,
      long salesCentimes,
      long womenLedSalesCentimes,
      long ordersAfter,
      long salesAfterCentimes,
      long standSales,
      long standItems,
      long standSalesCentimes,
      long pickupOrders,
      long pickupSalesCentimes) {}

  public record Day(
      LocalDate day,
      long orders,
      long salesCentimes,
      long pickupSalesCentimes,
      long standSalesCentimes) {}

  public record RegionSales(
      String region,
      long orders,
      long salesCentimes,
      long pickupSalesCentimes,
      long standSalesCentimes) {}

  public record CooperativeSales(
      UUID cooperativeId,
      Map<String, String> name,
      String region,
      Boolean womenLed,
      long orders,
      long buyers,
      long salesCentimes,
      long pickupSalesCentimes,
      long standSalesCentimes) {}

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
    Future<RowSet<Row>> stands = client.preparedQuery(STAND_TOTALS).execute(oneParameter);
    return Future.all(List.of(totals, days, regions, cooperatives, stands))
        .map(
            done -> {
              Row total = totals.result().iterator().next();
              Row stand = stands.result().iterator().next();
              List<Day> byDay = new ArrayList<>();
              days.result()
                  .forEach(
                      row ->
                          byDay.add(
                              new Day(
                                  row.getLocalDate("day"),
                                  row.getLong("orders"),
                                  row.getLong("sales"),
                                  row.getLong("pickup"),
                                  row.getLong("stand"))));
              List<RegionSales> byRegion = new ArrayList<>();
              regions
                  .result()
                  .forEach(
                      row ->
                          byRegion.add(
                              new RegionSales(
                                  row.getString("region"),
                                  row.getLong("orders"),
                                  row.getLong("sales"),
                                  row.getLong("pickup"),
                                  row.getLong("stand"))));
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
                                  row.getLong("sales"),
                                  row.getLong("pickup"),
                                  row.getLong("stand"))));
              return new Figures(
                  tag,
                  new Totals(
                      total.getLong("orders"),
                      total.getLong("buyers"),
                      total.getLong("sales"),
                      total.getLong("women_led_sales") + stand.getLong("women_led"),
                      total.getLong("orders_after"),
                      total.getLong("sales_after"),
                      stand.getLong("sales_count"),
                      stand.getLong("items"),
                      stand.getLong("amount"),
                      total.getLong("pickup_orders"),
                      total.getLong("pickup_sales")),
                  byDay,
                  byRegion,
                  byCooperative);
            });
  }
}
