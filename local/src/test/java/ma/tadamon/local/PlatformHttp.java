package ma.tadamon.local;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.URI;

/** The local platform's front door, for end-to-end tests that use it as a browser would. */
final class PlatformHttp {

  private PlatformHttp() {}

  /** A client whose relative paths ("/api/orders") go to the platform's storefront edge. */
  static WebClient client(Vertx vertx, LocalPlatform platform) {
    URI url = URI.create(platform.url());
    return WebClient.create(
        vertx, new WebClientOptions().setDefaultHost(url.getHost()).setDefaultPort(url.getPort()));
  }
}
