package ma.tadamon.platform.observability;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.baggage.BaggageBuilder;
import io.opentelemetry.context.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.service.DuplicatedContexts;

/**
 * The order and the cooperative that the work in hand is about, so that every log line written for
 * it says so (order_id, cooperative_id) and an operator can follow one order across the services'
 * logs. Ids only: names, phone numbers and addresses are personal data (law 09-08) and never
 * logged.
 *
 * <p>Kept as OpenTelemetry baggage of the current context, which Vert.x keeps per request and per
 * consumed record; the platform propagates trace context only, so this baggage never leaves the
 * process.
 */
public final class LogFields {

  public static final String ORDER_ID = "order_id";
  public static final String COOPERATIVE_ID = "cooperative_id";

  private static final String UUID =
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
  private static final Pattern ORDER_IN_PATH =
      Pattern.compile("/(?:orders|payments)/(" + UUID + ")");
  private static final Pattern COOPERATIVE_IN_PATH =
      Pattern.compile("/cooperatives/(" + UUID + ")");

  private LogFields() {}

  /** The ids an event's data names (orderId, cooperativeId), for the rest of its processing. */
  public static void fromEvent(EventEnvelope envelope) {
    JsonNode data = envelope.data();
    Map<String, String> fields = new LinkedHashMap<>();
    if (data != null && data.hasNonNull("orderId")) {
      fields.put(ORDER_ID, data.get("orderId").asText());
    }
    if (data != null && data.hasNonNull("cooperativeId")) {
      fields.put(COOPERATIVE_ID, data.get("cooperativeId").asText());
    }
    put(fields);
  }

  /** The ids a request's path names (/orders/{id}, /cooperatives/{id}, /payments/{orderId}). */
  public static void fromPath(String path) {
    Map<String, String> fields = new LinkedHashMap<>();
    Matcher order = ORDER_IN_PATH.matcher(path);
    if (order.find()) {
      fields.put(ORDER_ID, order.group(1));
    }
    Matcher cooperative = COOPERATIVE_IN_PATH.matcher(path);
    if (cooperative.find()) {
      fields.put(COOPERATIVE_ID, cooperative.group(1));
    }
    put(fields);
  }

  /** The fields in force here, in the order they were added. */
  public static Map<String, String> current() {
    Map<String, String> fields = new LinkedHashMap<>();
    Baggage.current()
        .forEach(
            (key, entry) -> {
              if (key.equals(ORDER_ID) || key.equals(COOPERATIVE_ID)) {
                fields.put(key, entry.getValue());
              }
            });
    return fields;
  }

  private static void put(Map<String, String> fields) {

    // Only on a request's or a record's own (duplicated) context: anywhere else the fields would
    // outlive the work they describe and label unrelated lines.
    if (fields.isEmpty() || !DuplicatedContexts.onDuplicatedContext()) {
      return;
    }
    BaggageBuilder baggage = Baggage.current().toBuilder();
    fields.forEach(baggage::put);
    // Never closed on purpose: the context it is attached to is the request's or the record's own,
    // and is dropped with it.
    Context.current().with(baggage.build()).makeCurrent();
  }
}
