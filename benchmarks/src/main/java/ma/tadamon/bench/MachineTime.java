package ma.tadamon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The whole machine's CPU time so far, in the kernel's ticks, from Linux's {@code /proc/stat}: how
 * much of it was idle, and how much a virtual machine's hypervisor gave to other guests ("steal").
 * A cloud machine's steal comes and goes within minutes; a run that lost a third of its cores to it
 * measured another machine, and its report must say so.
 */
record MachineTime(long total, long idle, long stolen) {

  private static final Path PROC_STAT = Path.of("/proc/stat");

  /** Empty where there is no {@code /proc/stat} (not Linux). */
  static Optional<MachineTime> now() {
    try {
      return Files.isReadable(PROC_STAT) ? parse(Files.readAllLines(PROC_STAT)) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * The first line sums every CPU: "cpu user nice system idle iowait irq softirq steal guest
   * guest_nice". Guest time is already counted in user time, so the first eight fields are the
   * total; waiting for I/O is idle.
   */
  static Optional<MachineTime> parse(List<String> procStat) {
    return procStat.stream()
        .filter(line -> line.startsWith("cpu "))
        .findFirst()
        .map(line -> line.substring(4).trim().split("\\s+"))
        .filter(fields -> fields.length >= 8)
        .map(
            fields -> {
              long total = 0;
              for (int i = 0; i < 8; i++) {
                total += Long.parseLong(fields[i]);
              }
              return new MachineTime(
                  total,
                  Long.parseLong(fields[3]) + Long.parseLong(fields[4]),
                  Long.parseLong(fields[7]));
            });
  }

  /** Cores idle and cores stolen on average since {@code earlier}, of {@code cores}. */
  String since(MachineTime earlier, int cores) {
    double elapsed = total - earlier.total;
    if (elapsed <= 0) {
      return "";
    }
    return String.format(
        "idle %.2f, stolen by the hypervisor %.2f",
        (idle - earlier.idle) / elapsed * cores, (stolen - earlier.stolen) / elapsed * cores);
  }
}
