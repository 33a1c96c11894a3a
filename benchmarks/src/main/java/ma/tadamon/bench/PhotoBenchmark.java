package ma.tadamon.bench;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import ma.tadamon.catalog.photos.PhotoProcessing;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.local.LocalPlatform;
import ma.tadamon.platform.auth.Role;
import org.HdrHistogram.Histogram;

/**
 * Photos: how long one takes to process, as a phone sends it (12 megapixels as taken, 4 as the
 * portal shrinks it), and what happens to the catalog when many cooperatives upload at once through
 * the whole local platform: how many are taken, how many are told to come back (503), and how long
 * a shopper's product list takes meanwhile.
 */
final class PhotoBenchmark {

  /** {@code uploads}: how many photos are sent at once to the whole platform; 0 skips that part. */
  record Options(int uploads, int samples) {}

  private final Options options;
  private int unanswered;

  PhotoBenchmark(Options options) {
    this.options = options;
  }

  void run() throws Exception {
    processing("12 MP as taken (4000x3000)", photo(4000, 3000, 1));
    processing("4 MP as the portal sends it (2560x1920)", photo(2560, 1920, 2));
    if (options.uploads() > 0) {
      uploads();
    }
  }

  private void processing(String what, byte[] photo) throws Exception {
    for (int i = 0; i < 2; i++) {
      PhotoProcessing.process(photo); // warm-up
    }
    Histogram millis = new Histogram(60_000, 3);
    PhotoProcessing.Processed last = null;
    for (int i = 0; i < options.samples(); i++) {
      long start = System.nanoTime();
      last = PhotoProcessing.process(photo);
      millis.recordValue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
    StringBuilder sizes = new StringBuilder();
    for (PhotoProcessing.Rendered rendition : last.renditions()) {
      sizes.append(
          String.format(
              " %d px %.0f KB JPEG, %s;",
              rendition.width(),
              rendition.jpeg().length / 1024.0,
              rendition.webp() == null
                  ? "no WebP"
                  : String.format("%.0f KB WebP", rendition.webp().length / 1024.0)));
    }
    System.out.printf(
        "processing %s, %.1f MB sent: p50 %d ms, max %d ms over %d photos, one core; renditions%s%n",
        what,
        photo.length / 1048576.0,
        millis.getValueAtPercentile(50),
        millis.getMaxValue(),
        options.samples(),
        sizes);
  }

  /** {@code uploads} distinct photos sent at once, while a shopper lists products every 50 ms. */
  private void uploads() throws Exception {
    Map<String, String> environment = new HashMap<>(System.getenv());
    // Only the uploads measured here: no demo pictures processed beside them.
    environment.putIfAbsent("CATALOG_DEMO_PHOTOS", "false");
    try (LocalPlatform platform =
        LocalPlatform.start(new LocalPlatform.Options(null, FreePorts.next(), environment))) {
      Vertx vertx = Vertx.vertx();
      try {
        HttpClient http =
            vertx.createHttpClient(
                new HttpClientOptions()
                    .setDefaultHost("localhost")
                    .setDefaultPort(platform.servicePort("catalog-service")),
                new PoolOptions().setHttp1MaxSize(options.uploads() + 8));
        String operator = platform.token(Role.OPERATOR);
        JsonArray products =
            await(
                    http.request(HttpMethod.GET, "/api/catalog/products?limit=50")
                        .compose(request -> request.send())
                        .compose(response -> response.body().map(Buffer::toJsonObject)),
                    30)
                .getJsonArray("items");
        List<byte[]> photos = new ArrayList<>();
        for (int i = 0; i < options.uploads(); i++) {
          photos.add(photo(2560, 1920, 100 + i));
        }
        java.net.http.HttpClient shopper =
            java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        URI list =
            URI.create(
                "http://localhost:"
                    + platform.servicePort("catalog-service")
                    + "/api/catalog/products?limit=24&lang=fr");
        Histogram quiet = listLatencies(shopper, list, 40, null);
        long start = System.nanoTime();
        List<Future<Integer>> sent = new ArrayList<>();
        for (int i = 0; i < photos.size(); i++) {
          String product = products.getJsonObject(i % products.size()).getString("id");
          byte[] bytes = photos.get(i);
          sent.add(
              http.request(HttpMethod.POST, "/api/catalog/products/" + product + "/photos")
                  .compose(
                      request ->
                          request
                              .putHeader("Authorization", "Bearer " + operator)
                              .putHeader("Content-Type", "image/jpeg")
                              .send(Buffer.buffer(bytes)))
                  .compose(response -> response.body().map(body -> response.statusCode())));
        }
        Future<Void> all = Future.join(sent).mapEmpty();
        Histogram busy = listLatencies(shopper, list, 40, all);
        await(all.recover(failed -> Future.succeededFuture()), 300);
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        Map<Integer, Integer> statuses = new TreeMap<>();
        sent.forEach(
            answer -> statuses.merge(answer.succeeded() ? answer.result() : 0, 1, Integer::sum));
        System.out.printf(
            "%d uploads of a 4 MP photo at once to one catalog-service: answers %s in %.1f s;"
                + " product list meanwhile p50 %.1f ms, p99 %.1f ms, %d not answered in 10 s"
                + " (before: p50 %.1f ms, p99 %.1f ms)%n",
            options.uploads(),
            statuses,
            elapsed / 1000.0,
            busy.getValueAtPercentile(50) / 1000.0,
            busy.getValueAtPercentile(99) / 1000.0,
            unanswered,
            quiet.getValueAtPercentile(50) / 1000.0,
            quiet.getValueAtPercentile(99) / 1000.0);
      } finally {
        await(vertx.close(), 30);
      }
    }
  }

  /**
   * The product list's latency, asked every 50 ms: {@code count} times, or until {@code until}. A
   * list not answered within 10 s is counted apart, as {@link #unanswered}. The shopper's requests
   * go through the JDK's own HTTP client, on connections of their own, so that what is timed is the
   * catalog's answer and nothing the uploads do in the benchmark's Vert.x.
   */
  private Histogram listLatencies(
      java.net.http.HttpClient http, URI list, int count, Future<?> until)
      throws InterruptedException {
    Histogram micros = new Histogram(60_000_000, 3);
    int asked = 0;
    while (until == null ? asked < count : !until.isComplete() || asked < 5) {
      long start = System.nanoTime();
      int status;
      try {
        status =
            http.send(
                    HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode();
      } catch (IOException noAnswer) {
        status = -1;
      }
      if (status == 200) {
        micros.recordValue(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
      } else {
        unanswered++;
      }
      asked++;
      Thread.sleep(50);
    }
    return micros;
  }

  /** A photo with a camera's detail: gradients and many shapes, so JPEG cannot make it tiny. */
  static byte[] photo(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setPaint(
        new GradientPaint(
            0, 0, new Color(0xc6, 0x8a, 0x3a), width, height, new Color(0x3e, 0x27, 0x23)));
    g.fillRect(0, 0, width, height);
    for (int i = 0; i < 4000; i++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      int size = 4 + random.nextInt(width / 40);
      g.fillOval(random.nextInt(width), random.nextInt(height), size, size);
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpeg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
