package ma.tadamon.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import java.util.stream.Collectors;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.domain.Text;
import ma.tadamon.platform.events.EventMapper;

/**
 * Reading a request's JSON body into a record; a missing, malformed or mistyped body is a 400
 * naming the field.
 */
public final class JsonBodies {

  /**
   * The events' mapper (lenient on unknown fields, strict on types), with text rules on strings.
   */
  private static final ObjectMapper BODIES =
      EventMapper.JSON
          .copy()
          // A client's request names only values that exist: an unknown one is its mistake.
          .disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
          .registerModule(RequestText.module());

  private JsonBodies() {}

  /** {@code what} names the expected object for the message, e.g. "an order" or "a product". */
  public static <T> T read(RoutingContext ctx, Class<T> type, String what) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ProblemException.badRequest("Send " + what + " as a JSON object.");
    }
    try {
      T value = BODIES.readValue(body.getBytes(), type);
      if (value == null) {
        throw ProblemException.badRequest("Send " + what + " as a JSON object.");
      }
      return value;
    } catch (JsonMappingException e) {
      String field = fieldOf(e);
      if (e instanceof RequestText.ControlCharacters) {
        throw ProblemException.invalid(List.of(new FieldError(field, Text.NO_CONTROL_CHARACTERS)));
      }
      throw ProblemException.badRequest(
          field.isEmpty()
              ? "The body is not " + what + "."
              : "The field '" + field + "' has the wrong type.");
    } catch (JsonProcessingException e) {
      throw ProblemException.badRequest("The body is not valid JSON.");
    } catch (IOException e) {
      throw ProblemException.badRequest("The body could not be read.");
    }
  }

  private static String fieldOf(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
