package ma.tadamon.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop HTTP load generator: {@code connections} keep-alive connections, each sending its
 * next request as soon as the previous answer is read. Latency is from sending to the last byte of
 * the body. Closed loop means a slow server also slows the arrival of requests (coordinated
 * omission), so the percentiles are those of a shop's own clients, not of an open stream of
 * independent shoppers.
 */
final class LoadGenerator {

  record Result(
      String scenario, long requests, long errors, double seconds, Histogram latencyMicros) {

    double requestsPerSecond() {
      return requests / seconds;
    }

    String line() {
      return String.format(
          "%-34s %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms   p99.9 %6.2f ms   max %7.2f ms"
              + "   errors %d",
          scenario,
          requestsPerSecond(),
          millis(50),
          millis(99),
          millis(99.9),
          latencyMicros.getMaxValue() / 1000.0,
          errors);
    }

    private double millis(double percentile) {
      return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  private final Vertx vertx;
  private final int port;
  private final int connections;

  LoadGenerator(Vertx vertx, int port, int connections) {
    this.vertx = vertx;
    this.port = port;
    this.connections = connections;
  }

  /**
   * Runs the scenario for {@code warmup} unmeasured, then for {@code measured}; blocks until done.
   */
  Result run(String scenario, Supplier<String> nextPath, Duration warmup, Duration measured)
      throws Exception {
    HttpClient client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(port)
                .setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections));
    try {
      runFor(
          client,
          nextPath,
          warmup,
          new Histogram(TimeUnit.MINUTES.toMicros(1), 3),
          new AtomicLong());
      Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(1), 3);
      AtomicLong errors = new AtomicLong();
      long started = System.nanoTime();
      runFor(client, nextPath, measured, latency, errors);
      double seconds = (System.nanoTime() - started) / 1e9;
      return new Result(scenario, latency.getTotalCount(), errors.get(), seconds, latency);
    } finally {
      client.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private void runFor(
      HttpClient client,
      Supplier<String> nextPath,
      Duration duration,
      Histogram latency,
      AtomicLong errors)
      throws Exception {
    long deadline = System.nanoTime() + duration.toNanos();
    // Every loop runs on this one event loop, so the histogram is only ever touched by one thread.
    Context context = vertx.getOrCreateContext();
    Future<?>[] loops = new Future<?>[connections];
    for (int i = 0; i < connections; i++) {
      Promise<Void> done = Promise.promise();
      context.runOnContext(v -> loop(client, nextPath, deadline, latency, errors, done));
      loops[i] = done.future();
    }
    Future.all(Arrays.asList(loops))
        .toCompletionStage()
        .toCompletableFuture()
        .get(duration.toSeconds() + 60, TimeUnit.SECONDS);
  }

  private void loop(
      HttpClient client,
      Supplier<String> nextPath,
      long deadline,
      Histogram latency,
      AtomicLong errors,
      Promise<Void> done) {
    if (System.nanoTime() >= deadline) {
      done.complete();
      return;
    }
    long sent = System.nanoTime();
    client
        .request(HttpMethod.GET, nextPath.get())
        .compose(request -> request.send())
        .compose(response -> response.body().map(body -> response.statusCode()))
        .onComplete(
            outcome -> {
              if (outcome.succeeded() && outcome.result() == 200) {
                latency.recordValue(
                    Math.min(
                        (System.nanoTime() - sent) / 1000, latency.getHighestTrackableValue()));
              } else {
                errors.incrementAndGet();
              }
              loop(client, nextPath, deadline, latency, errors, done);
            });
  }
}
