package ma.tadamon.catalog.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.events.Region;
import org.junit.jupiter.api.Test;

class FairScalingTest {

  private static Fair fair(String slug, LocalDate first, LocalDate last, String hours) {
    return new Fair(
        UUID.randomUUID(),
        slug,
        Map.of("fr", "Salon"),
        Region.TANGER_TETOUAN_AL_HOCEIMA,
        Map.of("fr", "Tétouan"),
        Map.of("fr", "Place"),
        first,
        last,
        hours,
        List.of(),
        null);
  }

  @Test
  void the_fair_days_overlay_is_what_catalog_service_writes_for_its_example_fair()
      throws Exception {
    Fair tetouan =
        fair("tetouan-2027", LocalDate.of(2027, 4, 17), LocalDate.of(2027, 4, 26), "10:00–22:00");

    assertThat(FairScaling.patch(tetouan, 6))
        .isEqualTo(
            Files.readString(Path.of("..", "deploy", "overlays", "fair-days", "fair-days.yaml")));
  }

  @Test
  void a_fair_across_two_months_gets_a_trigger_for_each() {
    String patch =
        FairScaling.patch(
            fair("oujda-2027", LocalDate.of(2027, 5, 28), LocalDate.of(2027, 6, 3), "9h30 – 21h"),
            4);

    assertThat(patch)
        .contains("start: \"0 9 28-31 5 *\"")
        .contains("end: \"30 21 28-31 5 *\"")
        .contains("start: \"0 9 1-3 6 *\"")
        .contains("desiredReplicas: \"4\"");
  }

  @Test
  void opening_hours_are_read_from_the_text_or_taken_as_ten_to_ten() {
    assertThat(FairScaling.openingAndClosing("de 10h à 22h30"))
        .containsExactly(LocalTime.of(10, 0), LocalTime.of(22, 30));
    assertThat(FairScaling.openingAndClosing("tous les jours"))
        .containsExactly(LocalTime.of(10, 0), LocalTime.of(22, 0));
    assertThat(FairScaling.openingAndClosing("22:00–10:00"))
        .as("closing before opening is not hours")
        .containsExactly(LocalTime.of(10, 0), LocalTime.of(22, 0));
  }
}
