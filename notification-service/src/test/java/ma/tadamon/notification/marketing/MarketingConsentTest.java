package ma.tadamon.notification.marketing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarketingConsentTest {

  @Test
  void stop_is_read_as_people_send_it_and_only_alone() {
    assertThat(MarketingConsent.isStop("STOP")).isTrue();
    assertThat(MarketingConsent.isStop(" stop! ")).isTrue();
    assertThat(MarketingConsent.isStop("Arrêt")).isTrue();
    assertThat(MarketingConsent.isStop("safi")).isTrue();
    assertThat(MarketingConsent.isStop("توقف")).isTrue();
    assertThat(MarketingConsent.isStop("100042 OK")).isFalse();
    assertThat(MarketingConsent.isStop("stop 100042")).as("a cooperative's words").isFalse();
  }

  @Test
  void the_consent_text_is_kept_by_version_in_three_languages() {
    assertThat(MarketingConsent.texts(MarketingConsent.CURRENT)).containsKeys("ar", "fr", "en");
    assertThat(MarketingConsent.text("v1", "zgh")).get().asString().startsWith("Je veux");
    assertThat(MarketingConsent.text("v0", "fr")).isEmpty();
  }

  @Test
  void an_unsubscribe_link_opens_only_for_its_address() {
    UnsubscribeLinks links =
        new UnsubscribeLinks("a-secret-long-enough-0123456789", "https://x.test/");
    String link = links.linkFor(" Amina@Example.org ");
    assertThat(link)
        .startsWith(
            "https://x.test/api/notifications/unsubscribe?email=amina%40example.org&token=");
    String token = link.substring(link.indexOf("token=") + 6);
    assertThat(links.valid("AMINA@example.org", token)).isTrue();
    assertThat(links.valid("other@example.org", token)).isFalse();
    assertThat(
            new UnsubscribeLinks("another-secret-0123456789abcdef", "https://x.test")
                .valid("amina@example.org", token))
        .isFalse();
  }
}
