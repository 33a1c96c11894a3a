package ma.tadamon.catalog.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.Languages;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.events.Region;

/**
 * Where each page lives: its path (the same on every origin, so the JSON APIs give it too) and the
 * absolute address that links, previews, sitemaps and QR codes carry. The public origin is
 * configuration ({@code PUBLIC_BASE_URL}), never the request's Host header: pages are cached, and a
 * forged Host must not end up in what others are served.
 */
public final class PageAddresses {

  private final String origin;

  public PageAddresses(String publicBaseUrl) {
    this.origin =
        publicBaseUrl.endsWith("/")
            ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
            : publicBaseUrl;
  }

  public static String home(String lang) {
    return "/" + lang + "/";
  }

  public static String product(String lang, Product product) {
    return "/"
        + lang
        + "/products/"
        + segment(Slugs.of(Languages.pick(product.name(), lang), product.id()));
  }

  public static String cooperative(String lang, Cooperative cooperative) {
    return "/"
        + lang
        + "/cooperatives/"
        + segment(Slugs.of(Languages.pick(cooperative.name(), lang), cooperative.id()));
  }

  /** A fair's address: its slug, the same in every language. */
  public static String fair(String lang, Fair fair) {
    return "/" + lang + "/fairs/" + fair.slug();
  }

  public static String region(String lang, Region region) {
    return "/" + lang + "/regions/" + region.slug();
  }

  public String absolute(String path) {
    return origin + path;
  }

  public String origin() {
    return origin;
  }

  /** Slugs hold only letters, digits and dashes: percent-encoding their UTF-8 is all it takes. */
  private static String segment(String slug) {
    return URLEncoder.encode(slug, StandardCharsets.UTF_8);
  }
}
