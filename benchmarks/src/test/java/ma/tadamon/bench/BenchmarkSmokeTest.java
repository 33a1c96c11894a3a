package ma.tadamon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A tiny run of each benchmark on the real servers: it must produce its result lines, so that a
 * change that breaks a benchmark is seen before someone needs its figures. The figures themselves
 * are measured by `./tadamon bench`, never asserted here.
 */
class BenchmarkSmokeTest {

  @Test
  void a_tiny_catalog_run_measures_every_scenario() throws Exception {
    List<LoadGenerator.Result> results =
        new CatalogBenchmark(
                new CatalogBenchmark.Options(
                    30, 2, Duration.ofSeconds(1), Duration.ofSeconds(1), false))
            .run();

    assertThat(results)
        .extracting(LoadGenerator.Result::scenario)
        .contains("product detail", "product page (HTML, ar/fr/en)");
    assertThat(results)
        .allSatisfy(
            result -> {
              assertThat(result.requests()).as(result.scenario()).isPositive();
              assertThat(result.errors()).as(result.scenario()).isZero();
              assertThat(result.line()).contains("req/s").contains("p99");
            });
  }

  @Test
  void a_tiny_photo_run_reports_processing_times() throws Exception {
    // Processing only: the uploads' part starts a whole platform, which the order run already
    // covers; ./tadamon bench photos runs it (docs/benchmarks.md).
    String report = printedBy(() -> new PhotoBenchmark(new PhotoBenchmark.Options(0, 1)).run());

    assertThat(report)
        .containsPattern("processing 12 MP .*: p50 [0-9]+ ms")
        .containsPattern(
            "renditions 320 px [0-9]+ KB JPEG, [0-9]+ KB WebP; 640 px [0-9]+ KB JPEG, [0-9]+ KB"
                + " WebP; 1280 px [0-9]+ KB JPEG, [0-9]+ KB WebP;");
  }

  @Test
  void a_tiny_order_run_reports_its_confirmations_with_and_without_an_attacker() throws Exception {
    String report =
        printedBy(
            () ->
                new OrderBenchmark(
                        // Durable, as production runs (and the run the issue asks to report).
                        new OrderBenchmark.Options(
                            5, Duration.ofSeconds(1), 5, Duration.ofSeconds(2), 30, true))
                    .run());

    assertThat(report)
        .containsPattern(
            "honest only: offered 5 orders/s for 2 s: placed [0-9.]+/s, confirmed [1-9][0-9.]*/s")
        .containsPattern(
            "with an attacker at 30/s: offered 5 orders/s for 2 s: placed [0-9.]+/s,"
                + " confirmed [1-9][0-9.]*/s")
        .doesNotContainPattern("refused [1-9]")
        .contains("unconfirmed 0")
        // What the machine's hypervisor took from the run, where Linux tells it.
        .containsPattern(
            "cores used while offered \\(of [0-9]+\\): services and load generator [0-9.]+, .*;"
                + " idle [0-9.]+, stolen by the hypervisor [0-9.]+")
        // Each order writes rows and WAL: a report of nothing would be a reading gone wrong.
        .containsPattern(
            "database work per order placed: [1-9][0-9.]* rows inserted, [1-9][0-9.]* updated"
                + " \\([0-9.]+ heap-only\\), [0-9.]+ deleted; WAL [1-9][0-9.]* KB in [1-9][0-9]*"
                + " records, [0-9.]+ full-page images")
        // Orders are updated as the saga moves them: their table is among those named.
        .containsPattern("rows updated per order by table \\(heap-only\\): .*orders\\.orders [1-9]")
        // The attacker's burst allowance, then refusals.
        .containsPattern("\\{201=10, 429=[1-9][0-9]*}")
        .contains("stage → CONFIRMED");
  }

  @Test
  void a_tiny_fair_day_run_reports_pages_and_confirmations_at_each_rate() throws Exception {
    String report =
        printedBy(
            () ->
                new FairDayBenchmark(
                        new FairDayBenchmark.Options(
                            List.of(20), Duration.ofSeconds(1), Duration.ofSeconds(3)))
                    .run());

    assertThat(report)
        .containsPattern(
            "fair day at 20 arrivals/s for 3 s: pages [1-9][0-9.]*/s p50 [0-9.]+ ms p99 [0-9.]+ ms")
        .contains("(errors 0)")
        .containsPattern("checkouts [0-9.]+/s placement→CONFIRMED")
        .contains("unconfirmed 0")
        .containsPattern("highest rate holding .*: [0-9]+ arrivals/s");
  }

  private interface Run {
    void run() throws Exception;
  }

  /** What a benchmark prints while it runs, shown on the console too. */
  private static String printedBy(Run benchmark) throws Exception {
    PrintStream console = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      benchmark.run();
    } finally {
      System.setOut(console);
      console.print(printed.toString(StandardCharsets.UTF_8));
    }
    return printed.toString(StandardCharsets.UTF_8);
  }
}
