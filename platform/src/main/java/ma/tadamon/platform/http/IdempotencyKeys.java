package ma.tadamon.platform.http;

import io.vertx.ext.web.RoutingContext;

/** Reading the Idempotency-Key header that makes a write safe to retry. */
public final class IdempotencyKeys {

  public static final String HEADER = "Idempotency-Key";
  public static final int MAX_LENGTH = 200;

  private IdempotencyKeys() {}

  /**
   * The request's key, trimmed: 400 when missing or too long, 422 with control characters. {@code
   * why} tells the client why it is needed, e.g. "a retried refund must not refund twice".
   */
  public static String required(RoutingContext ctx, String why) {
    String key = RequestText.header(ctx, HEADER);
    if (key == null || key.isBlank() || key.length() > MAX_LENGTH) {
      throw ProblemException.badRequest(
          "Send an " + HEADER + " header (1 to " + MAX_LENGTH + " characters): " + why + ".");
    }
    return key.trim();
  }
}
