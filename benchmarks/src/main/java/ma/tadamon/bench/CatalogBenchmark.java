package ma.tadamon.bench;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import ma.tadamon.catalog.CatalogService;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.infra.Infrastructure;
import ma.tadamon.platform.auth.DevelopmentKeys;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.kafka.TopicAdmin;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;

/**
 * The catalog under load: the demo catalog filled to {@code products} products through the
 * catalog's own API, then shoppers' reads (filtered, localized product lists; product pages;
 * searches) at a fixed number of connections. The catalog runs as in production, on real PostgreSQL
 * and Kafka; the load generator shares the machine with it.
 */
final class CatalogBenchmark {

  /**
   * @param pagesOnly only the pages people share (HTML), not the JSON APIs
   */
  record Options(
      int products, int connections, Duration warmup, Duration measured, boolean pagesOnly) {}

  private static final List<String> LIST_FILTERS =
      List.of(
          "",
          "region=souss-massa",
          "category=honey",
          "womenLed=true",
          "minPrice=5000&maxPrice=30000",
          "region=draa-tafilalet&category=dates",
          "inStock=true&sort=price_asc",
          "category=argan-oil&sort=price_desc");
  private static final List<String> LANGUAGES = List.of("ar", "fr", "en");
  private static final List<String> SEARCHES =
      List.of(
          "argan", "huile d'argan", "زيت أركان", "safran", "miel", "dattes", "tajine", "couscous");

  private final Options options;

  CatalogBenchmark(Options options) {
    this.options = options;
  }

  List<LoadGenerator.Result> run() throws Exception {
    long setupStarted = System.nanoTime();
    try (Infrastructure infrastructure = Infrastructure.resolve(System.getenv(), null)) {
      DevelopmentKeys keys = DevelopmentKeys.generate();
      Settings settings = settings(infrastructure, keys);
      Vertx client = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
      RunningService catalog = null;
      try {
        await(
            TopicAdmin.ensurePlatformTopics(
                client,
                new KafkaSettings(infrastructure.kafkaBootstrapServers(), "bench-topics"),
                6),
            60);
        catalog =
            await(ServiceRuntime.start(CatalogService.NAME, settings, CatalogService::new), 120);
        int port = settings.getInt("HTTP_PORT", 0);
        List<String> productIds =
            fill(client, port, keys.token(client, "bench-operator", Role.OPERATOR, null, 60));
        System.out.printf(
            "catalog ready with %d products in %.1f s%n",
            productIds.size(), (System.nanoTime() - setupStarted) / 1e9);
        return measure(client, port, productIds);
      } finally {
        if (catalog != null) {
          await(catalog.close(), 30);
        }
        await(client.close(), 30);
      }
    }
  }

  private List<LoadGenerator.Result> measure(Vertx client, int port, List<String> productIds)
      throws Exception {
    LoadGenerator load = new LoadGenerator(client, port, options.connections());
    List<LoadGenerator.Result> results = new ArrayList<>();
    AtomicInteger turn = new AtomicInteger();
    if (!options.pagesOnly()) {
      measureApis(load, results, turn, productIds);
    }
    List<String> productPages = pages(client, port, "/api/catalog/products?limit=100");
    List<String> cooperativePages = pages(client, port, "/api/catalog/cooperatives");
    results.add(
        load.run(
            "product page (HTML, ar/fr/en)",
            () -> productPages.get(ThreadLocalRandom.current().nextInt(productPages.size())),
            options.warmup(),
            options.measured()));
    print(results);
    if (options.pagesOnly()) {
      results.add(
          load.run(
              "cooperative page (HTML)",
              () ->
                  cooperativePages.get(
                      ThreadLocalRandom.current().nextInt(cooperativePages.size())),
              options.warmup(),
              options.measured()));
      print(results);
      results.add(
          load.run(
              "home page (HTML)",
              () -> "/" + LANGUAGES.get(turn.getAndIncrement() % 3) + "/",
              options.warmup(),
              options.measured()));
      print(results);
    }
    return results;
  }

  /** Every page address the JSON lists give ({@code page}), in the three languages. */
  private static List<String> pages(Vertx vertx, int port, String list) {
    HttpClient http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port));
    try {
      List<String> pages = new ArrayList<>();
      for (String lang : LANGUAGES) {
        for (String cursor = ""; cursor != null; ) {
          JsonObject page =
              get(
                  http,
                  list
                      + (list.contains("?") ? "&" : "?")
                      + "lang="
                      + lang
                      + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
          page.getJsonArray("items")
              .forEach(item -> pages.add(((JsonObject) item).getString("page")));
          cursor = page.getString("nextCursor");
        }
      }
      return pages;
    } finally {
      await(http.close(), 10);
    }
  }

  private void measureApis(
      LoadGenerator load,
      List<LoadGenerator.Result> results,
      AtomicInteger turn,
      List<String> productIds)
      throws Exception {
    results.add(
        load.run(
            "product list (20, localized, filters)",
            () -> {
              int n = turn.getAndIncrement();
              String filter = LIST_FILTERS.get(n % LIST_FILTERS.size());
              return "/api/catalog/products?limit=20&lang="
                  + LANGUAGES.get(n % 3)
                  + (filter.isEmpty() ? "" : "&" + filter);
            },
            options.warmup(),
            options.measured()));
    print(results);
    results.add(
        load.run(
            "product detail",
            () ->
                "/api/catalog/products/"
                    + productIds.get(ThreadLocalRandom.current().nextInt(productIds.size()))
                    + "?lang=fr",
            options.warmup(),
            options.measured()));
    print(results);
    results.add(
        load.run(
            "search (q, 20, relevance)",
            () -> {
              int n = turn.getAndIncrement();
              return "/api/catalog/products?limit=20&lang=fr&q="
                  + URLEncoder.encode(SEARCHES.get(n % SEARCHES.size()), StandardCharsets.UTF_8);
            },
            options.warmup(),
            options.measured()));
    print(results);
  }

  private static void print(List<LoadGenerator.Result> results) {
    System.out.println(results.get(results.size() - 1).line());
  }

  /** Fills the catalog through its API, as cooperatives would, 16 requests at a time. */
  private List<String> fill(Vertx vertx, int port, String operatorToken) throws Exception {
    HttpClient http =
        vertx.createHttpClient(
            new HttpClientOptions().setDefaultHost("localhost").setDefaultPort(port));
    try {
      List<String> cooperatives = new ArrayList<>();
      for (Object coop : get(http, "/api/catalog/cooperatives").getJsonArray("items")) {
        cooperatives.add(((JsonObject) coop).getString("id"));
      }
      List<String> productIds = new ArrayList<>();
      for (String cursor = ""; cursor != null; ) {
        JsonObject page =
            get(
                http,
                "/api/catalog/products?limit=100" + (cursor.isEmpty() ? "" : "&cursor=" + cursor));
        page.getJsonArray("items")
            .forEach(item -> productIds.add(((JsonObject) item).getString("id")));
        cursor = page.getString("nextCursor");
      }
      int missing = options.products() - productIds.size();
      for (int start = 0; start < missing; start += 16) {
        List<Future<String>> batch = new ArrayList<>();
        for (int n = start; n < Math.min(missing, start + 16); n++) {
          JsonObject product =
              BenchCatalogData.product(
                  n, UUID.fromString(cooperatives.get(n % cooperatives.size())));
          batch.add(
              http.request(HttpMethod.POST, "/api/catalog/products")
                  .compose(
                      request ->
                          request
                              .putHeader("Authorization", "Bearer " + operatorToken)
                              .putHeader("Content-Type", "application/json")
                              .send(product.toBuffer()))
                  .compose(
                      response ->
                          response
                              .body()
                              .map(
                                  body -> {
                                    if (response.statusCode() != 201) {
                                      throw new IllegalStateException(
                                          "could not create a product: " + body);
                                    }
                                    return new JsonObject(body).getString("id");
                                  })));
        }
        productIds.addAll(await(Future.all(batch), 60).list());
      }
      return productIds;
    } finally {
      await(http.close(), 10);
    }
  }

  /**
   * A read, asked again when no answer comes within 5 s (docs/benchmarks.md: once in a while a
   * request on loopback gets no answer in this JVM, not yet understood); reads are safe to repeat.
   */
  private static JsonObject get(HttpClient http, String path) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return await(
            http.request(
                    new RequestOptions()
                        .setMethod(HttpMethod.GET)
                        .setURI(path)
                        .setIdleTimeout(5_000))
                .compose(request -> request.send())
                .compose(response -> response.body().map(Buffer::toJsonObject)),
            10);
      } catch (RuntimeException noAnswer) {
        last = noAnswer;
      }
    }
    throw last;
  }

  /**
   * A database of its own on the resolved server, so a benchmark never counts or leaves rows
   * elsewhere.
   */
  private static Settings settings(Infrastructure infrastructure, DevelopmentKeys keys)
      throws Exception {
    var pg = infrastructure.postgres();
    String database = "catalog_bench_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection connection = pg.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    }
    Map<String, String> values = new HashMap<>();
    values.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
    values.putAll(pg.settings());
    values.put("PG_DATABASE", database);
    values.put("PG_POOL_SIZE", System.getenv().getOrDefault("PG_POOL_SIZE", "8"));
    // PAGE_CACHE_MAX_PAGES=1 measures pages rendered at every request, as after a change.
    values.put(
        "PAGE_CACHE_MAX_PAGES", System.getenv().getOrDefault("PAGE_CACHE_MAX_PAGES", "20000"));
    values.put("JWT_PUBLIC_KEY", keys.publicKeyPem());
    values.put("HTTP_PORT", String.valueOf(FreePorts.next()));
    values.put("CATALOG_DEMO_DATA", "true");
    // Photos are not what this measures: the storage is there, the demo pictures are not drawn.
    values.putAll(infrastructure.objectStorage().settings());
    values.put("CATALOG_DEMO_PHOTOS", "false");
    return Settings.of(values);
  }
}
