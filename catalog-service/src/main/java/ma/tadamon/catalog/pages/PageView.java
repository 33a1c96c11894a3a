package ma.tadamon.catalog.pages;

import java.util.List;

/**
 * What the layout of every page needs: its language and direction, its title and description, its
 * canonical address and the same page in the other languages, and what link previews and search
 * engines read (Open Graph, Twitter card, JSON-LD).
 *
 * @param kind the page's kind, read by the web app's script to enhance it (home, product, …)
 * @param image the picture a link preview shows, if the page has one
 * @param offer the price a link preview shows, if the page sells one thing
 * @param jsonLd schema.org data as JSON, already safe inside a script element
 */
public record PageView(
    String lang,
    PageTexts texts,
    String kind,
    String title,
    String description,
    String canonicalUrl,
    List<Alternate> alternates,
    PreviewImage image,
    Offer offer,
    String jsonLd) {

  /** The same page in another language. */
  public record Alternate(String lang, String path, String url) {}

  public record PreviewImage(String url, int width, int height, String alt) {}

  /** A price as schema.org and Open Graph write it: "240.50", "MAD". */
  public record Offer(String amount, String currency) {}

  public String dir() {
    return "ar".equals(lang) ? "rtl" : "ltr";
  }

  public String t(String key) {
    return texts.get(lang, key);
  }

  public String home() {
    return "/" + lang + "/";
  }

  /** The web app's own views (cart, portal…) on the page's language. */
  public String app(String view) {
    return "/" + lang + "/#/" + view;
  }

  /** Open Graph's locale: ar_MA, fr_MA, en_GB, as the web app formats. */
  public String ogLocale() {
    return switch (lang) {
      case "ar" -> "ar_MA";
      case "en" -> "en_GB";
      default -> "fr_MA";
    };
  }
}
