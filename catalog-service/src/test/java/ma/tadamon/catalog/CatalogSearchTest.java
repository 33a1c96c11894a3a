package ma.tadamon.catalog;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shoppers searching and browsing the demo catalog (67 products of 14 cooperatives) in Arabic,
 * French and English, on a database of this test's own so the counts are exact.
 */
@ExtendWith(VertxExtension.class)
class CatalogSearchTest {

  private static final int DEMO_PRODUCTS = 67;
  private static final UUID ARGAN_250 =
      DemoCatalog.productId("tifaouine-argan", "culinary-argan-250");
  private static final UUID SAFFRON_COOP = DemoCatalog.cooperativeId("siroua-saffron");

  private static CatalogUnderTest catalog;
  private static WebClient http;
  private static String operatorToken;

  @BeforeAll
  static void startCatalog(Vertx vertx) {
    Settings settings =
        TestPlatform.settingsWithOwnDatabase("catalog_search")
            .with(Map.of("CATALOG_DEMO_DATA", "true"));
    catalog = CatalogUnderTest.start(vertx, settings);
    http = catalog.http();
    operatorToken =
        TestPlatform.keys().token(vertx, "operator-search-test", Role.OPERATOR, null, 60);
  }

  @AfterAll
  static void stopCatalog() {
    catalog.stop();
  }

  @Test
  void a_shopper_finds_argan_oil_in_english_french_and_arabic() {
    for (String query :
        List.of(
            "argan",
            "أركان",
            "argan oil",
            "huile d'argan",
            "Huile d’argan",
            "زيت أركان",
            "زيت اركان")) {
      List<JsonObject> found = search(Map.of("q", query));

      assertThat(found)
          .as(query)
          .extracting(item -> item.getString("id"))
          .contains(ARGAN_250.toString());
      assertThat(found.get(0).getJsonObject("name").getString("fr"))
          .as("best match for " + query)
          .containsIgnoringCase("argan");
    }
    // Asked for the oil, the oils come first, before the soap and the cream that contain some.
    for (String query : List.of("argan oil", "huile d'argan", "زيت أركان")) {
      assertThat(search(Map.of("q", query)).subList(0, 3))
          .as(query)
          .allSatisfy(item -> assertThat(item.getString("category")).isEqualTo("argan-oil"));
    }
  }

  @Test
  void words_are_stemmed_in_each_language() {
    // "huiles" (plural) finds "huile"; "dates" finds "date"; Arabic "التمور" finds "تمور".
    assertThat(search(Map.of("q", "huiles"))).isNotEmpty();
    assertThat(search(Map.of("q", "dates")))
        .extracting(item -> item.getString("category"))
        .contains("dates");
    assertThat(search(Map.of("q", "تمر")))
        .extracting(item -> item.getString("category"))
        .contains("dates");
  }

  @Test
  void short_queries_forgive_typos() {
    assertThat(search(Map.of("q", "argn")))
        .extracting(item -> item.getString("category"))
        .contains("argan-oil");
    assertThat(search(Map.of("q", "safron")))
        .extracting(item -> item.getString("category"))
        .contains("saffron");
    assertThat(search(Map.of("q", "zafran")))
        .extracting(item -> item.getString("category"))
        .contains("saffron");
  }

  @Test
  void a_search_for_nothing_we_sell_finds_nothing() {
    JsonObject page = get(Map.of("q", "smartphone")).bodyAsJsonObject();

    assertThat(page.getJsonArray("items")).isEmpty();
    assertThat(page.getString("nextCursor")).isNull();
    assertThat(page.getJsonObject("facets").getJsonArray("region")).isEmpty();
  }

  @Test
  void every_sort_pages_through_every_product_once_in_order() {
    for (String sort : List.of("newest", "price_asc", "price_desc")) {
      List<JsonObject> all = allPages(Map.of("sort", sort, "limit", "10"));

      assertThat(all).as(sort).hasSize(DEMO_PRODUCTS);
      assertThat(new HashSet<>(all.stream().map(item -> item.getString("id")).toList()))
          .hasSize(DEMO_PRODUCTS);
      List<Long> prices = all.stream().map(item -> item.getLong("priceCentimes")).toList();
      if (sort.equals("price_asc")) {
        assertThat(prices).isSorted();
      }
      if (sort.equals("price_desc")) {
        assertThat(prices).isSortedAccordingTo(Comparator.reverseOrder());
      }
    }
  }

  @Test
  void search_results_page_by_relevance_without_repeats() {
    List<JsonObject> onePage = search(Map.of("q", "argan", "limit", "100"));
    List<JsonObject> paged = allPages(Map.of("q", "argan", "limit", "2"));

    assertThat(onePage.size()).isGreaterThan(4);
    assertThat(paged)
        .extracting(item -> item.getString("id"))
        .containsExactlyElementsOf(onePage.stream().map(item -> item.getString("id")).toList());
  }

  @Test
  void facets_count_each_region_and_category_under_the_other_filters() {
    JsonObject souss = get(Map.of("region", "souss-massa")).bodyAsJsonObject();
    Map<String, Integer> regions = counts(souss, "region");
    Map<String, Integer> categories = counts(souss, "category");

    int soussProducts = allPages(Map.of("region", "souss-massa")).size();
    assertThat(regions.get("souss-massa")).isEqualTo(soussProducts);
    assertThat(regions.keySet())
        .as("other regions stay visible to switch to")
        .hasSizeGreaterThan(5);
    assertThat(regions.values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(DEMO_PRODUCTS);
    assertThat(categories.values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(soussProducts);
    assertThat(categories).containsKey("argan-oil");
    JsonObject secondPage =
        get(Map.of(
                "region",
                "souss-massa",
                "limit",
                "2",
                "cursor",
                get(Map.of("region", "souss-massa", "limit", "2"))
                    .bodyAsJsonObject()
                    .getString("nextCursor")))
            .bodyAsJsonObject();
    assertThat(secondPage.containsKey("facets"))
        .as("facets come with the first page only")
        .isFalse();
  }

  @Test
  void filters_combine_with_search() {
    List<JsonObject> saffron =
        search(Map.of("q", "safran", "cooperative", SAFFRON_COOP.toString(), "maxPrice", "20000"));

    assertThat(saffron)
        .isNotEmpty()
        .allSatisfy(
            item -> {
              assertThat(item.getString("cooperativeId")).isEqualTo(SAFFRON_COOP.toString());
              assertThat(item.getLong("priceCentimes")).isLessThanOrEqualTo(20000);
            });
  }

  @Test
  void in_stock_leaves_out_what_is_sold_out(Vertx vertx) {
    UUID soldOut = DemoCatalog.productId("siroua-saffron", "saffron-1g");
    HttpResponse<Buffer> emptied =
        await(
            http.put("/api/catalog/products/" + soldOut + "/stock")
                .bearerTokenAuthentication(operatorToken)
                .sendJsonObject(new JsonObject().put("onHand", 0)),
            10);
    assertThat(emptied.statusCode()).isEqualTo(200);

    List<String> inStock =
        allPages(Map.of("inStock", "true")).stream().map(item -> item.getString("id")).toList();
    List<JsonObject> outOfStock = allPages(Map.of("inStock", "false"));

    assertThat(inStock).hasSize(DEMO_PRODUCTS - 1).doesNotContain(soldOut.toString());
    assertThat(outOfStock)
        .singleElement()
        .satisfies(
            item -> {
              assertThat(item.getString("id")).isEqualTo(soldOut.toString());
              assertThat(item.getBoolean("available")).isFalse();
            });
  }

  @Test
  void lang_chooses_the_texts_shown_with_a_fallback() {
    JsonObject arabic = search(Map.of("q", "argan", "lang", "ar")).get(0);
    JsonObject tamazight = search(Map.of("q", "argan", "lang", "zgh")).get(0);

    assertThat(arabic.getString("displayName"))
        .isEqualTo(arabic.getJsonObject("name").getString("ar"));
    assertThat(tamazight.getString("displayName"))
        .isEqualTo(tamazight.getJsonObject("name").getString("fr"));
  }

  @Test
  void bad_queries_are_problems_never_crashes() {
    String otherSearchCursor =
        get(Map.of("q", "argan", "limit", "1")).bodyAsJsonObject().getString("nextCursor");
    List<Map<String, String>> bad =
        List.of(
            Map.of("colour", "red"),
            Map.of("minPrice", "-100"),
            Map.of("minPrice", "5000", "maxPrice", "100"),
            Map.of("maxPrice", "99999999999999999999999"),
            Map.of("inStock", "maybe"),
            Map.of("sort", "cheapest"),
            Map.of("sort", "relevance"),
            Map.of("lang", "de"),
            Map.of("limit", "0"),
            Map.of("limit", "1000"),
            Map.of("cursor", "not-a-cursor"),
            Map.of("cursor", otherSearchCursor),
            Map.of("q", "argan", "sort", "price_asc", "cursor", otherSearchCursor),
            Map.of("q", "a".repeat(201)));
    for (Map<String, String> params : bad) {
      HttpResponse<Buffer> response = get(params);

      assertThat(response.statusCode()).as(params.toString()).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getString("detail"))
          .as(params.toString())
          .isNotBlank();
    }

    // A control character is a field's mistake, named like any invalid field.
    HttpResponse<Buffer> nul = get(Map.of("q", "argan\u0000oil"));
    assertThat(nul.statusCode()).isEqualTo(422);
    assertThat(nul.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("q");
  }

  @Test
  void sql_and_search_syntax_in_q_are_just_words() {
    for (String query :
        List.of(
            "'; DROP TABLE products; --",
            "argan' OR '1'='1",
            "!!!",
            "& | ! ( ) :*",
            "\"argan",
            "-",
            "or",
            "%_\\",
            "🌿 argan")) {
      HttpResponse<Buffer> response = get(Map.of("q", query));

      assertThat(response.statusCode()).as(query).isEqualTo(200);
    }
    assertThat(allPages(Map.of())).hasSize(DEMO_PRODUCTS);
  }

  private static List<JsonObject> search(Map<String, String> params) {
    HttpResponse<Buffer> response = get(params);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return items(response.bodyAsJsonObject());
  }

  private static List<JsonObject> allPages(Map<String, String> params) {
    List<JsonObject> all = new ArrayList<>();
    String cursor = null;
    do {
      Map<String, String> withCursor = new HashMap<>(params);
      if (cursor != null) {
        withCursor.put("cursor", cursor);
      }
      HttpResponse<Buffer> response = get(withCursor);
      assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
      all.addAll(items(response.bodyAsJsonObject()));
      cursor = response.bodyAsJsonObject().getString("nextCursor");
    } while (cursor != null);
    return all;
  }

  private static HttpResponse<Buffer> get(Map<String, String> params) {
    HttpRequest<Buffer> request = http.get("/api/catalog/products");
    params.forEach(request::addQueryParam);
    return await(request.send(), 10);
  }

  private static List<JsonObject> items(JsonObject page) {
    List<JsonObject> items = new ArrayList<>();
    page.getJsonArray("items").forEach(item -> items.add((JsonObject) item));
    return items;
  }

  private static Map<String, Integer> counts(JsonObject page, String facet) {
    Map<String, Integer> counts = new HashMap<>();
    page.getJsonObject("facets")
        .getJsonArray(facet)
        .forEach(
            entry ->
                counts.put(
                    ((JsonObject) entry).getString("value"),
                    ((JsonObject) entry).getInteger("count")));
    return counts;
  }
}
