package ma.tadamon.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import ma.tadamon.infra.Infrastructure;

/**
 * {@code ./tadamon bench catalog|pages [--products N] [--connections N] [--seconds N]} or {@code
 * ./tadamon bench orders [--rate N] [--seconds N] [--warmup N] [--warmup-rate N] [--attack N]
 * [--durable]} or {@code ./tadamon bench photos [--uploads N] [--samples N]} or {@code ./tadamon
 * bench fair-day [--rates R,R…] [--seconds N]}: runs a benchmark and prints its figures, for
 * docs/benchmarks.md.
 */
public final class BenchMain {

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    // The servers were started for this run alone: a benchmark stopped by Ctrl-C or a kill takes
    // them with it. One that ends normally has stopped them already, and this finds none.
    Runtime.getRuntime()
        .addShutdownHook(new Thread(Infrastructure::stopEveryServerAtOnce, "benchmark-stopped"));
    if (args.length > 0 && args[0].equals("orders")) {
      int rate = option(args, "--rate", 300);
      int seconds = option(args, "--seconds", 30);
      int attack = option(args, "--attack", 0);
      boolean durable = Arrays.asList(args).contains("--durable");
      int warmup = option(args, "--warmup", Math.max(5, seconds / 3));
      int warmupRate = Math.min(rate, option(args, "--warmup-rate", OrderBenchmark.WARM_UP_RATE));
      System.out.printf(
          "order benchmark: cash-on-delivery checkouts at %d/s, %d s warm-up at %d/s"
              + " then %d s measured%s, whole local platform, PostgreSQL %s, %d cores, Java %s%n",
          rate,
          warmup,
          warmupRate,
          seconds,
          attack > 0 ? ", then as long again beside an attacker at " + attack + "/s" : "",
          durable ? "durable as in production (fsync, synchronous commit)" : "throwaway (no fsync)",
          Runtime.getRuntime().availableProcessors(),
          Runtime.version());
      new OrderBenchmark(
              new OrderBenchmark.Options(
                  rate,
                  Duration.ofSeconds(warmup),
                  warmupRate,
                  Duration.ofSeconds(seconds),
                  attack,
                  durable))
          .run();
      System.exit(0);
    }
    if (args.length > 0 && args[0].equals("fair-day")) {
      String rates = optionText(args, "--rates", "100,200,400,800,1200");
      int seconds = option(args, "--seconds", 20);
      System.out.printf(
          "fair-day benchmark: open model at %s arrivals/s (1 in 20 a checkout), %d s warm-up then"
              + " %d s measured per rate, whole local platform, %d cores, Java %s%n",
          rates,
          Math.max(5, seconds / 4),
          seconds,
          Runtime.getRuntime().availableProcessors(),
          Runtime.version());
      new FairDayBenchmark(
              new FairDayBenchmark.Options(
                  Arrays.stream(rates.split(",")).map(Integer::parseInt).toList(),
                  Duration.ofSeconds(Math.max(5, seconds / 4)),
                  Duration.ofSeconds(seconds)))
          .run();
      System.exit(0);
    }
    if (args.length > 0 && args[0].equals("photos")) {
      int uploads = option(args, "--uploads", 50);
      int samples = option(args, "--samples", 10);
      System.out.printf(
          "photo benchmark: processing time per photo, then %d uploads at once, %d cores, Java %s%n",
          uploads, Runtime.getRuntime().availableProcessors(), Runtime.version());
      new PhotoBenchmark(new PhotoBenchmark.Options(uploads, samples)).run();
      System.exit(0);
    }
    if (args.length == 0 || !args[0].equals("catalog") && !args[0].equals("pages")) {
      System.err.println(
          "usage: ./tadamon bench catalog [--products 2000] [--connections 32] [--seconds 20]\n"
              + "       ./tadamon bench pages [--products 2000] [--connections 32] [--seconds 20]\n"
              + "       ./tadamon bench orders [--rate 300] [--seconds 30] [--warmup 10] [--warmup-rate 25]\n"
              + "                        [--attack 0] [--durable]\n"
              + "       ./tadamon bench photos [--uploads 50] [--samples 10]\n"
              + "       ./tadamon bench fair-day [--rates 100,200,400,800,1200] [--seconds 20]");
      System.exit(2);
    }
    boolean pagesOnly = args[0].equals("pages");
    int products = option(args, "--products", 2000);
    int connections = option(args, "--connections", 32);
    int seconds = option(args, "--seconds", 20);
    System.out.printf(
        "%s benchmark: %d products, %d connections, %d s warm-up then %d s measured per"
            + " scenario, %d cores, Java %s%n",
        args[0],
        products,
        connections,
        Math.max(5, seconds / 2),
        seconds,
        Runtime.getRuntime().availableProcessors(),
        Runtime.version());
    List<LoadGenerator.Result> results =
        new CatalogBenchmark(
                new CatalogBenchmark.Options(
                    products,
                    connections,
                    Duration.ofSeconds(Math.max(5, seconds / 2)),
                    Duration.ofSeconds(seconds),
                    pagesOnly))
            .run();
    System.out.println();
    System.out.println("| scenario | req/s | p50 ms | p99 ms | p99.9 ms | errors |");
    System.out.println("|---|---|---|---|---|---|");
    for (LoadGenerator.Result result : results) {
      System.out.printf(
          "| %s | %.0f | %.2f | %.2f | %.2f | %d |%n",
          result.scenario(),
          result.requestsPerSecond(),
          result.latencyMicros().getValueAtPercentile(50) / 1000.0,
          result.latencyMicros().getValueAtPercentile(99) / 1000.0,
          result.latencyMicros().getValueAtPercentile(99.9) / 1000.0,
          result.errors());
    }
    System.exit(0);
  }

  private static String optionText(String[] args, String name, String defaultValue) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return defaultValue;
  }

  private static int option(String[] args, String name, int defaultValue) {
    for (int i = 1; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return defaultValue;
  }
}
