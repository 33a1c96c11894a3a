package ma.tadamon.catalog.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import ma.tadamon.catalog.api.PhotoApi;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.Languages;
import ma.tadamon.catalog.domain.Photo;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.pages.PageModels.CooperativeCard;
import ma.tadamon.catalog.pages.PageModels.Picture;
import ma.tadamon.catalog.pages.PageModels.ProductCard;
import ma.tadamon.catalog.pages.PageModels.Sharing;
import ma.tadamon.catalog.pages.PageView.Alternate;
import ma.tadamon.catalog.pages.PageView.Offer;
import ma.tadamon.catalog.pages.PageView.PreviewImage;
import ma.tadamon.events.Region;
import ma.tadamon.platform.domain.Dirhams;

/**
 * Turns the catalog into pages: it words and formats everything in the page's language, builds what
 * previews and search engines read, and renders the jte templates ({@code src/main/jte}, compiled
 * to Java at build time). Plain data in, HTML out: no I/O.
 */
public final class PageRenderer {

  /** Open Graph's picture: the 640 px rendition stays well under WhatsApp's size limit. */
  private static final int PREVIEW_WIDTH = 640;

  private static final int FEATURED = 4;
  private static final int LATEST = 24;
  private static final String WHATSAPP_SHARE = "https://wa.me/?text=";
  private static final String FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php?u=";

  private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
  private final PageTexts texts;
  private final PageAddresses addresses;

  public PageRenderer(PageTexts texts, PageAddresses addresses) {
    this.texts = texts;
    this.addresses = addresses;
  }

  public PageAddresses addresses() {
    return addresses;
  }

  // --- pages -------------------------------------------------------------------------------------

  public String home(
      String lang,
      List<ProductListing> newest,
      List<Cooperative> cooperatives,
      List<Fair> fairsNow) {
    List<CooperativeCard> all = cooperatives.stream().map(c -> cooperativeCard(lang, c)).toList();
    List<CooperativeCard> featured =
        cooperatives.stream()
            .sorted(Comparator.comparing((Cooperative c) -> !c.womenLed()))
            .limit(FEATURED)
            .map(c -> cooperativeCard(lang, c))
            .toList();
    List<PageModels.RegionLink> regions = new ArrayList<>();
    for (Region region : Region.values()) {
      regions.add(
          new PageModels.RegionLink(PageAddresses.region(lang, region), regionName(lang, region)));
    }
    List<ProductCard> latest =
        newest.stream().limit(LATEST).map(listing -> productCard(lang, listing)).toList();
    PageView page =
        view(
            lang,
            "home",
            t(lang, "site.name") + " — " + t(lang, "home.title"),
            t(lang, "site.description"),
            PageAddresses::home,
            null,
            null,
            websiteData(lang));
    List<PageModels.FairBanner> banners =
        fairsNow.stream()
            .map(
                fair ->
                    new PageModels.FairBanner(
                        PageAddresses.fair(lang, fair),
                        Languages.pick(fair.name(), lang),
                        day(lang, fair.endsOn())))
            .toList();
    return render(
        "home.jte",
        Map.of("page", page, "home", new PageModels.Home(banners, featured, regions, latest, all)));
  }

  public String product(String lang, ProductListing listing, Cooperative cooperative) {
    Product product = listing.product();
    String name = Languages.pick(product.name(), lang);
    String coopName = Languages.pick(cooperative.name(), lang);
    String price = price(lang, product.priceCentimes());
    String path = PageAddresses.product(lang, product);
    List<Picture> pictures = product.photos().stream().map(photo -> picture(photo, name)).toList();
    PreviewImage image =
        product.photos().isEmpty() ? null : previewImage(product.photos().get(0), name);
    String description =
        shortened(price + " · " + coopName + " — " + Languages.pick(product.description(), lang));
    PageView page =
        view(
            lang,
            "product",
            name + " — " + coopName + " | " + t(lang, "site.name"),
            description,
            other -> PageAddresses.product(other, product),
            image,
            new Offer(Dirhams.plain(product.priceCentimes()), "MAD"),
            productData(lang, listing, cooperative));
    PageModels.Product model =
        new PageModels.Product(
            product.id().toString(),
            name,
            Languages.pick(product.description(), lang),
            price,
            Units.inLanguage(product.unit(), lang),
            product.inStock(),
            t(lang, "category." + product.category().slug()),
            product.labels(),
            pictures,
            cooperativeCard(lang, cooperative),
            Languages.pick(cooperative.story(), lang),
            PageAddresses.region(lang, cooperative.region()),
            cooperative.verified(),
            new PageModels.Seller(
                Languages.pick(cooperative.name(), lang),
                cooperative.registrationNumber(),
                cooperative.seller().ice(),
                cooperative.seller().taxId(),
                cooperative.seller().returnAddress()),
            sharing(lang, path, name + " — " + price, path + "/label.pdf", t(lang, "print.label")));
    return render("product.jte", Map.of("page", page, "product", model));
  }

  public String cooperative(String lang, Cooperative cooperative, List<ProductListing> products) {
    String name = Languages.pick(cooperative.name(), lang);
    String path = PageAddresses.cooperative(lang, cooperative);
    PreviewImage image =
        products.stream()
            .filter(listing -> !listing.product().photos().isEmpty())
            .findFirst()
            .map(listing -> previewImage(listing.product().photos().get(0), name))
            .orElse(null);
    PageView page =
        view(
            lang,
            "cooperative",
            name + " — " + regionName(lang, cooperative.region()) + " | " + t(lang, "site.name"),
            shortened(Languages.pick(cooperative.story(), lang)),
            other -> PageAddresses.cooperative(other, cooperative),
            image,
            null,
            cooperativeData(lang, cooperative));
    PageModels.Cooperative model =
        new PageModels.Cooperative(
            cooperative.id().toString(),
            name,
            Languages.pick(cooperative.story(), lang),
            regionName(lang, cooperative.region()),
            PageAddresses.region(lang, cooperative.region()),
            Languages.pick(cooperative.city(), lang),
            cooperative.members(),
            cooperative.foundedYear(),
            cooperative.womenLed(),
            products.stream().map(listing -> productCard(lang, listing)).toList(),
            sharing(lang, path, name, path + "/poster.pdf", t(lang, "print.poster")));
    return render("cooperative.jte", Map.of("page", page, "cooperative", model));
  }

  /**
   * A fair's page: when and where, and its exhibitors at their stands with their products, every
   * link tagged with the fair so that what visitors order afterwards counts for it. {@code query},
   * when given, keeps the exhibitors' products whose name holds it. Once the fair has {@code
   * ended}, the page shows what it sold, online and at the stands, as order-service announced it
   * (or, until it has, from its public figures, read by the page's script).
   */
  public String fair(
      String lang,
      Fair fair,
      Map<UUID, Cooperative> exhibitors,
      Map<UUID, List<ProductListing>> productsOf,
      String query,
      boolean ended) {
    String name = Languages.pick(fair.name(), lang);
    String tag = "?src=" + fair.campaignTag();
    String folded = query == null ? null : folded(query);
    List<PageModels.FairExhibitor> stands = new ArrayList<>();
    for (Fair.Exhibitor exhibitor : fair.exhibitors()) {
      Cooperative cooperative = exhibitors.get(exhibitor.cooperativeId());
      if (cooperative == null) {
        continue;
      }
      List<ProductCard> products =
          productsOf.getOrDefault(cooperative.id(), List.of()).stream()
              .filter(
                  listing ->
                      folded == null
                          || listing.product().name().values().stream()
                              .anyMatch(text -> folded(text).contains(folded)))
              .map(listing -> productCard(lang, listing))
              .map(card -> withPath(card, card.path() + tag))
              .toList();
      if (folded != null && products.isEmpty()) {
        continue;
      }
      CooperativeCard card = cooperativeCard(lang, cooperative);
      stands.add(
          new PageModels.FairExhibitor(
              exhibitor.stand(),
              new CooperativeCard(
                  card.path() + tag,
                  card.name(),
                  card.region(),
                  card.city(),
                  card.members(),
                  card.womenLed()),
              products,
              PageAddresses.cooperative(lang, cooperative) + "/poster.pdf?fair=" + fair.slug()));
    }
    String dates = day(lang, fair.startsOn()) + " – " + day(lang, fair.endsOn());
    String venue = Languages.pick(fair.venue(), lang);
    String city = Languages.pick(fair.city(), lang);
    PageView page =
        view(
            lang,
            "fair",
            name + " — " + dates + " | " + t(lang, "site.name"),
            shortened(
                name
                    + " · "
                    + dates
                    + " · "
                    + venue
                    + ", "
                    + city
                    + " · "
                    + fair.exhibitors().size()
                    + " "
                    + t(lang, "fair.exhibitorCount")),
            other -> PageAddresses.fair(other, fair),
            null,
            null,
            fairData(lang, fair, venue, city));
    PageModels.FairPage model =
        new PageModels.FairPage(
            name,
            dates,
            venue,
            city,
            regionName(lang, fair.region()),
            PageAddresses.region(lang, fair.region()),
            fair.openingHours(),
            "geo:0,0?q=" + encoded(venue + ", " + city + ", Maroc"),
            fair.exhibitors().size(),
            stands,
            query == null ? "" : query,
            PageAddresses.fair(lang, fair),
            ended && fair.sold() != null
                ? t(lang, "fair.sold")
                    .replace("{amount}", price(lang, fair.sold().totalCentimes()))
                    .replace("{online}", price(lang, fair.sold().onlineCentimes()))
                    .replace("{stand}", price(lang, fair.sold().standCentimes()))
                : null,
            ended && fair.sold() == null
                ? "/api/orders/public/figures/" + fair.campaignTag()
                : null);
    return render("fair.jte", Map.of("page", page, "fair", model));
  }

  private static ProductCard withPath(ProductCard card, String path) {
    return new ProductCard(
        path,
        card.name(),
        card.cooperativeName(),
        card.price(),
        card.unit(),
        card.womenLed(),
        card.inStock(),
        card.picture());
  }

  /** Lower case without accents or Arabic vowel marks: what a search within a page compares. */
  private static String folded(String text) {
    return Slugs.words(text).replace('-', ' ');
  }

  /** A day as the page's language writes it: "17 avril 2026", "17 أبريل 2026", "17 April 2026". */
  private static String day(String lang, LocalDate day) {
    return DAYS.get(lang).format(day);
  }

  private static final Map<String, DateTimeFormatter> DAYS =
      Map.of(
          "ar",
              DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("ar-MA-u-nu-latn")),
          "fr", DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("fr-MA")),
          "en", DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("en-GB")));

  private JsonObject fairData(String lang, Fair fair, String venue, String city) {
    JsonObject event =
        new JsonObject()
            .put("@type", "Event")
            .put("name", Languages.pick(fair.name(), lang))
            .put("startDate", fair.startsOn().toString())
            .put("endDate", fair.endsOn().toString())
            .put("eventStatus", "https://schema.org/EventScheduled")
            .put("eventAttendanceMode", "https://schema.org/OfflineEventAttendanceMode")
            .put("url", addresses.absolute(PageAddresses.fair(lang, fair)))
            .put(
                "location",
                new JsonObject()
                    .put("@type", "Place")
                    .put("name", venue)
                    .put("address", postalAddress(city, regionName(lang, fair.region()))));
    return graph(
        event,
        breadcrumbs(
            lang,
            List.of(
                Map.entry(
                    regionName(lang, fair.region()), PageAddresses.region(lang, fair.region())),
                Map.entry(Languages.pick(fair.name(), lang), PageAddresses.fair(lang, fair)))));
  }

  public String region(
      String lang, Region region, List<Cooperative> cooperatives, List<ProductListing> products) {
    String name = regionName(lang, region);
    String title = texts.get(lang, "region.title", name);
    PageView page =
        view(
            lang,
            "region",
            title,
            title + " — " + t(lang, "site.description"),
            other -> PageAddresses.region(other, region),
            null,
            null,
            breadcrumbData(lang, List.of(Map.entry(name, PageAddresses.region(lang, region)))));
    PageModels.Region model =
        new PageModels.Region(
            name,
            cooperatives.stream().map(c -> cooperativeCard(lang, c)).toList(),
            products.stream().map(listing -> productCard(lang, listing)).toList());
    return render("region.jte", Map.of("page", page, "region", model));
  }

  /**
   * A page that says what went wrong, with a way on ({@code linkPath}, or the home page); not for
   * search engines, and in no other language than the one asked.
   */
  /** The terms of sale or the privacy notice, current version. */
  public String legal(String lang, LegalTexts.Document document) {
    PageView page =
        view(
            lang,
            "legal",
            document.title() + " | " + t(lang, "site.name"),
            document.title() + " — " + t(lang, "site.description"),
            other -> "/" + other + "/" + document.kind(),
            null,
            null,
            null);
    return render("legal.jte", Map.of("page", page, "document", document));
  }

  public String message(String lang, String kind, String linkPath, String linkText) {
    PageView page =
        new PageView(
            lang,
            texts,
            kind,
            t(lang, kind + ".title") + " | " + t(lang, "site.name"),
            t(lang, kind + ".text"),
            addresses.absolute(PageAddresses.home(lang)),
            List.of(),
            null,
            null,
            "");
    PageModels.Message message =
        new PageModels.Message(
            t(lang, kind + ".title"),
            t(lang, kind + ".text"),
            linkPath == null ? PageAddresses.home(lang) : linkPath,
            linkText == null ? t(lang, "nav.shop") : linkText);
    return render("message.jte", Map.of("page", page, "message", message));
  }

  // --- pieces ------------------------------------------------------------------------------------

  private PageView view(
      String lang,
      String kind,
      String title,
      String description,
      Function<String, String> pathIn,
      PreviewImage image,
      Offer offer,
      JsonObject data) {
    List<Alternate> alternates = new ArrayList<>();
    for (String other : PageTexts.LANGUAGES) {
      String path = pathIn.apply(other);
      alternates.add(new Alternate(other, path, addresses.absolute(path)));
    }
    return new PageView(
        lang,
        texts,
        kind,
        title,
        description,
        addresses.absolute(pathIn.apply(lang)),
        alternates,
        image,
        offer,
        scriptSafe(data));
  }

  private ProductCard productCard(String lang, ProductListing listing) {
    Product product = listing.product();
    String name = Languages.pick(product.name(), lang);
    return new ProductCard(
        PageAddresses.product(lang, product),
        name,
        Languages.pick(listing.cooperativeName(), lang),
        price(lang, product.priceCentimes()),
        Units.inLanguage(product.unit(), lang),
        listing.womenLed(),
        product.inStock(),
        product.photos().isEmpty() ? null : picture(product.photos().get(0), name));
  }

  private CooperativeCard cooperativeCard(String lang, Cooperative cooperative) {
    return new CooperativeCard(
        PageAddresses.cooperative(lang, cooperative),
        Languages.pick(cooperative.name(), lang),
        regionName(lang, cooperative.region()),
        Languages.pick(cooperative.city(), lang),
        cooperative.members(),
        cooperative.womenLed());
  }

  private static Picture picture(Photo photo, String alt) {
    boolean webp = photo.renditions().stream().allMatch(rendition -> rendition.webpKey() != null);
    return new Picture(
        PhotoApi.PATH + photo.renditions().get(0).key(),
        srcset(photo, Photo.Rendition::key),
        webp ? srcset(photo, Photo.Rendition::webpKey) : null,
        photo.width(),
        photo.height(),
        alt);
  }

  private static String srcset(Photo photo, Function<Photo.Rendition, String> key) {
    StringBuilder srcset = new StringBuilder();
    for (Photo.Rendition rendition : photo.renditions()) {
      if (!srcset.isEmpty()) {
        srcset.append(", ");
      }
      srcset.append(PhotoApi.PATH).append(key.apply(rendition)).append(' ');
      srcset.append(rendition.width()).append('w');
    }
    return srcset.toString();
  }

  private PreviewImage previewImage(Photo photo, String alt) {
    Photo.Rendition rendition = photo.atLeast(PREVIEW_WIDTH);
    return new PreviewImage(
        addresses.absolute(PhotoApi.PATH + rendition.key()),
        rendition.width(),
        rendition.height(),
        alt);
  }

  private Sharing sharing(
      String lang, String path, String text, String printPath, String printText) {
    String url = addresses.absolute(path);
    return new Sharing(
        url,
        WHATSAPP_SHARE + encoded(text + " " + url),
        FACEBOOK_SHARE + encoded(url),
        path + "/qr.svg",
        path + "/qr.png",
        printPath,
        printText);
  }

  private String price(String lang, long centimes) {
    return Dirhams.forReader(centimes, lang) + "\u00a0" + CURRENCY.get(lang);
  }

  /** As the web app and the SMS write dirhams (docs/glossary.md). */
  private static final Map<String, String> CURRENCY = Map.of("ar", "درهم", "fr", "DH", "en", "MAD");

  private String regionName(String lang, Region region) {
    return t(lang, "region." + region.slug());
  }

  private String t(String lang, String key) {
    return texts.get(lang, key);
  }

  /** Descriptions for previews: what WhatsApp and search results show of them, about 160. */
  private static String shortened(String text) {
    String oneLine = text.replaceAll("\\s+", " ").trim();
    return oneLine.length() <= 160 ? oneLine : oneLine.substring(0, 159).trim() + "…";
  }

  private static String encoded(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  // --- schema.org --------------------------------------------------------------------------------

  private JsonObject websiteData(String lang) {
    return new JsonObject()
        .put("@context", "https://schema.org")
        .put("@type", "WebSite")
        .put("name", "Tadamon")
        .put("url", addresses.absolute(PageAddresses.home(lang)))
        .put("inLanguage", lang);
  }

  private JsonObject productData(String lang, ProductListing listing, Cooperative cooperative) {
    Product product = listing.product();
    JsonObject seller = organization(lang, cooperative);
    JsonArray images = new JsonArray();
    product
        .photos()
        .forEach(
            photo -> images.add(addresses.absolute(PhotoApi.PATH + photo.atLeast(1280).key())));
    JsonObject productData =
        new JsonObject()
            .put("@type", "Product")
            .put("name", Languages.pick(product.name(), lang))
            .put("description", Languages.pick(product.description(), lang))
            .put("sku", product.id().toString())
            .put("category", t(lang, "category." + product.category().slug()))
            .put("image", images)
            .put(
                "brand",
                new JsonObject().put("@type", "Brand").put("name", seller.getString("name")))
            .put(
                "offers",
                new JsonObject()
                    .put("@type", "Offer")
                    .put("url", addresses.absolute(PageAddresses.product(lang, product)))
                    .put("price", Dirhams.plain(product.priceCentimes()))
                    .put("priceCurrency", "MAD")
                    .put(
                        "availability",
                        product.inStock()
                            ? "https://schema.org/InStock"
                            : "https://schema.org/OutOfStock")
                    .put("seller", seller));
    List<Map.Entry<String, String>> trail = new ArrayList<>(cooperativeTrail(lang, cooperative));
    trail.add(
        Map.entry(Languages.pick(product.name(), lang), PageAddresses.product(lang, product)));
    return graph(productData, breadcrumbs(lang, trail));
  }

  private JsonObject cooperativeData(String lang, Cooperative cooperative) {
    JsonObject organization =
        organization(lang, cooperative)
            .put("description", Languages.pick(cooperative.story(), lang))
            .put("foundingDate", String.valueOf(cooperative.foundedYear()))
            .put(
                "address",
                postalAddress(
                    Languages.pick(cooperative.city(), lang),
                    regionName(lang, cooperative.region())));
    return graph(organization, breadcrumbs(lang, cooperativeTrail(lang, cooperative)));
  }

  /** Home › region › cooperative, as a breadcrumb trail (after home). */
  private List<Map.Entry<String, String>> cooperativeTrail(String lang, Cooperative cooperative) {
    return List.of(
        Map.entry(
            regionName(lang, cooperative.region()),
            PageAddresses.region(lang, cooperative.region())),
        Map.entry(
            Languages.pick(cooperative.name(), lang),
            PageAddresses.cooperative(lang, cooperative)));
  }

  private static JsonObject postalAddress(String city, String region) {
    return new JsonObject()
        .put("@type", "PostalAddress")
        .put("addressLocality", city)
        .put("addressRegion", region)
        .put("addressCountry", "MA");
  }

  private JsonObject organization(String lang, Cooperative cooperative) {
    return new JsonObject()
        .put("@type", "Organization")
        .put("@id", addresses.absolute("/cooperatives/" + cooperative.id()))
        .put("name", Languages.pick(cooperative.name(), lang))
        .put("url", addresses.absolute(PageAddresses.cooperative(lang, cooperative)));
  }

  private JsonObject breadcrumbData(String lang, List<Map.Entry<String, String>> trail) {
    return graph(breadcrumbs(lang, trail));
  }

  /** Home first, then each step of {@code trail} (its name and path). */
  private JsonObject breadcrumbs(String lang, List<Map.Entry<String, String>> trail) {
    JsonArray items = new JsonArray();
    List<Map.Entry<String, String>> all = new ArrayList<>();
    all.add(Map.entry(t(lang, "breadcrumb.home"), PageAddresses.home(lang)));
    all.addAll(trail);
    for (int i = 0; i < all.size(); i++) {
      items.add(
          new JsonObject()
              .put("@type", "ListItem")
              .put("position", i + 1)
              .put("name", all.get(i).getKey())
              .put("item", addresses.absolute(all.get(i).getValue())));
    }
    return new JsonObject().put("@type", "BreadcrumbList").put("itemListElement", items);
  }

  private static JsonObject graph(JsonObject... nodes) {
    JsonArray graph = new JsonArray();
    for (JsonObject node : nodes) {
      graph.add(node);
    }
    return new JsonObject().put("@context", "https://schema.org").put("@graph", graph);
  }

  /**
   * JSON inside a script element ends at the first {@code </script>}: every {@code <} is written as
   * its JSON escape, which parsers read back as the same text.
   */
  private static String scriptSafe(JsonObject data) {
    return data == null ? "" : data.encode().replace("<", "\\u003c");
  }

  private String render(String template, Map<String, Object> parameters) {
    StringOutput output = new StringOutput(16 * 1024);
    templates.render(template, parameters, output);
    return output.toString();
  }
}
