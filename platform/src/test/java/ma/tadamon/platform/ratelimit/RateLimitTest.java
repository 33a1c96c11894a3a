package ma.tadamon.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.config.Settings;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  @Test
  void rates_are_read_from_a_setting_or_its_default() {
    RateLimit limit =
        RateLimit.fromSettings(
            Settings.of(Map.of("RATE_LIMIT_X", "5/10m, 20/1d")), "RATE_LIMIT_X", "x", "1/1s");

    assertThat(limit.rates())
        .containsExactly(
            new RateLimit.Rate(5, Duration.ofMinutes(10)),
            new RateLimit.Rate(20, Duration.ofDays(1)));
    assertThat(RateLimit.fromSettings(Settings.of(Map.of()), "RATE_LIMIT_X", "x", "30/1h").rates())
        .containsExactly(new RateLimit.Rate(30, Duration.ofHours(1)));
    assertThat(RateLimit.parse("x", "off").unlimited()).isTrue();
  }

  @Test
  void a_setting_that_is_not_rates_stops_the_service_with_its_name() {
    assertThatThrownBy(
            () ->
                RateLimit.fromSettings(
                    Settings.of(Map.of("RATE_LIMIT_X", "ten a minute")), "RATE_LIMIT_X", "x", ""))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("RATE_LIMIT_X");
    assertThatThrownBy(() -> RateLimit.parse("x", "0/1m"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
