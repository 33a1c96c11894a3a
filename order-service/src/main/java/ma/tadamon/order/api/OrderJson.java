package ma.tadamon.order.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.Withdrawal;
import ma.tadamon.order.domain.WithdrawalPolicy;
import ma.tadamon.order.store.CampaignFigures;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.platform.domain.Dirhams;

/** The order's JSON, as DESIGN.md fixes its names; a cooperative sees only its own part. */
final class OrderJson {

  private OrderJson() {}

  static JsonObject placed(OrderView order, String accessToken) {
    return full(order).put("accessToken", accessToken);
  }

  static JsonObject full(OrderView order) {
    return view(order, part -> true);
  }

  /**
   * The order with, on each delivered part, the shopper's right of withdrawal: until when, which
   * products it excludes, and the withdrawal asked for, if any.
   */
  static JsonObject full(OrderView order, WithdrawalTerms terms) {
    return withWithdrawals(full(order), order, terms);
  }

  static JsonObject forCooperative(OrderView order, UUID cooperative, WithdrawalTerms terms) {
    return withWithdrawals(forCooperative(order, cooperative), order, terms);
  }

  /** What the withdrawal parts of an order's JSON are computed from. */
  record WithdrawalTerms(List<Withdrawal> withdrawals, WithdrawalPolicy policy, Instant now) {}

  private static JsonObject withWithdrawals(
      JsonObject view, OrderView order, WithdrawalTerms terms) {
    JsonArray parts = view.getJsonArray("cooperativeOrders");
    for (int i = 0; i < parts.size(); i++) {
      JsonObject json = parts.getJsonObject(i);
      OrderView.Part part = order.part(UUID.fromString(json.getString("cooperativeId")));
      Optional<Withdrawal> asked =
          terms.withdrawals().stream()
              .filter(w -> w.cooperativeId().equals(part.cooperativeId()))
              .findFirst();
      if (part.deliveredAt() == null && asked.isEmpty()) {
        continue;
      }
      JsonObject right = new JsonObject();
      if (part.deliveredAt() != null) {
        right
            .put("lastDay", terms.policy().lastDay(part.deliveredAt()).toString())
            .put(
                "open",
                asked.isEmpty()
                    && part.status() == CooperativeOrderStatus.DELIVERED
                    && terms.policy().isOpen(part.deliveredAt(), terms.now()))
            .put(
                "excludedProductIds",
                new JsonArray(
                    order.lines().stream()
                        .filter(line -> line.cooperativeId().equals(part.cooperativeId()))
                        .filter(line -> terms.policy().excludes(line.category()))
                        .map(line -> line.productId().toString())
                        .toList()));
      }
      asked.ifPresent(w -> right.put("request", withdrawal(w, terms.now())));
      json.put("withdrawal", right);
    }
    return view;
  }

  static JsonObject withdrawal(Withdrawal withdrawal, Instant now) {
    JsonArray lines = new JsonArray();
    withdrawal
        .lines()
        .forEach(
            line ->
                lines.add(
                    new JsonObject()
                        .put("productId", line.productId().toString())
                        .put("name", new JsonObject(Map.copyOf(line.name())))
                        .put("unitPriceCentimes", line.unitPriceCentimes())
                        .put("quantity", line.quantity())));
    return new JsonObject()
        .put("id", withdrawal.id().toString())
        .put("orderId", withdrawal.orderId().toString())
        .put("cooperativeId", withdrawal.cooperativeId().toString())
        .put("status", withdrawal.status().name())
        .put("lines", lines)
        .put("amountCentimes", withdrawal.amountCentimes())
        .put("wholePart", withdrawal.wholePart())
        .put("requestedAt", withdrawal.requestedAt().toString())
        .put("refundDueBy", withdrawal.refundDueBy().toString())
        .put("refundOverdue", withdrawal.refundOverdue(now))
        .put("receivedAt", text(withdrawal.receivedAt()))
        .put("refundedAt", text(withdrawal.refundedAt()));
  }

  static JsonObject withdrawals(List<Withdrawal> withdrawals, Instant now) {
    return new JsonObject()
        .put("count", withdrawals.size())
        .put(
            "withdrawals",
            new JsonArray(withdrawals.stream().map(w -> withdrawal(w, now)).toList()));
  }

  private static String text(Instant at) {
    return at == null ? null : at.toString();
  }

  static JsonObject forCooperative(OrderView order, UUID cooperative) {
    return view(order, cooperative::equals);
  }

  /** A cooperative's list of its parts: what to prepare, where to deliver, whom to call. */
  static JsonObject cooperativeParts(List<OrderQueries.CooperativePart> parts) {
    JsonArray items = new JsonArray();
    long total = 0;
    for (OrderQueries.CooperativePart entry : parts) {
      total += entry.part().amountCentimes();
      items.add(
          part(entry.part(), lines(entry.lines()))
              .put("orderId", entry.orderId().toString())
              .put("code", entry.code())
              .put("orderStatus", entry.orderStatus().name())
              .put("paymentMethod", entry.paymentMethod().name())
              .put("language", entry.language())
              .put("createdAt", entry.createdAt().toString())
              .put(
                  "contact",
                  new JsonObject()
                      .put("name", entry.contact().name())
                      .put("phone", entry.contact().phone()))
              .put(
                  "shippingAddress",
                  new JsonObject()
                      .put("line1", entry.address().line1())
                      .put("city", entry.address().city())
                      .put("postalCode", entry.address().postalCode())
                      .put("region", entry.address().region())));
    }
    return new JsonObject()
        .put("items", items)
        .put("count", parts.size())
        .put("totalCentimes", total)
        .put("currency", "MAD");
  }

  static JsonObject campaignFigures(CampaignFigures.Figures figures) {
    CampaignFigures.Totals totals = figures.totals();
    JsonArray days = new JsonArray();
    figures
        .byDay()
        .forEach(
            day ->
                days.add(
                    new JsonObject()
                        .put("day", day.day().toString())
                        .put("orders", day.orders())
                        .put("salesCentimes", day.salesCentimes())
                        .put("pickupSalesCentimes", day.pickupSalesCentimes())
                        .put("standSalesCentimes", day.standSalesCentimes())));
    JsonArray regions = new JsonArray();
    figures
        .byRegion()
        .forEach(
            region ->
                regions.add(
                    new JsonObject()
                        .put("region", region.region())
                        .put("orders", region.orders())
                        .put("salesCentimes", region.salesCentimes())
                        .put("pickupSalesCentimes", region.pickupSalesCentimes())
                        .put("standSalesCentimes", region.standSalesCentimes())));
    JsonArray cooperatives = new JsonArray();
    figures
        .byCooperative()
        .forEach(
            coop ->
                cooperatives.add(
                    new JsonObject()
                        .put("cooperativeId", coop.cooperativeId().toString())
                        .put("name", new JsonObject(Map.copyOf(coop.name())))
                        .put("region", coop.region())
                        .put("womenLed", coop.womenLed())
                        .put("orders", coop.orders())
                        .put("buyers", coop.buyers())
                        .put("salesCentimes", coop.salesCentimes())
                        .put("pickupSalesCentimes", coop.pickupSalesCentimes())
                        .put("standSalesCentimes", coop.standSalesCentimes())));
    return new JsonObject()
        .put("tag", figures.tag())
        .put("currency", "MAD")
        .put(
            "totals",
            new JsonObject()
                .put("orders", totals.orders())
                .put("buyers", totals.buyers())
                .put("salesCentimes", totals.salesCentimes())
                .put("womenLedSalesCentimes", totals.womenLedSalesCentimes())
                .put(
                    "womenLedSharePercent",
                    percent(
                        totals.womenLedSalesCentimes(),
                        totals.salesCentimes() + totals.standSalesCentimes()))
                .put("ordersAfterEnd", totals.ordersAfter())
                .put("salesAfterEndCentimes", totals.salesAfterCentimes())
                .put("standSales", totals.standSales())
                .put("standItems", totals.standItems())
                .put("standSalesCentimes", totals.standSalesCentimes())
                // Of the online orders, those collected at the fair's stands.
                .put("pickupOrders", totals.pickupOrders())
                .put("pickupSalesCentimes", totals.pickupSalesCentimes()))
        .put("byDay", days)
        .put("byRegion", regions)
        .put("byCooperative", cooperatives);
  }

  /** What anyone may read of a fair's figures: sales and orders, nobody's data. */
  static JsonObject publicFigures(CampaignFigures.Figures figures) {
    CampaignFigures.Totals totals = figures.totals();
    return new JsonObject()
        .put("tag", figures.tag())
        .put("currency", "MAD")
        .put("salesCentimes", totals.salesCentimes() + totals.standSalesCentimes())
        .put("onlineSalesCentimes", totals.salesCentimes())
        .put("standSalesCentimes", totals.standSalesCentimes())
        .put("orders", totals.orders());
  }

  /** A whole percentage, rounded, by integer arithmetic. */
  private static long percent(long part, long whole) {
    return whole == 0 ? 0 : (part * 100 + whole / 2) / whole;
  }

  /** One line per cooperative: what an awards jury sorts in a spreadsheet. */
  static String campaignCsv(CampaignFigures.Figures figures) {
    StringBuilder csv =
        new StringBuilder(
            "cooperative_id,cooperative,region,women_led,orders,buyers,sales_mad,stand_sales_mad"
                + "\r\n");
    for (CampaignFigures.CooperativeSales coop : figures.byCooperative()) {
      csv.append(coop.cooperativeId())
          .append(',')
          .append(
              csvField(
                  coop.name()
                      .getOrDefault("fr", coop.name().values().stream().findFirst().orElse(""))))
          .append(',')
          .append(coop.region() == null ? "" : coop.region())
          .append(',')
          .append(coop.womenLed() == null ? "" : coop.womenLed())
          .append(',')
          .append(coop.orders())
          .append(',')
          .append(coop.buyers())
          .append(',')
          .append(Dirhams.plain(coop.salesCentimes()))
          .append(',')
          .append(Dirhams.plain(coop.standSalesCentimes()))
          .append("\r\n");
    }
    return csv.toString();
  }

  /**
   * A text field quoted as RFC 4180 asks, and never read as a formula by a spreadsheet (a name
   * starting with = + - @ gets a leading apostrophe).
   */
  private static String csvField(String text) {
    String safe = !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    return '"' + safe.replace("\"", "\"\"") + '"';
  }

  static JsonObject salesBySource(List<OrderQueries.SourceSales> sales) {
    JsonArray items = new JsonArray();
    sales.forEach(
        line ->
            items.add(
                new JsonObject()
                    .put("source", line.source())
                    .put("orders", line.orders())
                    .put("totalCentimes", line.totalCentimes())
                    .put("currency", "MAD")));
    return new JsonObject().put("items", items);
  }

  static JsonObject searchResult(OrderQueries.SearchResult result) {
    JsonArray items = new JsonArray();
    result
        .orders()
        .forEach(
            order ->
                items.add(
                    new JsonObject()
                        .put("id", order.id().toString())
                        .put("code", order.code())
                        .put("status", order.status().name())
                        .put("paymentMethod", order.paymentMethod().name())
                        .put("totalCentimes", order.totalCentimes())
                        .put("currency", "MAD")
                        .put("createdAt", order.createdAt().toString())
                        .put("region", order.region())
                        .put("city", order.city())));
    return new JsonObject()
        .put("items", items)
        .put(
            "totals",
            new JsonObject()
                .put("orders", result.matching())
                .put("totalCentimes", result.totalCentimes())
                .put("currency", "MAD"));
  }

  /** A shopper's saved addresses, shaped as a checkout's contact and shippingAddress. */
  static JsonArray addresses(List<OrderQueries.SavedAddress> addresses) {
    JsonArray all = new JsonArray();
    for (OrderQueries.SavedAddress saved : addresses) {
      all.add(
          new JsonObject()
              .put(
                  "contact",
                  new JsonObject()
                      .put("name", saved.contact().name())
                      .put("phone", saved.contact().phone())
                      .put("email", saved.contact().email()))
              .put(
                  "shippingAddress",
                  new JsonObject()
                      .put("line1", saved.address().line1())
                      .put("city", saved.address().city())
                      .put("postalCode", saved.address().postalCode())
                      .put("region", saved.address().region())));
    }
    return all;
  }

  private static JsonObject part(OrderView.Part part, JsonArray lines) {
    return new JsonObject()
        .put("cooperativeId", part.cooperativeId().toString())
        .put("status", part.status().name())
        .put("subtotalCentimes", part.subtotalCentimes())
        .put("shippingCentimes", part.shippingCentimes())
        .put("declineReason", part.declineReason())
        .put("trackingReference", part.trackingReference())
        .put("deliveredAt", text(part.deliveredAt()))
        // Collected at this stand of the order's fair instead of shipped.
        .put("pickupStand", part.pickupStand())
        .put("lines", lines);
  }

  private static JsonArray lines(List<OrderView.Line> lines) {
    JsonArray json = new JsonArray();
    lines.forEach(
        line ->
            json.add(
                new JsonObject()
                    .put("productId", line.productId().toString())
                    .put("name", new JsonObject(Map.copyOf(line.productName())))
                    .put("unit", line.unit())
                    .put("unitPriceCentimes", line.unitPriceCentimes())
                    .put("quantity", line.quantity())
                    .put("amountCentimes", line.unitPriceCentimes() * line.quantity())));
    return json;
  }

  private static JsonObject view(OrderView order, Predicate<UUID> visible) {
    JsonArray parts = new JsonArray();
    order.cooperativeOrders().stream()
        .filter(part -> visible.test(part.cooperativeId()))
        .forEach(
            part ->
                parts.add(
                    part(
                        part,
                        lines(
                            order.lines().stream()
                                .filter(line -> line.cooperativeId().equals(part.cooperativeId()))
                                .toList()))));
    JsonArray history = new JsonArray();
    order
        .history()
        .forEach(
            step ->
                history.add(
                    new JsonObject()
                        .put("from", step.from() == null ? null : step.from().name())
                        .put("to", step.to().name())
                        .put("cause", step.cause())
                        .put("at", step.at().toString())));
    return new JsonObject()
        .put("id", order.id().toString())
        .put("code", order.code())
        .put("status", order.status().name())
        .put("paymentMethod", order.paymentMethod().name())
        .put("language", order.language())
        .put("subtotalCentimes", order.subtotalCentimes())
        .put("shippingCentimes", order.shippingCentimes())
        .put("totalCentimes", order.totalCentimes())
        .put("currency", "MAD")
        .put("createdAt", order.createdAt().toString())
        // Whether the order waits for the shopper to type the code sent to the number ending so.
        .put(
            "phoneConfirmation",
            new JsonObject()
                .put("status", order.phoneCheck().name())
                .put("phoneEnding", ending(order.contact().phone())))
        .put(
            "shippingAddress",
            new JsonObject()
                .put("city", order.shippingAddress().city())
                .put("region", order.shippingAddress().region()))
        .put(
            "pickup",
            order.collectedAtFair()
                ? new JsonObject()
                    .put("fairId", order.pickup().fairId().toString())
                    .put("fairName", new JsonObject(Map.copyOf(order.pickup().fairName())))
                : null)
        .put("cooperativeOrders", parts)
        .put("history", history);
  }

  private static String ending(String phone) {
    return phone.length() <= 2 ? phone : phone.substring(phone.length() - 2);
  }
}
