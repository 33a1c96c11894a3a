package ma.tadamon.catalog;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import ma.tadamon.catalog.pages.PageTexts;
import ma.tadamon.catalog.photos.TestPhotos;
import ma.tadamon.events.order.FairFiguresPublished;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.testing.TestPlatform;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pages people share and search engines read, fetched as a crawler or a link preview does
 * (plain HTTP, no script): complete in each language, with previews and schema.org data, kept in
 * step with the catalog, at addresses that stay valid when a product is renamed or withdrawn.
 */
@ExtendWith(VertxExtension.class)
class SharedPagesTest {

  private static final String ORIGIN = "https://tadamon.invalid";
  private static final Pattern JSON_LD =
      Pattern.compile("<script type=\"application/ld\\+json\">(.*?)</script>", Pattern.DOTALL);

  private static CatalogUnderTest catalog;
  private static WebClient http;
  private static Vertx vertx;

  @BeforeAll
  static void startCatalog(Vertx testVertx) {
    vertx = testVertx;
    Settings settings =
        TestPlatform.settingsWithOwnDatabase("catalog_pages")
            .with(Map.of("PUBLIC_BASE_URL", ORIGIN, "SITEMAP_PRODUCTS_PER_FILE", "2"));
    catalog = CatalogUnderTest.start(vertx, settings);
    http = catalog.http();
  }

  @AfterAll
  static void stopCatalog() {
    catalog.stop();
  }

  @Test
  void
      a_product_page_is_complete_without_script_and_tells_previews_and_search_engines_what_it_sells() {
    String coop = registeredAndVerified();
    UUID product = createProduct(coop, 24_050);
    assertThat(
            upload(
                    "/api/catalog/products/" + product + "/photos",
                    cooperative(coop),
                    TestPhotos.cameraJpeg(1600, 1200))
                .statusCode())
        .isEqualTo(201);
    String path = pagePath(product, "fr");

    HttpResponse<Buffer> page = awaitPage(path, html -> html.contains("og:image"));
    String html = page.bodyAsString();

    assertThat(page.getHeader("Content-Type")).isEqualTo("text/html; charset=utf-8");
    assertThat(path).startsWith("/fr/products/dattes-mejhoul-" + hex(product));
    assertThat(html)
        .contains("<html lang=\"fr\" dir=\"ltr\">")
        .contains("<h1>Dattes Mejhoul</h1>")
        .contains("240,50\u00a0DH")
        .contains("TTC")
        .contains("En stock")
        .contains("Des femmes de Rissani trient les dattes Mejhoul.")
        .contains("IGP Dattes Mejhoul de Tafilalet")
        .contains("Coopérative de femmes")
        .contains("Coopérative vérifiée")
        .contains("<link rel=\"canonical\" href=\"" + ORIGIN + path + "\">")
        .contains("hreflang=\"ar\" href=\"" + ORIGIN + pagePath(product, "ar") + "\"")
        .contains("hreflang=\"en\" href=\"" + ORIGIN + "/en/products/mejhoul-dates-")
        .contains("<meta property=\"og:title\" content=\"Dattes Mejhoul")
        .contains("<meta property=\"product:price:amount\" content=\"240.50\">")
        .contains("<meta property=\"product:price:currency\" content=\"MAD\">")
        .contains("<meta name=\"twitter:card\" content=\"summary_large_image\">")
        .contains("https://wa.me/?text=")
        .contains(path + "/qr.svg")
        // Who sells, before any order, as the law asks: identifiers, return address, withdrawal.
        .contains("<section class=\"seller\" id=\"seller\">")
        .contains("001525367000042")
        .contains("Coopérative Oasis Tafilalet, Ksar Tinrheras, Rissani")
        .contains("7 jours après réception");
    assertThat(metaContent(html, "og:image")).startsWith(ORIGIN + "/api/catalog/photos/");
    assertThat(metaContent(html, "og:image:width")).isEqualTo("640");

    JsonArray graph = jsonLd(html).getJsonArray("@graph");
    JsonObject productData = graph.getJsonObject(0);
    assertThat(productData.getString("@type")).isEqualTo("Product");
    assertThat(productData.getString("name")).isEqualTo("Dattes Mejhoul");
    JsonObject offer = productData.getJsonObject("offers");
    assertThat(offer.getString("price")).isEqualTo("240.50");
    assertThat(offer.getString("priceCurrency")).isEqualTo("MAD");
    assertThat(offer.getString("availability")).isEqualTo("https://schema.org/InStock");
    assertThat(offer.getJsonObject("seller").getString("@type")).isEqualTo("Organization");
    assertThat(productData.getJsonArray("image").getString(0)).startsWith(ORIGIN);
    JsonObject breadcrumbs = graph.getJsonObject(1);
    assertThat(breadcrumbs.getString("@type")).isEqualTo("BreadcrumbList");
    assertThat(breadcrumbs.getJsonArray("itemListElement")).hasSize(4);

    // Each photo rendition the page names is served.
    Matcher photo = Pattern.compile("src=\"(/api/catalog/photos/[^\"]+)\"").matcher(html);
    assertThat(photo.find()).isTrue();
    assertThat(get(photo.group(1)).statusCode()).isEqualTo(200);

    // Revalidation: the same page, the same ETag, and a 304 without a body.
    HttpResponse<Buffer> revalidated =
        await(http.get(path).putHeader("If-None-Match", page.getHeader("ETag")).send(), 10);
    assertThat(revalidated.statusCode()).isEqualTo(304);
    assertThat(html.getBytes(StandardCharsets.UTF_8).length)
        .as("a product page without its photos")
        .isLessThan(150_000);
  }

  @Test
  void the_terms_and_the_privacy_notice_have_their_pages_and_their_versions() {
    HttpResponse<Buffer> terms = get("/ar/terms");
    assertThat(terms.statusCode()).isEqualTo(200);
    assertThat(terms.bodyAsString())
        .contains("<html lang=\"ar\" dir=\"rtl\">")
        .contains("<h1>الشروط العامة للبيع</h1>")
        .contains("data-version=\"2026-12-01\"")
        .contains("7 أيام من تاريخ الاستلام")
        .contains("15 يوما");
    assertThat(get("/fr/privacy").bodyAsString())
        .contains("Notice de confidentialité")
        .contains("loi 09-08")
        .contains("hreflang=\"en\" href=\"" + ORIGIN + "/en/privacy\"");
    assertThat(get("/zz/terms").statusCode()).isEqualTo(404);
    JsonObject versions = get("/api/catalog/legal").bodyAsJsonObject();
    assertThat(versions.getJsonObject("terms").getString("version")).isEqualTo("2026-12-01");
    assertThat(versions.getJsonObject("privacy").getJsonObject("paths").getString("ar"))
        .isEqualTo("/ar/privacy");
  }

  @Test
  void the_arabic_page_reads_right_to_left_in_arabic_words() {
    String coop = registeredAndVerified();
    UUID product = createProduct(coop, 9_000);
    String path = pagePath(product, "ar");

    String html = awaitPage(path, page -> true).bodyAsString();

    assertThat(URLDecoder.decode(path, StandardCharsets.UTF_8))
        .startsWith("/ar/products/تمر-المجهول-" + hex(product));
    assertThat(html)
        .contains("<html lang=\"ar\" dir=\"rtl\">")
        .contains("<h1>تمر المجهول</h1>")
        .contains("90\u00a0درهم")
        .contains("500 غ")
        .contains("تعاونية نسائية")
        .contains("الريصاني")
        .contains("عنوان الإرجاع")
        .contains("7 أيام من الاستلام");
  }

  @Test
  void a_price_change_shows_on_the_page_within_seconds() {
    String coop = registeredAndVerified();
    UUID product = createProduct(coop, 12_000);
    String path = pagePath(product, "en");
    String before = awaitPage(path, html -> html.contains("120\u00a0MAD")).getHeader("ETag");

    HttpResponse<Buffer> changed =
        put(
            "/api/catalog/products/" + product,
            cooperative(coop),
            productJson(coop, product, 13_500, "Mejhoul dates"));
    assertThat(changed.statusCode()).as(changed.bodyAsString()).isEqualTo(200);

    HttpResponse<Buffer> after = awaitPage(path, html -> html.contains("135\u00a0MAD"));
    assertThat(after.getHeader("ETag")).isNotEqualTo(before);
    assertThat(after.bodyAsString()).doesNotContain("120\u00a0MAD");
  }

  @Test
  void a_renamed_product_keeps_its_links_and_a_withdrawn_one_points_to_its_cooperative() {
    String coop = registeredAndVerified();
    UUID product = createProduct(coop, 5_000);
    String oldPath = pagePath(product, "en");
    awaitPage(oldPath, html -> true);

    put(
        "/api/catalog/products/" + product,
        cooperative(coop),
        productJson(coop, product, 5_000, "Medjool dates, extra large"));
    String newPath = "/en/products/medjool-dates-extra-large-" + hex(product);
    HttpResponse<Buffer> moved =
        awaitResponse(oldPath + "?src=fair-tetouan", response -> response.statusCode() == 301);
    assertThat(moved.getHeader("Location")).isEqualTo(newPath + "?src=fair-tetouan");
    assertThat(get(newPath).statusCode()).isEqualTo(200);

    assertThat(
            await(
                    http.delete("/api/catalog/products/" + product)
                        .bearerTokenAuthentication(cooperative(coop))
                        .send(),
                    10)
                .statusCode())
        .isEqualTo(200);
    HttpResponse<Buffer> gone = awaitResponse(newPath, response -> response.statusCode() == 410);
    assertThat(gone.bodyAsString())
        .contains("This product is no longer on sale")
        .contains("href=\"/en/cooperatives/tafilalet-oasis-cooperative-" + coop.replace("-", ""));
  }

  @Test
  void cooperative_region_and_home_pages_list_what_is_on_sale() {
    String coop = registeredAndVerified();
    UUID product = createProduct(coop, 7_700);
    String productPath = pagePath(product, "fr");
    String coopPath = "/fr/cooperatives/cooperative-oasis-tafilalet-" + coop.replace("-", "");

    String coopPage = awaitPage(coopPath, html -> html.contains(productPath)).bodyAsString();
    assertThat(coopPage)
        .contains("<h1>Coopérative Oasis Tafilalet")
        .contains("Des femmes de Rissani trient les dattes Mejhoul.")
        .contains("24 membres")
        .contains("fondée en 2011");
    assertThat(jsonLd(coopPage).getJsonArray("@graph").getJsonObject(0).getString("@type"))
        .isEqualTo("Organization");
    assertThat(
            awaitPage("/fr/regions/draa-tafilalet", html -> html.contains(productPath))
                .bodyAsString())
        .contains("Drâa-Tafilalet")
        .contains(coopPath);
    assertThat(awaitPage("/fr/", html -> html.contains(productPath)).bodyAsString())
        .contains("href=\"/fr/regions/souss-massa\"");
    assertThat(get("/c/" + slugOf(coop)).getHeader("Location")).isEqualTo(coopPath);
  }

  @Test
  void the_root_chooses_the_language_remembered_then_asked_then_french() {
    assertThat(root(Map.of("Accept-Language", "ar-MA,ar;q=0.9,fr;q=0.8")).getHeader("Location"))
        .isEqualTo("/ar/");
    assertThat(root(Map.of("Accept-Language", "de-DE,en;q=0.7")).getHeader("Location"))
        .isEqualTo("/en/");
    assertThat(root(Map.of()).getHeader("Location")).isEqualTo("/fr/");
    assertThat(
            root(Map.of("Accept-Language", "ar", "Cookie", "tadamon_lang=en"))
                .getHeader("Location"))
        .as("the person's own choice first")
        .isEqualTo("/en/");
    HttpResponse<Buffer> back =
        await(http.get("/?order=42&payment=approved").followRedirects(false).send(), 10);
    assertThat(back.getHeader("Location"))
        .as("a gateway's return")
        .isEqualTo("/fr/?order=42&payment=approved");
    assertThat(get("/en").getHeader("Location")).isEqualTo("/en/");
  }

  @Test
  void bad_addresses_get_pages_in_4xx_never_5xx() {
    for (String path :
        List.of(
            "/de/products/x",
            "/fr/products/nothing-here",
            "/fr/products/x-" + hex(UUID.randomUUID()),
            "/fr/products/x-zz" + hex(UUID.randomUUID()).substring(2),
            "/fr/cooperatives/" + "a".repeat(300),
            "/fr/regions/atlantis",
            "/ar/cooperatives/x-" + hex(UUID.randomUUID()) + "/qr.png",
            "/sitemaps/products-999.xml",
            "/c/nobody")) {
      HttpResponse<Buffer> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(response.getHeader("Content-Type")).as(path).startsWith("text/html");
    }
    HttpResponse<Buffer> longQuery = get("/fr/?q=" + "a".repeat(2_000));
    assertThat(longQuery.statusCode()).isEqualTo(400);
    assertThat(longQuery.bodyAsString()).contains("Adresse invalide");
    assertThat(get("/fr/?q=%zz").statusCode()).isEqualTo(400);
    // Not even a path: refused by the HTTP server itself, before any route.
    assertThat(get("/fr/products/%ZZ").statusCode()).isEqualTo(400);
    assertThat(get("/fr/?x=" + "a".repeat(10_000)).statusCode()).isBetween(400, 499);
    assertThat(get("/api/catalog/nothing").getHeader("Content-Type"))
        .as("the APIs keep their problem+json")
        .isEqualTo("application/problem+json");
  }

  @Test
  void the_qr_code_decodes_to_the_page_with_its_campaign_tag() throws Exception {
    String coop = registeredAndVerified();
    UUID product = createProduct(coop, 3_000);
    String path = pagePath(product, "ar");
    awaitPage(path, html -> true);

    HttpResponse<Buffer> png = get(path + "/qr.png?src=fair-tetouan");
    assertThat(png.getHeader("Content-Type")).isEqualTo("image/png");
    String decoded = decodeQr(ImageIO.read(new ByteArrayInputStream(png.body().getBytes())));
    assertThat(decoded).isEqualTo(ORIGIN + path + "?src=fair-tetouan");

    HttpResponse<Buffer> svg = get(path + "/qr.svg");
    assertThat(svg.getHeader("Content-Type")).isEqualTo("image/svg+xml");
    assertThat(svg.bodyAsString()).startsWith("<svg").contains("<path");
    assertThat(get(path + "/qr.svg?src=Not%20a%20tag").statusCode()).isEqualTo(400);
  }

  @Test
  void a_stand_poster_and_a_label_print_in_arabic_and_french_with_a_working_qr_code()
      throws Exception {
    String coop = registeredAndVerified();
    UUID product = createProduct(coop, 24_050);
    String productPath = pagePath(product, "fr");
    String coopPath = "/fr/cooperatives/cooperative-oasis-tafilalet-" + coop.replace("-", "");
    awaitPage(coopPath, html -> html.contains(productPath) && html.contains("poster.pdf"));

    HttpResponse<Buffer> poster = get(coopPath + "/poster.pdf?src=fair-tetouan");
    assertThat(poster.getHeader("Content-Type")).isEqualTo("application/pdf");
    try (PDDocument pdf = Loader.loadPDF(poster.body().getBytes())) {
      assertThat(pdf.getNumberOfPages()).isEqualTo(1);
      assertThat(pdf.getPage(0).getMediaBox().getWidth()).isEqualTo(PDRectangle.A4.getWidth());
      String text = new PDFTextStripper().getText(pdf);
      assertThat(text)
          .contains("Coopérative Oasis Tafilalet")
          .contains("Scannez pour commander")
          .contains("tadamon.invalid/c/" + slugOf(coop) + "?src=fair-tetouan");
      // Read back in logical order from the joined forms drawn (PrintedMaterialTest checks those).
      assertThat(text)
          .contains("تعاونية واحة تافيلالت")
          .contains("امسحوا الرمز لتطلبوا طوال السنة")
          .contains("تعاونية نسائية");
      assertThat(qrIn(pdf)).isEqualTo(ORIGIN + "/c/" + slugOf(coop) + "?src=fair-tetouan");
    }

    HttpResponse<Buffer> label = get(productPath + "/label.pdf");
    try (PDDocument pdf = Loader.loadPDF(label.body().getBytes())) {
      assertThat(pdf.getPage(0).getMediaBox().getHeight()).isEqualTo(PDRectangle.A6.getHeight());
      assertThat(new PDFTextStripper().getText(pdf))
          .contains("Dattes Mejhoul")
          .contains("240,50 DH");
      String link = qrIn(pdf);
      assertThat(link).isEqualTo(ORIGIN + "/p/" + hex(product));
      assertThat(get(link.substring(ORIGIN.length())).getHeader("Location")).isEqualTo(productPath);
    }
    assertThat(get(coopPath + "/poster.pdf?src=BAD%20TAG").statusCode()).isEqualTo(400);
  }

  @Test
  void an_operator_announces_a_fair_places_exhibitors_at_stands_and_the_fair_has_its_page()
      throws Exception {
    String oasis = registeredAndVerified();
    String other = registeredAndVerified();
    UUID dates = createProduct(oasis, 9_000);
    String slug = "tetouan-" + UUID.randomUUID().toString().substring(0, 6);
    UUID fair = UUID.randomUUID();
    LocalDate today = LocalDate.now(ZoneId.of("Africa/Casablanca"));
    JsonObject draft =
        new JsonObject()
            .put("slug", slug)
            .put(
                "name",
                new JsonObject()
                    .put("ar", "المعرض الجهوي للاقتصاد الاجتماعي والتضامني")
                    .put("fr", "Salon régional de l'économie sociale et solidaire"))
            .put("region", "tanger-tetouan-al-hoceima")
            .put("city", new JsonObject().put("ar", "تطوان").put("fr", "Tétouan"))
            .put("venue", new JsonObject().put("fr", "Place Moulay El Mehdi"))
            .put("startsOn", today.minusDays(2).toString())
            .put("endsOn", today.plusDays(7).toString())
            .put("openingHours", "10:00–22:00");

    assertThat(put("/api/catalog/fairs/" + fair, operator(), draft).statusCode()).isEqualTo(200);
    assertThat(put("/api/catalog/fairs/" + fair, operator(), draft).statusCode())
        .as("the same form sent again")
        .isEqualTo(200);
    assertThat(put("/api/catalog/fairs/" + UUID.randomUUID(), operator(), draft).statusCode())
        .as("another fair with the same address")
        .isEqualTo(409);
    HttpResponse<Buffer> invalid =
        put(
            "/api/catalog/fairs/" + UUID.randomUUID(),
            operator(),
            draft.copy().put("slug", "Tétouan!").put("endsOn", "2020-01-01").put("region", "mars"));
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(invalid.bodyAsString())
        .contains("\"slug\"")
        .contains("\"endsOn\"")
        .contains("\"region\"");
    assertThat(put("/api/catalog/fairs/" + fair, cooperative(oasis), draft).statusCode())
        .isEqualTo(403);

    String exhibitors = "/api/catalog/fairs/" + fair + "/exhibitors/";
    JsonObject standA12 = new JsonObject().put("stand", "A12");
    assertThat(put(exhibitors + oasis, operator(), standA12).statusCode()).isEqualTo(200);
    assertThat(put(exhibitors + other, operator(), standA12).statusCode())
        .as("a stand holds one cooperative")
        .isEqualTo(409);
    assertThat(
            put(exhibitors + other, operator(), new JsonObject().put("stand", "B3")).statusCode())
        .isEqualTo(200);
    assertThat(put(exhibitors + UUID.randomUUID(), operator(), standA12).statusCode())
        .isEqualTo(422);

    String page = "/fr/fairs/" + slug;
    String html =
        awaitPage(page, body -> body.contains("Stand B3") && body.contains(pagePath(dates, "fr")))
            .bodyAsString();
    assertThat(html)
        .contains("<h1>Salon régional de l'économie sociale et solidaire</h1>")
        .contains("Stand A12")
        .contains("Place Moulay El Mehdi, Tétouan")
        .contains("10:00–22:00")
        .contains(pagePath(dates, "fr") + "?src=fair-" + slug)
        .contains("poster.pdf?fair=" + slug)
        .as("its figures are published once it ended")
        .doesNotContain("data-figures");
    JsonObject event = jsonLd(html).getJsonArray("@graph").getJsonObject(0);
    assertThat(event.getString("@type")).isEqualTo("Event");
    assertThat(event.getString("startDate")).isEqualTo(today.minusDays(2).toString());
    assertThat(get(page + "?q=dattes").bodyAsString())
        .contains("Stand A12")
        .doesNotContain("Stand B3");
    assertThat(get(page + "?q=zzzz").bodyAsString()).contains("Aucun produit des exposants");
    assertThat(awaitPage("/fr/", body -> body.contains(page)).bodyAsString())
        .contains("Au salon en ce moment");
    assertThat(get("/api/catalog/fairs").bodyAsString()).contains(slug).contains("A12");
    // Whether it is open today, and when it ends, are the server's word: browsers' time-zone tables
    // disagree on Morocco's hour.
    JsonObject listed = listedFair(slug);
    assertThat(listed.getBoolean("openToday")).isTrue();
    assertThat(Instant.parse(listed.getString("endedAt")))
        .isEqualTo(today.plusDays(8).atStartOfDay(ZoneId.of("Africa/Casablanca")).toInstant());
    String later = "tetouan-later-" + UUID.randomUUID().toString().substring(0, 6);
    JsonObject nextWeek = sameFairOn(draft, later, today.plusDays(7), today.plusDays(9));
    assertThat(put("/api/catalog/fairs/" + UUID.randomUUID(), operator(), nextWeek).statusCode())
        .isEqualTo(200);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get("/api/catalog/fairs").bodyAsString().contains(later));
    assertThat(listedFair(later).getBoolean("openToday")).isFalse();

    // The stand's poster: the fair, the stand, and a code tagged with the fair.
    String coopPath = "/fr/cooperatives/cooperative-oasis-tafilalet-" + oasis.replace("-", "");
    try (PDDocument pdf =
        Loader.loadPDF(get(coopPath + "/poster.pdf?fair=" + slug).body().getBytes())) {
      assertThat(new PDFTextStripper().getText(pdf))
          .contains("Stand A12")
          .contains("Salon régional de l'économie sociale et solidaire");
      assertThat(qrIn(pdf)).isEqualTo(ORIGIN + "/c/" + slugOf(oasis) + "?src=fair-" + slug);
    }

    assertThat(
            await(http.delete(exhibitors + other).bearerTokenAuthentication(operator()).send(), 10)
                .statusCode())
        .isEqualTo(204);
    awaitPage(page, body -> !body.contains("Stand B3"));
    String otherPath = "/fr/cooperatives/cooperative-oasis-tafilalet-" + other.replace("-", "");
    assertThat(get(otherPath + "/poster.pdf?fair=" + slug).statusCode())
        .as("no longer at the fair")
        .isEqualTo(404);
    assertThat(get("/fr/fairs/nowhere").statusCode()).isEqualTo(404);

    // Last year's fair: its page shows what it sold, from order-service's public figures.
    String lastYear = "tetouan-" + UUID.randomUUID().toString().substring(0, 6);
    JsonObject ended = sameFairOn(draft, lastYear, today.minusDays(370), today.minusDays(360));
    UUID endedId = UUID.randomUUID();
    assertThat(put("/api/catalog/fairs/" + endedId, operator(), ended).statusCode()).isEqualTo(200);
    assertThat(awaitPage("/ar/fairs/" + lastYear, body -> body.contains("<h1>")).bodyAsString())
        .as("until order-service announces them, the page's script reads them")
        .contains("data-figures=\"/api/orders/public/figures/fair-" + lastYear + "\"");
    // Once order-service announces them, they are in the page as served, for every reader and
    // crawler; an older announcement heard late changes nothing.
    Instant now = Instant.now();
    try (OrderEvents orders = new OrderEvents(vertx)) {
      orders.publish(
          new FairFiguresPublished(
              endedId, "fair-" + lastYear, 612_345_600, 12_345_600, 600_000_000, 42, now));
      orders.publish(
          new FairFiguresPublished(
              endedId, "fair-" + lastYear, 100, 100, 0, 1, now.minusSeconds(60)));
    }
    String served =
        awaitPage("/fr/fairs/" + lastYear, body -> body.contains("Le salon a vendu"))
            .bodyAsString();
    assertThat(served)
        .contains("Le salon a vendu 6123456")
        .contains("123456\u00a0DH en ligne et 6000000\u00a0DH aux stands")
        .doesNotContain("data-figures");
    assertThat(
            awaitPage("/ar/fairs/" + lastYear, body -> body.contains("باع المعرض")).bodyAsString())
        .contains("في الأروقة");
  }

  /** What a phone reads from the page's QR code, printed at 200 dpi. */
  private static String qrIn(PDDocument pdf) throws Exception {
    return decodeQr(new PDFRenderer(pdf).renderImageWithDPI(0, 200));
  }

  /**
   * The code's text, as a phone's reader finds it: ZXing's detector alone misses about one clean
   * synthetic code in twenty (measured: 14 of 300), which its pure-barcode mode and its harder
   * search read; a code none of them reads fails the test.
   */
  private static String decodeQr(BufferedImage image) throws Exception {
    int[] pixels =
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    BinaryBitmap bitmap =
        new BinaryBitmap(
            new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)));
    Exception last = null;
    for (Map<DecodeHintType, ?> hints :
        List.<Map<DecodeHintType, ?>>of(
            Map.of(),
            Map.of(DecodeHintType.PURE_BARCODE, true),
            Map.of(DecodeHintType.TRY_HARDER, true))) {
      try {
        return new QRCodeReader().decode(bitmap, hints).getText();
      } catch (Exception e) {
        last = e;
      }
    }
    throw last;
  }

  @Test
  void the_sitemap_names_every_page_in_every_language_split_into_files() {
    String coop = registeredAndVerified();
    List<UUID> products = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      products.add(createProduct(coop, 1_000 + i));
    }
    String lastPath = pagePath(products.get(2), "fr");
    awaitPage(lastPath, html -> true);

    String index = get("/sitemap.xml").bodyAsString();
    assertThat(index).contains("<sitemapindex").contains(ORIGIN + "/sitemaps/pages.xml");
    Matcher files =
        Pattern.compile("<loc>" + Pattern.quote(ORIGIN) + "(/sitemaps/products-\\d+\\.xml)</loc>")
            .matcher(index);
    StringBuilder all = new StringBuilder();
    int count = 0;
    while (files.find()) {
      count++;
      String file = get(files.group(1)).bodyAsString();
      assertThat(file).contains("xmlns:xhtml");
      assertThat(countOf(file, "<url>")).as(files.group(1)).isLessThanOrEqualTo(2 * 3);
      all.append(file);
    }
    assertThat(count).as("two products a file").isGreaterThanOrEqualTo(2);
    for (UUID product : products) {
      assertThat(all)
          .contains(ORIGIN + pagePath(product, "fr"))
          .contains(ORIGIN + pagePath(product, "en"));
    }
    assertThat(get("/sitemaps/pages.xml").bodyAsString())
        .contains(ORIGIN + "/ar/regions/souss-massa")
        .contains("hreflang=\"ar\"");
    String robots = get("/robots.txt").bodyAsString();
    assertThat(robots).contains("Disallow: /api/").contains("Sitemap: " + ORIGIN + "/sitemap.xml");
  }

  @Test
  void every_text_exists_in_arabic_french_and_english() {
    PageTexts texts = PageTexts.load();
    assertThat(texts.keys("ar"))
        .isEqualTo(texts.keys("fr"))
        .isEqualTo(texts.keys("en"))
        .contains("site.name", "gone.title", "region.souss-massa", "category.dates");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private static int countOf(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  private static String hex(UUID id) {
    return id.toString().replace("-", "");
  }

  /** The page's address as the catalog's JSON gives it. */
  private static String pagePath(UUID product, String lang) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              HttpResponse<Buffer> answer =
                  get("/api/catalog/products/" + product + "?lang=" + lang);
              return answer.statusCode() == 200
                  ? answer.bodyAsJsonObject().getString("page")
                  : null;
            },
            page -> page != null);
  }

  private static String slugOf(String coop) {
    return get("/api/catalog/cooperatives/" + coop).bodyAsJsonObject().getString("slug");
  }

  private static HttpResponse<Buffer> awaitPage(String path, Predicate<String> holds) {
    return awaitResponse(
        path, response -> response.statusCode() == 200 && holds.test(response.bodyAsString()));
  }

  private static HttpResponse<Buffer> awaitResponse(
      String path, Predicate<HttpResponse<Buffer>> holds) {
    return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> get(path), holds::test);
  }

  private static JsonObject jsonLd(String html) {
    Matcher data = JSON_LD.matcher(html);
    assertThat(data.find()).as("a JSON-LD script").isTrue();
    return new JsonObject(data.group(1));
  }

  private static String metaContent(String html, String property) {
    Matcher meta =
        Pattern.compile("<meta property=\"" + Pattern.quote(property) + "\" content=\"([^\"]*)\">")
            .matcher(html);
    assertThat(meta.find()).as(property).isTrue();
    return meta.group(1);
  }

  private static HttpResponse<Buffer> root(Map<String, String> headers) {
    HttpRequest<Buffer> request = http.get("/").followRedirects(false);
    headers.forEach(request::putHeader);
    HttpResponse<Buffer> response = await(request.send(), 10);
    assertThat(response.statusCode()).isEqualTo(302);
    return response;
  }

  private static String registeredAndVerified() {
    HttpResponse<Buffer> registered =
        post(
            "/api/catalog/cooperatives",
            operator(),
            TestCatalogData.registration(
                "ODCO-PAGES-" + UUID.randomUUID().toString().substring(0, 8)));
    String id = registered.bodyAsJsonObject().getString("id");
    assertThat(post("/api/catalog/cooperatives/" + id + "/verify", operator(), null).statusCode())
        .isEqualTo(200);
    return id;
  }

  private static UUID createProduct(String coop, long price) {
    UUID id = UUID.randomUUID();
    HttpResponse<Buffer> created =
        post(
            "/api/catalog/products",
            cooperative(coop),
            productJson(coop, id, price, "Mejhoul dates").put("stock", 20));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return id;
  }

  /** The Mejhoul dates of TestCatalogData, with {@code englishName}. */
  private static JsonObject productJson(String coop, UUID id, long price, String englishName) {
    return TestCatalogData.product(coop, id, price, null)
        .put(
            "name",
            new JsonObject()
                .put("ar", "تمر المجهول")
                .put("fr", "Dattes Mejhoul")
                .put("en", englishName));
  }

  private static String operator() {
    return TestPlatform.keys().token(vertx, "operator-test", Role.OPERATOR, null, 60);
  }

  private static String cooperative(String id) {
    return TestPlatform.keys()
        .token(vertx, "coop-user-" + id, Role.COOPERATIVE, UUID.fromString(id), 60);
  }

  private static HttpResponse<Buffer> upload(String path, String token, byte[] bytes) {
    return await(
        http.post(path)
            .bearerTokenAuthentication(token)
            .putHeader("Content-Type", "application/octet-stream")
            .sendBuffer(Buffer.buffer(bytes)),
        30);
  }

  private static HttpResponse<Buffer> post(String path, String token, JsonObject body) {
    HttpRequest<Buffer> request = http.post(path).bearerTokenAuthentication(token);
    return await(body == null ? request.send() : request.sendJsonObject(body), 10);
  }

  private static HttpResponse<Buffer> put(String path, String token, JsonObject body) {
    return await(http.put(path).bearerTokenAuthentication(token).sendJsonObject(body), 10);
  }

  private static HttpResponse<Buffer> get(String path) {
    return await(http.get(path).followRedirects(false).send(), 10);
  }

  /** The fair {@code draft} describes, under another address and on other days. */
  private static JsonObject sameFairOn(
      JsonObject draft, String slug, LocalDate startsOn, LocalDate endsOn) {
    return draft
        .copy()
        .put("slug", slug)
        .put("startsOn", startsOn.toString())
        .put("endsOn", endsOn.toString());
  }

  private static JsonObject listedFair(String slug) {
    return get("/api/catalog/fairs").bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(fair -> slug.equals(fair.getString("slug")))
        .findFirst()
        .orElseThrow();
  }
}
