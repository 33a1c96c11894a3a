package ma.tadamon.platform.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

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
