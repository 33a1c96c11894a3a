package ma.tadamon.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.List;

/**
 * The address a request came from, as rate limits count it. Behind {@code trustedProxies} reverse
 * proxies (the storefront edge, the Ingress), the socket's peer is the last proxy: each proxy
 * appends the address it saw to {@code X-Forwarded-For}, so the client is the entry that many
 * places from the end. Entries before it were written by the client itself and may be anything;
 * they are never believed.
 */
public final class ClientAddress {

  private static final String KEY = "tadamon.client-address";
  private static final String FORWARDED_FOR = "X-Forwarded-For";

  private ClientAddress() {}

  /** The route handler that settles the request's client address once, for every handler after. */
  public static void install(io.vertx.ext.web.Router router, int trustedProxies) {
    router
        .route()
        .handler(
            ctx -> {
              ctx.put(KEY, resolve(ctx, trustedProxies));
              ctx.next();
            });
  }

  public static String of(RoutingContext ctx) {
    String address = ctx.get(KEY);
    return address != null ? address : peer(ctx);
  }

  static String resolve(RoutingContext ctx, int trustedProxies) {
    if (trustedProxies <= 0) {
      return peer(ctx);
    }
    List<String> forwarded =
        ctx.request().headers().getAll(FORWARDED_FOR).stream()
            .flatMap(header -> Arrays.stream(header.split(",")))
            .map(String::trim)
            .filter(entry -> !entry.isEmpty())
            .toList();
    // The peer is the last proxy; the entry it appended is the one before it, and so on.
    int index = forwarded.size() - trustedProxies;
    return index >= 0 ? forwarded.get(index) : peer(ctx);
  }

  private static String peer(RoutingContext ctx) {
    return ctx.request().remoteAddress() == null
        ? "unknown"
        : ctx.request().remoteAddress().hostAddress();
  }
}
