package ma.tadamon.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Strong ETags of the bytes sent, and whether a request's If-None-Match already holds one. */
public final class ETags {

  private ETags() {}

  /** A digest of the bytes: the same bytes, the same tag, whichever replica sends them. */
  public static String of(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return '"' + HexFormat.of().formatHex(hash, 0, 16) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * True when the client's copy is current: If-None-Match names {@code etag} (in a list, weak or
   * not, as caches may send it) or is {@code *}.
   */
  public static boolean matches(RoutingContext ctx, String etag) {
    String header = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
    if (header == null) {
      return false;
    }
    for (String candidate : header.split(",")) {
      String tag = candidate.trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(etag) || tag.equals("*")) {
        return true;
      }
    }
    return false;
  }
}
