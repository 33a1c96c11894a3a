package ma.tadamon.notification.phone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.notification.phone.PhoneConfirmation.Outcome;
import ma.tadamon.notification.phone.PhoneConfirmation.Status;
import ma.tadamon.platform.config.ConfigurationException;
import ma.tadamon.platform.config.Settings;
import org.junit.jupiter.api.Test;

/** The rules of a phone's code, without a database or an SMSC. */
class PhoneConfirmationRulesTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static final Instant DEADLINE = NOW.plusSeconds(600);

  @Test
  void the_right_code_in_time_confirms_and_a_wrong_one_counts_down_to_a_lock() {
    PhoneConfirmation waiting = waiting(Status.PENDING, 0);
    assertThat(waiting.attempt(true, NOW).outcome()).isEqualTo(Outcome.CONFIRMED);
    assertThat(waiting.after(waiting.attempt(true, NOW)).status()).isEqualTo(Status.CONFIRMED);

    for (int wrong = 0; wrong < 4; wrong++) {
      PhoneConfirmation.Attempt attempt = waiting.attempt(false, NOW);
      assertThat(attempt.outcome()).isEqualTo(Outcome.WRONG_CODE);
      assertThat(attempt.attemptsLeft()).isEqualTo(4 - wrong);
      waiting = waiting.after(attempt);
    }
    PhoneConfirmation.Attempt fifth = waiting.attempt(false, NOW);
    assertThat(fifth.outcome()).isEqualTo(Outcome.LOCKED);
    PhoneConfirmation locked = waiting.after(fifth);
    assertThat(locked.status()).isEqualTo(Status.LOCKED);
    assertThat(locked.wrongAttempts()).isEqualTo(5);
    assertThat(locked.attempt(true, NOW).outcome())
        .as("even the right code")
        .isEqualTo(Outcome.LOCKED);
  }

  @Test
  void nothing_confirms_after_the_deadline_or_once_the_order_ended() {
    assertThat(waiting(Status.PENDING, 0).attempt(true, DEADLINE).outcome())
        .isEqualTo(Outcome.EXPIRED);
    assertThat(waiting(Status.CLOSED, 0).attempt(true, NOW).outcome()).isEqualTo(Outcome.EXPIRED);
    assertThat(waiting(Status.CONFIRMED, 0).attempt(false, NOW).outcome())
        .as("a retry after success is no wrong code")
        .isEqualTo(Outcome.ALREADY_CONFIRMED);
  }

  @Test
  void codes_are_six_digits_kept_as_a_keyed_hash_and_masked_once_spent() {
    PhoneCodes codes = new PhoneCodes("a-secret-of-at-least-thirty-two-chars");
    UUID order = UUID.randomUUID();
    String code = codes.newCode();

    assertThat(code).matches("\\d{6}");
    String hash = codes.hash(order, code);
    assertThat(hash).doesNotContain(code).isNotEqualTo(codes.hash(UUID.randomUUID(), code));
    assertThat(codes.matches(order, " " + code + " ", hash)).isTrue();
    assertThat(new PhoneCodes("another-secret-of-thirty-two-chars!!").matches(order, code, hash))
        .as("the table without the key tells nothing")
        .isFalse();
    assertThat(PhoneCodes.masked("Tadamon : code 482913 pour la commande 100042.", "100042"))
        .as("the order's own code stays")
        .isEqualTo("Tadamon : code ······ pour la commande 100042.");
    assertThatThrownBy(() -> new PhoneCodes("short")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sms_go_to_moroccan_mobiles_and_to_the_prefixes_an_operator_adds() {
    SmsDestinations morocco = SmsDestinations.from(Settings.of(Map.of()));
    assertThat(List.of("+212612345678", "+212712345678")).allMatch(morocco::allows);
    assertThat(
            List.of(
                "+212512345678", // a landline
                "+212890123456", // premium rate
                "+21261234567", // a digit short
                "+33612345678",
                "0612345678"))
        .noneMatch(morocco::allows);

    SmsDestinations withFrance =
        SmsDestinations.from(Settings.of(Map.of("SMS_ALLOWED_PREFIXES", "+336, +337")));
    assertThat(withFrance.allows("+33612345678")).isTrue();
    assertThat(withFrance.allows("+33112345678")).isFalse();
    assertThatThrownBy(
            () -> SmsDestinations.from(Settings.of(Map.of("SMS_ALLOWED_PREFIXES", "France"))))
        .isInstanceOf(ConfigurationException.class);
  }

  private static PhoneConfirmation waiting(Status status, int wrong) {
    return new PhoneConfirmation(UUID.randomUUID(), "+212612345678", "fr", status, wrong, DEADLINE);
  }
}
