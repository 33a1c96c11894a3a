package ma.tadamon.platform.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.List;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.domain.Text;

/**
 * Every text that arrives in a request (a body's strings, a header, a query parameter) is checked
 * against {@link Text}'s rules before anything uses it, so a NUL in a checkout's name or key is a
 * 422 naming the field, never a database error.
 */
public final class RequestText {

  private RequestText() {}

  /** The header's value, or null; a value with control characters is refused, naming the header. */
  public static String header(RoutingContext ctx, String name) {
    return checked(name, ctx.request().getHeader(name));
  }

  /** {@code value} as it is, unless it breaks the rules: then a 422 naming {@code field}. */
  public static String checked(String field, String value) {
    if (value != null && Text.hasControlCharacters(value)) {
      throw ProblemException.invalid(List.of(new FieldError(field, Text.NO_CONTROL_CHARACTERS)));
    }
    return value;
  }

  /** Jackson reads every string of a request body through this, so the path names the field. */
  static SimpleModule module() {
    return new SimpleModule("request-text").addDeserializer(String.class, new CheckedStrings());
  }

  /** A string of a body with control characters: JsonBodies names its field in a 422. */
  static final class ControlCharacters extends JsonMappingException {
    ControlCharacters(JsonParser parser) {
      super(parser, Text.NO_CONTROL_CHARACTERS);
    }
  }

  private static final class CheckedStrings extends StdScalarDeserializer<String> {

    CheckedStrings() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      String value = StringDeserializer.instance.deserialize(parser, context);
      if (value != null && Text.hasControlCharacters(value)) {
        throw new ControlCharacters(parser);
      }
      return value;
    }
  }
}
