package ma.tadamon.platform.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

  @Test
  void an_id_is_a_version_7_uuid_holding_its_millisecond() {
    Instant made = Instant.parse("2026-12-03T17:30:00.123Z");

    UUID id = TimeOrderedIds.at(made);

    assertThat(id.version()).isEqualTo(7);
    assertThat(id.variant()).isEqualTo(2);
    assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(made.toEpochMilli());
    assertThat(id.toString()).startsWith("01a23cf4-b63b-7");
  }

  @Test
  void ids_of_later_milliseconds_sort_after_as_postgresql_compares_them() {
    // PostgreSQL compares a uuid's bytes unsigned, in the order of its text's hex digits.
    Instant start = Instant.parse("2026-12-03T17:30:00Z");
    List<String> made = new ArrayList<>();
    for (int millis = 0; millis < 2_000; millis++) {
      made.add(TimeOrderedIds.at(start.plusMillis(millis)).toString());
    }

    assertThat(made).isSorted();
  }

  @Test
  void ids_of_one_millisecond_differ() {
    Instant now = Instant.now();
    HashSet<UUID> made = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      made.add(TimeOrderedIds.at(now));
    }

    assertThat(made).hasSize(100_000);
  }

  @Test
  void a_time_before_1970_is_refused() {
    assertThatThrownBy(() -> TimeOrderedIds.at(Instant.parse("1969-12-31T23:59:59Z")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
