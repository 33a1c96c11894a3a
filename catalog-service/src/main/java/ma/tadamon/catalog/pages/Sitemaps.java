package ma.tadamon.catalog.pages;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.events.Region;
import ma.tadamon.platform.http.Html;

/**
 * What search engines are told: {@code robots.txt} (the shop's pages, not its APIs or sign-in), and
 * a sitemap index over {@code pages.xml} (home, regions, cooperatives, fairs) and {@code
 * products-N.xml}, each address with its versions in the other languages. A file holds at most
 * {@code productsPerFile} products (three addresses each), well under the protocol's 50,000;
 * products keep their file as new ones arrive, since files are filled oldest first.
 */
public final class Sitemaps {

  private static final Pattern PRODUCTS_FILE = Pattern.compile("products-([1-9][0-9]{0,5})\\.xml");
  private static final String PAGES_FILE = "pages.xml";

  private final PageAddresses addresses;
  private final int productsPerFile;

  public Sitemaps(PageAddresses addresses, int productsPerFile) {
    this.addresses = addresses;
    this.productsPerFile = productsPerFile;
  }

  public String robots() {
    return "User-agent: *\n"
        + "Disallow: /api/\n"
        + "Disallow: /auth/\n"
        + "Disallow: /*/qr.svg\n"
        + "Disallow: /*/qr.png\n"
        + "Allow: /\n"
        + "\n"
        + "Sitemap: "
        + addresses.absolute("/sitemap.xml")
        + "\n";
  }

  public String index(int productCount) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    entry(xml, PAGES_FILE);
    for (int n = 1; n <= productFiles(productCount); n++) {
      entry(xml, "products-" + n + ".xml");
    }
    return xml.append("</sitemapindex>\n").toString();
  }

  private void entry(StringBuilder xml, String file) {
    xml.append("  <sitemap><loc>")
        .append(Html.escape(addresses.absolute("/sitemaps/" + file)))
        .append("</loc></sitemap>\n");
  }

  public boolean exists(String file, int productCount) {
    if (PAGES_FILE.equals(file)) {
      return true;
    }
    Matcher products = PRODUCTS_FILE.matcher(file);
    return products.matches() && Integer.parseInt(products.group(1)) <= productFiles(productCount);
  }

  /** {@code file}, which {@link #exists} said is one; {@code newest} is every product on sale. */
  public String file(
      String file, List<ProductListing> newest, List<Cooperative> cooperatives, List<Fair> fairs) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""
                + " xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
    if (PAGES_FILE.equals(file)) {
      url(xml, PageAddresses::home);
      for (Region region : Region.values()) {
        url(xml, lang -> PageAddresses.region(lang, region));
      }
      for (Cooperative cooperative : cooperatives) {
        url(xml, lang -> PageAddresses.cooperative(lang, cooperative));
      }
      for (Fair fair : fairs) {
        url(xml, lang -> PageAddresses.fair(lang, fair));
      }
    } else {
      Matcher products = PRODUCTS_FILE.matcher(file);
      if (products.matches()) {
        List<ProductListing> oldestFirst = new ArrayList<>(newest);
        Collections.reverse(oldestFirst);
        int from = (Integer.parseInt(products.group(1)) - 1) * productsPerFile;
        int to = Math.min(oldestFirst.size(), from + productsPerFile);
        for (ProductListing listing : oldestFirst.subList(Math.min(from, to), to)) {
          url(xml, lang -> PageAddresses.product(lang, listing.product()));
        }
      }
    }
    return xml.append("</urlset>\n").toString();
  }

  /** One address per language, each naming all three as alternates, as search engines ask. */
  private void url(StringBuilder xml, Function<String, String> pathIn) {
    for (String lang : PageTexts.LANGUAGES) {
      xml.append("  <url><loc>")
          .append(Html.escape(addresses.absolute(pathIn.apply(lang))))
          .append("</loc>");
      for (String other : PageTexts.LANGUAGES) {
        xml.append("<xhtml:link rel=\"alternate\" hreflang=\"")
            .append(other)
            .append("\" href=\"")
            .append(Html.escape(addresses.absolute(pathIn.apply(other))))
            .append("\"/>");
      }
      xml.append("</url>\n");
    }
  }

  private int productFiles(int productCount) {
    return Math.max(1, (productCount + productsPerFile - 1) / productsPerFile);
  }
}
