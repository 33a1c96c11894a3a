package ma.tadamon.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;

/** Writing JSON answers: plain ones, and public ones a browser or CDN may cache and revalidate. */
public final class JsonResponses {

  private JsonResponses() {}

  public static void send(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(body.encode());
  }

  /**
   * A list, as the APIs answer one: {@code {"items": [...]}}, each item written by {@code json}.
   */
  public static <T> void sendItems(
      RoutingContext ctx, List<T> items, Function<? super T, JsonObject> json) {
    send(ctx, 200, new JsonObject().put("items", new JsonArray(items.stream().map(json).toList())));
  }

  /**
   * A public, cacheable answer with a strong ETag of its bytes; a matching If-None-Match gets a 304
   * without a body.
   */
  public static void sendCacheable(RoutingContext ctx, JsonObject body, int maxAgeSeconds) {
    Buffer encoded = body.toBuffer();
    String etag = ETags.of(encoded.getBytes());
    ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds)
        .putHeader(HttpHeaders.ETAG, etag)
        .putHeader(HttpHeaders.VARY, "Accept-Encoding");
    if (ETags.matches(ctx, etag)) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json; charset=utf-8")
        .end(encoded);
  }
}
