package ma.tadamon.order.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import ma.tadamon.order.domain.OrderView;

/** The order's JSON, as DESIGN.md fixes its names; a cooperative sees only its own part. */
final class OrderJson {

  private OrderJson() {
  }

  static JsonObject placed(OrderView order, String accessToken) {
    return full(order).put("accessToken", accessToken);
  }

  static JsonObject full(OrderView order) {
    return view(order, part -> true);
  }

  static JsonObject forCooperative(OrderView order, UUID cooperative) {
    return view(order, cooperative::equals);
  }

  private static JsonObject view(OrderView order, Predicate<UUID> visible) {
    JsonArray parts = new JsonArray();
    order.cooperativeOrders().stream().filter(part -> visible.test(part.cooperativeId())).forEach(part -> {
      JsonArray lines = new JsonArray();
      order.lines().stream().filter(line -> line.cooperativeId().equals(part.cooperativeId())).forEach(line ->
          lines.add(new JsonObject()
              .put("productId", line.productId().toString())
              .put("name", new JsonObject(Map.copyOf(line.productName())))
              .put("unit", line.unit())
              .put("unitPriceCentimes", line.unitPriceCentimes())
              .put("quantity", line.quantity())
              .put("amountCentimes", line.unitPriceCentimes() * line.quantity())));
      parts.add(new JsonObject()
          .put("cooperativeId", part.cooperativeId().toString())
          .put("status", part.status().name())
          .put("subtotalCentimes", part.subtotalCentimes())
          .put("shippingCentimes", part.shippingCentimes())
          .put("lines", lines));
    });
    JsonArray history = new JsonArray();
    order.history().forEach(step -> history.add(new JsonObject()
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
        .put("shippingAddress", new JsonObject()
            .put("city", order.shippingAddress().city())
            .put("region", order.shippingAddress().region()))
        .put("cooperativeOrders", parts)
        .put("history", history);
  }
}
