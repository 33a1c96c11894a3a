package ma.tadamon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTimeTest {

  @Test
  void reads_the_idle_and_stolen_ticks_of_every_cpu_together() {
    // Two CPUs; guest time (the last two fields) is inside user time and must not count twice.
    List<String> before =
        List.of(
            "cpu  1000 0 500 2000 100 0 50 350 40 0",
            "cpu0 500 0 250 1000 50 0 25 175 20 0",
            "intr 12345");
    List<String> after = List.of("cpu  1600 0 800 2100 100 0 150 750 90 0", "intr 12399");

    MachineTime earlier = MachineTime.parse(before).orElseThrow();
    MachineTime later = MachineTime.parse(after).orElseThrow();

    assertThat(earlier).isEqualTo(new MachineTime(4000, 2100, 350));
    // 1,500 ticks elapsed over two CPUs: 100 idle, 400 stolen.
    assertThat(later.since(earlier, 2)).isEqualTo("idle 0.13, stolen by the hypervisor 0.53");
  }

  @Test
  void says_nothing_of_a_machine_that_does_not_tell() {
    assertThat(MachineTime.parse(List.of("intr 12345"))).isEmpty();
    assertThat(MachineTime.parse(List.of("cpu  1 2 3"))).isEmpty();
  }
}
