package ma.tadamon.platform.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * The headers every page of the web app carries, whichever server sends it (the storefront edge its
 * scripts, catalog-service its rendered pages): scripts and styles only from the origin, no
 * sniffing, the origin alone as referrer to other sites.
 */
public final class SecurityHeaders {

  private SecurityHeaders() {}

  public static HttpServerResponse apply(HttpServerResponse response) {
    return response
        .putHeader(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data: https:; style-src 'self'")
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "same-origin");
  }
}
