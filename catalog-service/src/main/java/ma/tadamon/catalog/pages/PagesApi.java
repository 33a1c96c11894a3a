package ma.tadamon.catalog.pages;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import ma.tadamon.catalog.api.FairApi;
import ma.tadamon.catalog.browse.BrowseIndex;
import ma.tadamon.catalog.browse.CooperativeDirectory;
import ma.tadamon.catalog.browse.FairCalendar;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.Languages;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.store.ProductStore;
import ma.tadamon.events.Region;
import ma.tadamon.platform.domain.CampaignTags;
import ma.tadamon.platform.http.ETags;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.ProblemHandler;
import ma.tadamon.platform.http.ReaderLanguage;
import ma.tadamon.platform.http.SecurityHeaders;

/**
 * The pages people share and search engines read: {@code /{lang}/}, {@code
 * /{lang}/products/{slug}}, {@code /{lang}/cooperatives/{slug}}, {@code /{lang}/regions/{region}},
 * their QR codes, {@code /sitemap.xml} and {@code /robots.txt}. Served from the catalog's in-memory
 * copies through {@link PageCache}; a page whose address has moved answers 301, a withdrawn product
 * 410 with a link to its cooperative, anything unknown a 404 page, never a 5xx of ours.
 */
public final class PagesApi {

  /** The cookie the web app sets when a person picks a language: {@code /} honours it first. */
  public static final String LANGUAGE_COOKIE = "tadamon_lang";

  private static final Pattern PAGE_PATH = Pattern.compile("/(?!api/)[^/]{1,40}/.*");
  private static final int MAX_QUERY_LENGTH = 1024;
  private static final int REGION_PRODUCTS = 48;
  private static final int MAX_FAIR_QUERY = 100;
  private static final String DEFAULT_LANGUAGE = "fr";
  private static final String PAGE_CACHE_CONTROL = "public, max-age=5, stale-while-revalidate=30";

  private final Vertx vertx;
  private final PageRenderer renderer;
  private final PageAddresses addresses;
  private final Sitemaps sitemaps;
  private final BrowseIndex index;
  private final CooperativeDirectory directory;
  private final FairCalendar calendar;
  private final ProductStore products;
  private final PageCache cache;
  private final PrintedMaterial printed;
  private final Clock clock;
  private final LegalTexts legal = new LegalTexts();

  public PagesApi(
      Vertx vertx,
      PageRenderer renderer,
      PrintedMaterial printed,
      Sitemaps sitemaps,
      BrowseIndex index,
      CooperativeDirectory directory,
      FairCalendar calendar,
      ProductStore products,
      PageCache cache,
      Clock clock) {
    this.vertx = vertx;
    this.renderer = renderer;
    this.printed = printed;
    this.addresses = renderer.addresses();
    this.sitemaps = sitemaps;
    this.index = index;
    this.directory = directory;
    this.calendar = calendar;
    this.products = products;
    this.cache = cache;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/").handler(this::chooseLanguage);
    router.get("/robots.txt").handler(this::robots);
    router.get("/sitemap.xml").handler(this::sitemapIndex);
    router.get("/sitemaps/:file").handler(this::sitemap);
    router.get("/c/:slug").handler(this::shortCooperativeLink);
    router.get("/p/:id").handler(this::shortProductLink);
    router
        .getWithRegex("/(ar|fr|en)")
        .handler(ctx -> redirect(ctx, 301, ctx.request().path() + "/"));
    router.get("/:lang/").handler(this::home);
    router.get("/:lang/products/:slug").handler(this::product);
    router.get("/:lang/products/:slug/qr.svg").handler(ctx -> productQr(ctx, false));
    router.get("/:lang/products/:slug/qr.png").handler(ctx -> productQr(ctx, true));
    router.get("/:lang/products/:slug/label.pdf").handler(this::label);
    router.get("/:lang/cooperatives/:slug").handler(this::cooperative);
    router.get("/:lang/cooperatives/:slug/qr.svg").handler(ctx -> cooperativeQr(ctx, false));
    router.get("/:lang/cooperatives/:slug/qr.png").handler(ctx -> cooperativeQr(ctx, true));
    router.get("/:lang/cooperatives/:slug/poster.pdf").handler(this::poster);
    router.get("/:lang/regions/:region").handler(this::region);
    router.get("/:lang/terms").handler(ctx -> legal(ctx, "terms"));
    router.get("/:lang/privacy").handler(ctx -> legal(ctx, "privacy"));
    router.get("/api/catalog/legal").handler(this::legalVersions);
    router.get("/:lang/fairs/:slug").handler(this::fair);
    ProblemHandler.answerPagesWith(router, new Failures());
  }

  // --- choosing the language ---------------------------------------------------------------------

  /** The remembered choice, then the browser's languages, then French. */
  private void chooseLanguage(RoutingContext ctx) {
    Cookie remembered = ctx.request().getCookie(LANGUAGE_COOKIE);
    String lang =
        remembered != null && PageTexts.LANGUAGES.contains(remembered.getValue())
            ? remembered.getValue()
            : ReaderLanguage.asked(ctx).orElse(DEFAULT_LANGUAGE);
    ctx.response()
        .putHeader(HttpHeaders.VARY, "Accept-Language, Cookie")
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache");
    // The query goes along: the card gateway's and the sign-in's returns land on "/?…".
    redirect(ctx, 302, "/" + lang + "/");
  }

  private void shortCooperativeLink(RoutingContext ctx) {
    Cooperative cooperative =
        directory
            .bySlug(ctx.pathParam("slug"))
            .orElseThrow(() -> ProblemException.notFound("This cooperative"));
    String lang = ReaderLanguage.asked(ctx).orElse(DEFAULT_LANGUAGE);
    ctx.response().putHeader(HttpHeaders.VARY, "Accept-Language");
    redirect(ctx, 302, PageAddresses.cooperative(lang, cooperative));
  }

  /** A product's short address, printed on its label: {@code /p/{id}}, in the reader's language. */
  private void shortProductLink(RoutingContext ctx) {
    ProductListing listing =
        Slugs.idIn(ctx.pathParam("id"))
            .flatMap(index::find)
            .orElseThrow(() -> ProblemException.notFound("This product"));
    String lang = ReaderLanguage.asked(ctx).orElse(DEFAULT_LANGUAGE);
    ctx.response().putHeader(HttpHeaders.VARY, "Accept-Language");
    redirect(ctx, 302, PageAddresses.product(lang, listing.product()));
  }

  // --- pages -------------------------------------------------------------------------------------

  private void home(RoutingContext ctx) {
    String lang = language(ctx);
    LocalDate today = today();
    send(
        ctx,
        cache.get(
            "home:" + lang,
            new Object[] {
              index.version(), directory.version(), calendar.version(), today.toString()
            },
            () -> renderer.home(lang, index.newest(), directory.all(), calendar.openOn(today))));
  }

  private LocalDate today() {
    return LocalDate.now(clock.withZone(FairApi.MOROCCO));
  }

  private void fair(RoutingContext ctx) {
    String lang = language(ctx);
    Fair fair =
        calendar
            .bySlug(ctx.pathParam("slug"))
            .orElseThrow(() -> ProblemException.notFound("This fair"));
    String query = ctx.request().getParam("q");
    if (query != null && query.length() > MAX_FAIR_QUERY) {
      throw ProblemException.badRequest("'q' must be at most " + MAX_FAIR_QUERY + " characters.");
    }
    boolean ended = fair.endedBefore(today());
    if (query != null && !query.isBlank()) {
      // A visitor's own search: rendered for her, not kept.
      send(ctx, PageCache.page(renderFair(lang, fair, query.trim(), ended)));
      return;
    }
    send(
        ctx,
        cache.get(
            "fair:" + lang + ":" + fair.slug() + (ended ? ":ended" : ""),
            new Object[] {calendar.version(), index.version(), directory.version()},
            () -> renderFair(lang, fair, null, ended)));
  }

  /** The fair's exhibitors and their products gathered only when the page is rendered. */
  private String renderFair(String lang, Fair fair, String query, boolean ended) {
    Map<UUID, Cooperative> exhibitors = new HashMap<>();
    fair.exhibitors()
        .forEach(
            exhibitor ->
                directory
                    .find(exhibitor.cooperativeId())
                    .ifPresent(coop -> exhibitors.put(coop.id(), coop)));
    Map<UUID, List<ProductListing>> productsOf = new HashMap<>();
    index.newest().stream()
        .filter(listing -> exhibitors.containsKey(listing.product().cooperativeId()))
        .forEach(
            listing ->
                productsOf
                    .computeIfAbsent(listing.product().cooperativeId(), id -> new ArrayList<>())
                    .add(listing));
    return renderer.fair(lang, fair, exhibitors, productsOf, query, ended);
  }

  private void product(RoutingContext ctx) {
    String lang = language(ctx);
    String slug = ctx.pathParam("slug");
    UUID id = Slugs.idIn(slug).orElseThrow(() -> ProblemException.notFound("This product"));
    Optional<ProductListing> onSale = index.find(id);
    Optional<Cooperative> cooperative =
        onSale.flatMap(listing -> directory.find(listing.product().cooperativeId()));
    if (onSale.isPresent() && cooperative.isPresent()) {
      showProduct(ctx, lang, slug, onSale.get(), cooperative.get());
      return;
    }
    // Not on sale: withdrawn, of a cooperative no longer verified, just created, or never was.
    products
        .find(id)
        .onSuccess(
            found -> {
              Optional<Cooperative> owner =
                  found.flatMap(listing -> directory.find(listing.product().cooperativeId()));
              if (found.isEmpty() || owner.isEmpty()) {
                ctx.fail(ProblemException.notFound("This product"));
              } else if (!found.get().product().active()) {
                gone(ctx, lang, owner.get());
              } else {
                showProduct(ctx, lang, slug, found.get(), owner.get());
              }
            })
        .onFailure(ctx::fail);
  }

  private void showProduct(
      RoutingContext ctx,
      String lang,
      String slug,
      ProductListing listing,
      Cooperative cooperative) {
    String current =
        Slugs.of(Languages.pick(listing.product().name(), lang), listing.product().id());
    if (!current.equals(slug)) {
      redirect(ctx, 301, PageAddresses.product(lang, listing.product()));
      return;
    }
    send(
        ctx,
        cache.get(
            "product:" + lang + ":" + listing.product().id(),
            new Object[] {listing, cooperative},
            () -> renderer.product(lang, listing, cooperative)));
  }

  private void gone(RoutingContext ctx, String lang, Cooperative cooperative) {
    String html =
        renderer.message(
            lang,
            "gone",
            PageAddresses.cooperative(lang, cooperative),
            Languages.pick(cooperative.name(), lang));
    SecurityHeaders.apply(ctx.response())
        .setStatusCode(410)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, PAGE_CACHE_CONTROL)
        .end(html);
  }

  private void cooperative(RoutingContext ctx) {
    String lang = language(ctx);
    String slug = ctx.pathParam("slug");
    Cooperative cooperative = cooperativeIn(slug);
    String current = Slugs.of(Languages.pick(cooperative.name(), lang), cooperative.id());
    if (!current.equals(slug)) {
      redirect(ctx, 301, PageAddresses.cooperative(lang, cooperative));
      return;
    }
    send(
        ctx,
        cache.get(
            "cooperative:" + lang + ":" + cooperative.id(),
            new Object[] {cooperative, index.version()},
            () -> renderer.cooperative(lang, cooperative, productsOf(cooperative.id()))));
  }

  private Cooperative cooperativeIn(String slug) {
    return Slugs.idIn(slug)
        .flatMap(directory::find)
        .orElseThrow(() -> ProblemException.notFound("This cooperative"));
  }

  private List<ProductListing> productsOf(UUID cooperative) {
    return index.newest().stream()
        .filter(listing -> listing.product().cooperativeId().equals(cooperative))
        .toList();
  }

  private void region(RoutingContext ctx) {
    String lang = language(ctx);
    Region region =
        Region.fromSlug(ctx.pathParam("region"))
            .orElseThrow(() -> ProblemException.notFound("This region"));
    send(
        ctx,
        cache.get(
            "region:" + lang + ":" + region.slug(),
            new Object[] {index.version(), directory.version()},
            () ->
                renderer.region(
                    lang,
                    region,
                    directory.all().stream().filter(c -> c.region() == region).toList(),
                    index.newest().stream()
                        .filter(listing -> listing.region() == region)
                        .limit(REGION_PRODUCTS)
                        .toList())));
  }

  /** The terms of sale or the privacy notice, as they stand today. */
  private void legal(RoutingContext ctx, String kind) {
    String lang = language(ctx);
    send(
        ctx,
        cache.get(
            "legal:" + kind + ":" + lang,
            new Object[] {LegalTexts.CURRENT.get(kind)},
            () -> renderer.legal(lang, legal.current(kind, lang))));
  }

  /**
   * The current versions, which the checkout shows with their links and sends with the order, so
   * the order records what its shopper accepted.
   */
  private void legalVersions(RoutingContext ctx) {
    JsonObject versions = new JsonObject();
    LegalTexts.CURRENT.forEach(
        (kind, version) -> {
          JsonObject paths = new JsonObject();
          PageTexts.LANGUAGES.forEach(lang -> paths.put(lang, "/" + lang + "/" + kind));
          versions.put(kind, new JsonObject().put("version", version).put("paths", paths));
        });
    JsonResponses.send(ctx, 200, versions);
  }

  // --- QR codes ----------------------------------------------------------------------------------

  private void productQr(RoutingContext ctx, boolean png) {
    String lang = language(ctx);
    ProductListing listing =
        Slugs.idIn(ctx.pathParam("slug"))
            .flatMap(index::find)
            .orElseThrow(() -> ProblemException.notFound("This product"));
    qr(ctx, png, PageAddresses.product(lang, listing.product()));
  }

  private void cooperativeQr(RoutingContext ctx, boolean png) {
    String lang = language(ctx);
    qr(ctx, png, PageAddresses.cooperative(lang, cooperativeIn(ctx.pathParam("slug"))));
  }

  /** The page's absolute address, with its campaign tag when asked: {@code ?src=fair-tetouan}. */
  private void qr(RoutingContext ctx, boolean png, String path) {
    String url = addresses.absolute(shortLink(path, campaign(ctx)));
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400");
    if (!png) {
      ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "image/svg+xml").end(QrCodes.svg(url));
      return;
    }
    vertx
        .executeBlocking(() -> QrCodes.png(url), false)
        .onSuccess(
            bytes ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "image/png")
                    .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  // --- printed material --------------------------------------------------------------------------

  /**
   * A cooperative's A4 stand poster (Arabic and French): its QR code and short address lead to its
   * page in the visitor's own language, tagged with {@code ?src=} when asked (a fair).
   */
  private void poster(RoutingContext ctx) {
    language(ctx);
    Cooperative cooperative = cooperativeIn(ctx.pathParam("slug"));
    Optional<Fair> fair =
        Optional.ofNullable(ctx.request().getParam("fair"))
            .map(
                slug ->
                    calendar
                        .bySlug(slug)
                        .filter(found -> found.exhibitor(cooperative.id()).isPresent())
                        .orElseThrow(() -> ProblemException.notFound("This fair's stand")));
    Optional<String> tag = fair.map(Fair::campaignTag).or(() -> campaign(ctx));
    String link = shortLink("/c/" + cooperative.slug(), tag);
    Optional<PrintedMaterial.Stand> stand =
        fair.map(
            found ->
                new PrintedMaterial.Stand(
                    found, found.exhibitor(cooperative.id()).orElseThrow().stand()));
    sendPdf(
        ctx,
        "poster-" + cooperative.slug() + fair.map(found -> "-" + found.slug()).orElse("") + ".pdf",
        () -> printed.poster(cooperative, stand, addresses.absolute(link), withoutScheme(link)));
  }

  /** A product's A6 label (Arabic and French), with its price, QR code and short address. */
  private void label(RoutingContext ctx) {
    language(ctx);
    ProductListing listing =
        Slugs.idIn(ctx.pathParam("slug"))
            .flatMap(index::find)
            .orElseThrow(() -> ProblemException.notFound("This product"));
    Cooperative cooperative =
        directory
            .find(listing.product().cooperativeId())
            .orElseThrow(() -> ProblemException.notFound("This product"));
    String link =
        shortLink("/p/" + listing.product().id().toString().replace("-", ""), campaign(ctx));
    sendPdf(
        ctx,
        "label-" + listing.product().id() + ".pdf",
        () ->
            printed.label(
                listing.product(), cooperative, addresses.absolute(link), withoutScheme(link)));
  }

  private static String shortLink(String path, Optional<String> campaign) {
    return campaign.map(tag -> path + "?src=" + tag).orElse(path);
  }

  /** What a person types: {@code tadamon.ma/c/tifaouine}, without the scheme. */
  private String withoutScheme(String link) {
    return addresses.absolute(link).replaceFirst("^https?://", "");
  }

  private void sendPdf(RoutingContext ctx, String filename, Supplier<byte[]> pdf) {
    vertx
        .executeBlocking(pdf::get, false)
        .onSuccess(
            bytes ->
                ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/pdf")
                    .putHeader("Content-Disposition", "inline; filename=\"" + filename + "\"")
                    .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=300")
                    .end(Buffer.buffer(bytes)))
        .onFailure(ctx::fail);
  }

  // --- for search engines ------------------------------------------------------------------------

  private void robots(RoutingContext ctx) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600")
        .end(sitemaps.robots());
  }

  private void sitemapIndex(RoutingContext ctx) {
    sendXml(
        ctx,
        cache.get(
            "sitemap",
            new Object[] {index.version(), directory.version(), calendar.version()},
            () -> sitemaps.index(index.size())));
  }

  private void sitemap(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    if (!sitemaps.exists(file, index.size())) {
      throw ProblemException.notFound("This sitemap");
    }
    sendXml(
        ctx,
        cache.get(
            "sitemap:" + file,
            new Object[] {index.version(), directory.version(), calendar.version()},
            () -> sitemaps.file(file, index.newest(), directory.all(), calendar.all())));
  }

  // --- answering ---------------------------------------------------------------------------------

  /** The campaign tag asked for printed material and QR codes, checked. */
  private static Optional<String> campaign(RoutingContext ctx) {
    String source = ctx.request().getParam("src");
    if (source != null && !CampaignTags.valid(source)) {
      throw ProblemException.badRequest("'src' must be " + CampaignTags.RULE + ".");
    }
    return Optional.ofNullable(source);
  }

  /** The page's language from its path: one of ours, or the page does not exist. */
  private static String language(RoutingContext ctx) {
    String lang = ctx.pathParam("lang");
    if (!PageTexts.LANGUAGES.contains(lang)) {
      throw ProblemException.notFound("This page");
    }
    if (ctx.request().query() != null && ctx.request().query().length() > MAX_QUERY_LENGTH) {
      throw ProblemException.badRequest("The address is too long.");
    }
    return lang;
  }

  private static void send(RoutingContext ctx, PageCache.Page page) {
    ctx.response()
        .putHeader(HttpHeaders.CACHE_CONTROL, PAGE_CACHE_CONTROL)
        .putHeader(HttpHeaders.ETAG, page.etag())
        .putHeader(HttpHeaders.VARY, "Accept-Encoding");
    if (ETags.matches(ctx, page.etag())) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    SecurityHeaders.apply(ctx.response())
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .end(page.body());
  }

  private static void sendXml(RoutingContext ctx, PageCache.Page page) {
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/xml; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=600")
        .putHeader(HttpHeaders.ETAG, page.etag());
    if (ETags.matches(ctx, page.etag())) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().end(page.body());
  }

  /** A redirect that keeps the query (a campaign tag, a gateway's or sign-in's return). */
  private static void redirect(RoutingContext ctx, int status, String path) {
    String query = ctx.request().query();
    ctx.response()
        .setStatusCode(status)
        .putHeader(
            HttpHeaders.LOCATION, query == null || query.isEmpty() ? path : path + "?" + query)
        .end();
  }

  /** Failures of page requests, answered as pages in the page's (or the reader's) language. */
  private final class Failures implements ProblemHandler.PageFailures {

    @Override
    public boolean covers(HttpServerRequest request) {
      String path = request.path();
      return path.equals("/")
          || path.startsWith("/c/")
          || path.startsWith("/p/")
          || PAGE_PATH.matcher(path).matches();
    }

    @Override
    public void answer(RoutingContext ctx, Problem problem) {
      String first =
          ctx.request().path().split("/", 3).length > 1
              ? ctx.request().path().split("/", 3)[1]
              : "";
      String lang =
          PageTexts.LANGUAGES.contains(first)
              ? first
              : ReaderLanguage.asked(ctx).orElse(DEFAULT_LANGUAGE);
      String kind =
          switch (problem.status()) {
            case 404 -> "notfound";
            case 400, 405, 414 -> "badrequest";
            default -> problem.status() >= 500 ? "unavailable" : "badrequest";
          };
      SecurityHeaders.apply(ctx.response())
          .setStatusCode(problem.status())
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
          .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
          .end(renderer.message(lang, kind, null, null));
    }
  }
}
