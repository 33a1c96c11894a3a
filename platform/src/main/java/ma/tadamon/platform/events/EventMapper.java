package ma.tadamon.platform.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import ma.tadamon.platform.domain.TimeOrderedIds;

/** The one place events become JSON envelopes and back. */
public final class EventMapper {

  /**
   * Lenient on read (unknown fields are a producer's right), strict on types: 12.5 is not a whole
   * number of centimes and "12" is not a number, so neither is quietly turned into one.
   */
  public static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          // An enum value a newer producer added reads as the enum's UNKNOWN, not as a failure.
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
          .build();

  private final String source;
  private final Clock clock;

  /**
   * @param source the CloudEvents source of everything this service publishes, e.g. {@code
   *     /order-service}
   */
  public EventMapper(String source, Clock clock) {
    this.source = source;
    this.clock = clock;
  }

  public EventMapper(String source) {
    this(source, Clock.systemUTC());
  }

  public EventEnvelope envelope(IntegrationEvent event) {
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    return new EventEnvelope(
        EventEnvelope.SPEC_VERSION,
        TimeOrderedIds.at(now),
        source,
        typeOf(event.getClass()),
        event.subject(),
        now,
        EventEnvelope.JSON,
        JSON.valueToTree(event));
  }

  public static String typeOf(Class<? extends IntegrationEvent> eventClass) {
    EventType type = eventClass.getAnnotation(EventType.class);
    if (type == null) {
      throw new IllegalArgumentException(eventClass.getName() + " has no @EventType");
    }
    return type.value();
  }

  public static String toJson(EventEnvelope envelope) {
    try {
      return JSON.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an envelope always serialises", e);
    }
  }

  /** Reads an envelope; a record that is not one is a {@link MalformedEventException}. */
  public static EventEnvelope fromJson(String json) {
    try {
      EventEnvelope envelope = JSON.readValue(json, EventEnvelope.class);
      if (envelope.id() == null || envelope.type() == null) {
        throw new MalformedEventException("not a CloudEvents envelope: id and type are required");
      }
      return envelope;
    } catch (JsonProcessingException e) {
      throw new MalformedEventException("not a JSON event: " + e.getOriginalMessage());
    }
  }

  /**
   * The envelope's type, read without the rest of it: a consumer passes over the types it does not
   * take without building their data. Empty when the record is not a JSON object with a textual
   * top-level type; {@link #fromJson} says why.
   */
  public static Optional<String> typeOnly(String json) {
    if (json == null) {
      return Optional.empty();
    }
    try (JsonParser parser = JSON.getFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if ("type".equals(field)) {
          return value == JsonToken.VALUE_STRING ? Optional.of(parser.getText()) : Optional.empty();
        }
        parser.skipChildren();
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The envelope's data as the event record its type names. */
  public static <T extends IntegrationEvent> T data(EventEnvelope envelope, Class<T> eventClass) {
    try {
      return JSON.treeToValue(envelope.data(), eventClass);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MalformedEventException(
          "event "
              + envelope.id()
              + " of type "
              + envelope.type()
              + " does not carry a valid "
              + eventClass.getSimpleName()
              + ": "
              + e.getMessage());
    }
  }
}
