package ma.tadamon.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryPolicyTest {

  private final DeliveryPolicy policy =
      new DeliveryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(10), DeliveryPolicy.MOROCCO);
  private final DeliveryPolicy.QuietHours night =
      new DeliveryPolicy.QuietHours(LocalTime.of(21, 0), LocalTime.of(7, 0));

  @Test
  void retries_back_off_exponentially_with_jitter_up_to_a_ceiling_then_give_up() {
    Instant now = Instant.parse("2026-11-22T10:00:00Z");

    assertThat(Duration.between(now, policy.nextAttempt(1, now, 0.5)))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(Duration.between(now, policy.nextAttempt(3, now, 0.5)))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(Duration.between(now, policy.nextAttempt(3, now, 0.0)))
        .isEqualTo(Duration.ofSeconds(96));
    assertThat(Duration.between(now, policy.nextAttempt(3, now, 0.999)))
        .isLessThan(Duration.ofSeconds(144));
    assertThat(Duration.between(now, policy.nextAttempt(40, now, 0.5)))
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.exhausted(4)).isFalse();
    assertThat(policy.exhausted(5)).isTrue();
  }

  @Test
  void an_sms_in_the_quiet_hours_waits_until_they_end_in_moroccan_time() {
    Instant lateEvening =
        ZonedDateTime.of(2026, 11, 22, 22, 30, 0, 0, DeliveryPolicy.MOROCCO).toInstant();
    Instant earlyMorning =
        ZonedDateTime.of(2026, 11, 23, 5, 0, 0, 0, DeliveryPolicy.MOROCCO).toInstant();
    Instant morning =
        ZonedDateTime.of(2026, 11, 23, 7, 0, 0, 0, DeliveryPolicy.MOROCCO).toInstant();

    assertThat(policy.quietUntil(night, lateEvening)).contains(morning);
    assertThat(policy.quietUntil(night, earlyMorning)).contains(morning);
    assertThat(policy.quietUntil(night, morning)).isEmpty();
    assertThat(
            policy.quietUntil(
                new DeliveryPolicy.QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0)),
                ZonedDateTime.of(2026, 11, 23, 13, 0, 0, 0, DeliveryPolicy.MOROCCO).toInstant()))
        .contains(ZonedDateTime.of(2026, 11, 23, 14, 0, 0, 0, DeliveryPolicy.MOROCCO).toInstant());
    assertThat(policy.quietUntil(null, lateEvening)).isEmpty();
  }

  @Test
  void a_template_missing_a_language_falls_back_and_never_fails() {
    assertThat(
            Templates.render(
                Templates.PART_DELIVERED, "zgh", Map.of("code", "100042", "cooperative", "Siroua")))
        .startsWith("Tadamon : votre commande 100042 de Siroua");
    // No half-Tamazight conversation: every text reads French until all of them are written.
    assertThat(Templates.render(Templates.ORDER_CANCELLED, "zgh", Map.of("code", "100042")))
        .startsWith("Tadamon : la commande 100042 est annulée");
    assertThat(Templates.render(Templates.REPLY_HELP, "ar", Map.of())).contains("100042 نعم");
  }
}
