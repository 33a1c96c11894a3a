package ma.tadamon.catalog.members;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.events.Region;
import org.junit.jupiter.api.Test;

class SignInLinkTest {

  private static final Instant SENT = Instant.parse("2026-12-02T09:00:00Z");

  @Test
  void a_link_works_for_a_week_and_a_quarter_of_an_hour_after_its_first_use() {
    SignInLink fresh = link(null);
    assertThat(fresh.usableAt(SENT.plus(Duration.ofDays(6)))).isTrue();
    assertThat(fresh.usableAt(SENT.plus(SignInLink.LIFETIME))).isFalse();

    SignInLink used = link(SENT.plus(Duration.ofHours(1)));
    assertThat(used.usableAt(SENT.plus(Duration.ofMinutes(74)))).as("a retry").isTrue();
    assertThat(used.usableAt(SENT.plus(Duration.ofMinutes(75)))).isFalse();
  }

  @Test
  void codes_are_random_link_safe_and_checked_for_their_shape() {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String code = SignInLink.newCode();
      assertThat(SignInLink.wellFormed(code)).as(code).isTrue();
      codes.add(code);
    }
    assertThat(codes).hasSize(1000);
    assertThat(SignInLink.wellFormed(null)).isFalse();
    assertThat(SignInLink.wellFormed("short")).isFalse();
    assertThat(SignInLink.wellFormed("AAAAAAAAAAAAAAAAAAAA/=")).isFalse();
  }

  @Test
  void a_password_is_ten_to_128_characters() {
    assertThat(SignInLink.passwordProblems("nine-char")).hasSize(1);
    assertThat(SignInLink.passwordProblems("ten-chars!")).isEmpty();
    assertThat(SignInLink.passwordProblems("x".repeat(129))).hasSize(1);
    assertThat(SignInLink.passwordProblems(null)).hasSize(1);
  }

  @Test
  void a_manager_is_named_after_the_phone_she_dials_then_the_cooperatives_address() {
    ManagerAccount account = ManagerAccount.of(cooperative("+212661009988", "fr"));
    assertThat(account.usernames()).containsExactly("0661009988", "tighanimine-3f2a1b");
    assertThat(account.displayName())
        .as("without what Keycloak refuses in a person's name")
        .isEqualTo("Coopérative Tighanimine plantes herbes");
    assertThat(ManagerAccount.of(cooperative("+33612345678", "ar")).usernames())
        .containsExactly("33612345678", "tighanimine-3f2a1b");
    assertThat(ManagerAccount.of(cooperative("+212661009988", "ar")).displayName())
        .isEqualTo("تعاونية تيغانيمين");
  }

  private static SignInLink link(Instant usedAt) {
    return new SignInLink(
        UUID.randomUUID(),
        UUID.randomUUID(),
        UUID.randomUUID().toString(),
        "0661009988",
        SENT.plus(SignInLink.LIFETIME),
        usedAt);
  }

  private static Cooperative cooperative(String phone, String language) {
    return new Cooperative(
        UUID.randomUUID(),
        "tighanimine-3f2a1b",
        Map.of("fr", "Coopérative Tighanimine (plantes & herbes)", "ar", "تعاونية تيغانيمين"),
        Map.of(),
        Region.DRAA_TAFILALET,
        Map.of("fr", "Errachidia"),
        phone,
        null,
        "ODCO-DT-2019-0042",
        2019,
        23,
        true,
        language,
        List.of("sms"),
        true,
        null);
  }
}
