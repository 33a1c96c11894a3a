package ma.tadamon.catalog.pages;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import ma.tadamon.platform.http.ETags;

/**
 * Rendered pages, each kept with what it was rendered from. The catalog's in-memory copies publish
 * a new object (a product's listing, a cooperative) or a new version whenever a catalog change
 * reaches them, within milliseconds of its commit; a page whose sources are no longer the current
 * ones is rendered again on its next request. So a price change shows at once, and an unchanged
 * page costs a map lookup. Bounded: past {@code maxPages} it starts afresh rather than grow.
 */
public final class PageCache {

  /** A page ready to send, with its strong ETag (a digest of the bytes). */
  public record Page(Buffer body, String etag) {}

  private record Entry(Object[] sources, Page page) {}

  private final Map<String, Entry> pages = new ConcurrentHashMap<>();
  private final int maxPages;

  public PageCache(int maxPages) {
    this.maxPages = maxPages;
  }

  /**
   * The page under {@code key}, rendered again only when {@code sources} are not the very objects
   * (or equal versions) it was rendered from.
   */
  public Page get(String key, Object[] sources, Supplier<String> render) {
    Entry entry = pages.get(key);
    if (entry != null && sameSources(entry.sources(), sources)) {
      return entry.page();
    }
    Page page = page(render.get());
    if (pages.size() >= maxPages) {
      pages.clear();
    }
    pages.put(key, new Entry(sources, page));
    return page;
  }

  public static Page page(String html) {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    return new Page(Buffer.buffer(bytes), ETags.of(bytes));
  }

  /** Identity for the catalog's objects (a new object is a change), equality for versions. */
  private static boolean sameSources(Object[] cached, Object[] current) {
    if (cached.length != current.length) {
      return false;
    }
    for (int i = 0; i < cached.length; i++) {
      Object a = cached[i];
      Object b = current[i];
      boolean same = a instanceof Long || a instanceof String ? a.equals(b) : a == b;
      if (!same) {
        return false;
      }
    }
    return true;
  }

  public int size() {
    return pages.size();
  }
}
