package ma.tadamon.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ma.tadamon.infra.Infrastructure;

/**
 * The CPU time spent so far by the benchmark's JVM (the services and the load generator) and by
 * each embedded server with its child processes (PostgreSQL's backends), read from the operating
 * system, with the machine's idle and stolen time where it tells them; two of them make a run's CPU
 * split.
 */
record CpuSplit(Map<String, Duration> spent, Optional<MachineTime> machine, long takenAtNanos) {

  static CpuSplit now(Infrastructure infrastructure) {
    Map<String, Duration> spent = new LinkedHashMap<>();
    spent.put("services and load generator", cpuOf(ProcessHandle.current(), false));
    spent.put("Kafka broker", cpuOf(infrastructure.embeddedBrokerPid()));
    spent.put("PostgreSQL", cpuOf(infrastructure.embeddedPostgresPid()));
    spent.put("mail catcher", cpuOf(infrastructure.embeddedMailPid()));
    spent.put("object storage", cpuOf(infrastructure.embeddedObjectStoragePid()));
    return new CpuSplit(spent, MachineTime.now(), System.nanoTime());
  }

  /**
   * Cores used by each, on average, since {@code earlier}, then the machine's idle and stolen
   * cores: e.g. "PostgreSQL 0.31, …; idle 0.05, stolen by the hypervisor 0.40".
   */
  String since(CpuSplit earlier) {
    double seconds = (takenAtNanos - earlier.takenAtNanos) / 1e9;
    String used =
        spent.entrySet().stream()
            .map(
                entry ->
                    String.format(
                        "%s %.2f",
                        entry.getKey(),
                        (entry.getValue().toNanos()
                                - earlier
                                    .spent
                                    .getOrDefault(entry.getKey(), Duration.ZERO)
                                    .toNanos())
                            / 1e9
                            / seconds))
            .collect(Collectors.joining(", "));
    String machineTime =
        machine.isPresent() && earlier.machine.isPresent()
            ? machine.get().since(earlier.machine.get(), Runtime.getRuntime().availableProcessors())
            : "";
    return machineTime.isEmpty() ? used : used + "; " + machineTime;
  }

  private static Duration cpuOf(OptionalLong pid) {
    return pid.isEmpty()
        ? Duration.ZERO
        : ProcessHandle.of(pid.getAsLong()).map(p -> cpuOf(p, true)).orElse(Duration.ZERO);
  }

  private static Duration cpuOf(ProcessHandle process, boolean withDescendants) {
    Stream<ProcessHandle> all =
        withDescendants
            ? Stream.concat(Stream.of(process), process.descendants())
            : Stream.of(process);
    return all.map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }
}
