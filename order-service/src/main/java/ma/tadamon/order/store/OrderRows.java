package ma.tadamon.order.store;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.order.domain.CooperativeOrderStatus;
import ma.tadamon.order.domain.OrderStatus;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.domain.PhoneCheck;

/** The one mapping of the orders schema's rows to the domain's values. */
final class OrderRows {

  private OrderRows() {}

  static OrderView view(
      Row order,
      List<OrderView.Line> lines,
      List<OrderView.Part> parts,
      List<OrderView.Transition> history) {
    return new OrderView(
        order.getUUID("id"),
        order.getString("code"),
        OrderStatus.valueOf(order.getString("status")),
        PaymentMethod.valueOf(order.getString("payment_method")),
        order.getString("language"),
        new CheckoutRequest.Contact(
            order.getString("contact_name"),
            order.getString("contact_phone"),
            order.getString("contact_email")),
        address(order),
        order.getString("shopper_subject"),
        order.getLong("subtotal_centimes"),
        order.getLong("shipping_centimes"),
        order.getLong("total_centimes"),
        order.getString("request_hash"),
        order.getOffsetDateTime("created_at").toInstant(),
        PhoneCheck.valueOf(order.getString("phone_check")),
        lines,
        parts,
        history,
        order.getString("marketing_consent"),
        order.getUUID("pickup_fair_id") == null
            ? null
            : new OrderView.Pickup(
                order.getUUID("pickup_fair_id"), texts(order.getJsonObject("pickup_fair_name"))));
  }

  static CheckoutRequest.Address address(Row row) {
    JsonObject address = row.getJsonObject("shipping_address");
    return new CheckoutRequest.Address(
        address.getString("line1"),
        address.getString("city"),
        address.getString("postalCode"),
        address.getString("region"));
  }

  static JsonObject addressJson(CheckoutRequest.Address address) {
    return new JsonObject()
        .put("line1", address.line1())
        .put("city", address.city())
        .put("postalCode", address.postalCode())
        .put("region", address.region());
  }

  static OrderView.Part part(Row row) {
    return new OrderView.Part(
        row.getUUID("cooperative_id"),
        CooperativeOrderStatus.valueOf(row.getString("status")),
        row.getLong("subtotal_centimes"),
        row.getLong("shipping_centimes"),
        row.getString("decline_reason"),
        row.getString("tracking_reference"),
        instant(row, "delivered_at"),
        row.getString("pickup_stand"));
  }

  static OrderView.Line line(Row row) {
    return new OrderView.Line(
        row.getInteger("line_number"),
        row.getUUID("product_id"),
        row.getUUID("cooperative_id"),
        texts(row.getJsonObject("product_name")),
        row.getString("unit"),
        row.getLong("unit_price_centimes"),
        row.getInteger("quantity"),
        row.getString("category"));
  }

  static Instant instant(Row row, String column) {
    OffsetDateTime at = row.getOffsetDateTime(column);
    return at == null ? null : at.toInstant();
  }

  static OrderView.Transition transition(Row row) {
    String from = row.getString("from_status");
    return new OrderView.Transition(
        from == null ? null : OrderStatus.valueOf(from),
        OrderStatus.valueOf(row.getString("to_status")),
        row.getString("cause"),
        row.getOffsetDateTime("at").toInstant());
  }

  /** Texts by language from their jsonb column; none when the column is null. */
  static Map<String, String> texts(JsonObject json) {
    Map<String, String> texts = new HashMap<>();
    if (json != null) {
      json.forEach(entry -> texts.put(entry.getKey(), String.valueOf(entry.getValue())));
    }
    return texts;
  }
}
