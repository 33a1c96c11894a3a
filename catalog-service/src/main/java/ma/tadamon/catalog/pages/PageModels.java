package ma.tadamon.catalog.pages;

import java.util.List;

/** What the page templates show, already worded and formatted in the page's language. */
public final class PageModels {

  private PageModels() {}

  /** A product's photo at the widths it has: the browser picks from {@code srcset}. */
  /** A photo at the widths it has: {@code webpSrcset} for the browsers that read WebP, or null. */
  public record Picture(
      String src, String srcset, String webpSrcset, int width, int height, String alt) {}

  /** A product in a list: its page, name, price and main photo. */
  public record ProductCard(
      String path,
      String name,
      String cooperativeName,
      String price,
      String unit,
      boolean womenLed,
      boolean inStock,
      Picture picture) {}

  /** A cooperative in a list. */
  public record CooperativeCard(
      String path, String name, String region, String city, int members, boolean womenLed) {}

  /**
   * Where a page can be shared: its address, the links that share it, its QR code, and what to
   * print (a label or a stand poster).
   */
  public record Sharing(
      String url,
      String whatsapp,
      String facebook,
      String qrSvg,
      String qrPng,
      String printPath,
      String printText) {}

  public record Product(
      String id,
      String name,
      String description,
      String price,
      String unit,
      boolean inStock,
      String category,
      List<String> labels,
      List<Picture> pictures,
      CooperativeCard cooperative,
      String cooperativeStory,
      String regionPath,
      boolean verified,
      Seller seller,
      Sharing sharing) {}

  /**
   * Who sells, as the law on distance selling asks it shown before the order: identifiers absent
   * where the cooperative has none (null), and where goods go back.
   */
  public record Seller(
      String name, String registrationNumber, String ice, String taxId, String returnAddress) {}

  public record Cooperative(
      String id,
      String name,
      String story,
      String region,
      String regionPath,
      String city,
      int members,
      int foundedYear,
      boolean womenLed,
      List<ProductCard> products,
      Sharing sharing) {}

  public record Region(
      String name, List<CooperativeCard> cooperatives, List<ProductCard> products) {}

  public record Home(
      List<FairBanner> fairsNow,
      List<CooperativeCard> featured,
      List<RegionLink> regions,
      List<ProductCard> latest,
      List<CooperativeCard> cooperatives) {}

  /** A fair open today, featured at the top of the home page. */
  public record FairBanner(String path, String name, String until) {}

  /** A cooperative at a fair: its stand, its card, its products, its poster for the stand. */
  public record FairExhibitor(
      String stand, CooperativeCard cooperative, List<ProductCard> products, String posterPath) {}

  /**
   * {@code sold}: what the ended fair sold, as served; else {@code figuresPath}, where the page's
   * script reads it (announced figures not there yet), or neither while the fair runs.
   */
  public record FairPage(
      String name,
      String dates,
      String venue,
      String city,
      String region,
      String regionPath,
      String openingHours,
      String mapLink,
      int exhibitorCount,
      List<FairExhibitor> exhibitors,
      String query,
      String path,
      String sold,
      String figuresPath) {}

  public record RegionLink(String path, String name) {}

  /** A page that says something went wrong, with a way on: 404, 410 or 400. */
  public record Message(String title, String text, String linkPath, String linkText) {}
}
