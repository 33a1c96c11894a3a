package ma.tadamon.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.catalog.MemberInvited;
import org.junit.jupiter.api.Test;

class MemberLinkMessageTest {

  private static final String LINK = "https://shop.example/ar/#/welcome/AbCdEfGhIjKlMnOpQrStUv";

  @Test
  void a_link_goes_by_e_mail_when_there_is_an_address_and_by_sms_otherwise_to_her_alone() {
    Notification byMail = Addressing.toMember(UUID.randomUUID(), invited("m@example.org"), "…");
    assertThat(byMail.channel()).isEqualTo(Channel.EMAIL);
    assertThat(byMail.destination()).isEqualTo("m@example.org");
    assertThat(byMail.recipientKind()).isEqualTo(Notification.Recipient.MEMBER);
    assertThat(byMail.subject()).isEqualTo("تضامن: حسابكم في البوابة");

    Notification bySms = Addressing.toMember(UUID.randomUUID(), invited(null), "…");
    assertThat(bySms.channel()).isEqualTo(Channel.SMS);
    assertThat(bySms.destination()).isEqualTo("+212661009988");
  }

  @Test
  void the_text_names_her_username_and_the_link_in_each_language() {
    for (String language : new String[] {"ar", "fr", "en"}) {
      String text =
          Templates.render(
              Templates.SIGN_IN_LINK, language, Map.of("username", "0661009988", "link", LINK));
      assertThat(text).as(language).contains("0661009988").endsWith(LINK).doesNotContain("{");
    }
    assertThat(
            Templates.render(Templates.SIGN_IN_LINK, "zgh", Map.of("username", "x", "link", "y")))
        .as("a language without the text reads French")
        .startsWith("Tadamon : votre accès");
  }

  private static MemberInvited invited(String email) {
    return new MemberInvited(
        UUID.randomUUID(),
        UUID.randomUUID(),
        "0661009988",
        "AbCdEfGhIjKlMnOpQrStUv",
        Instant.parse("2026-12-09T09:00:00Z"),
        "+212661009988",
        email,
        "ar");
  }
}
