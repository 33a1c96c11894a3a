package ma.tadamon.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import ma.tadamon.events.CooperativeAction;
import org.junit.jupiter.api.Test;

class SmsCommandTest {

  @Test
  void accept_in_arabic_french_english_and_darija_with_any_digits() {
    for (String reply :
        new String[] {
          "100042 OK",
          "100042 ok",
          "100042 Oui",
          "١٠٠٠٤٢ نعم",
          "100042 نـعـم",
          "100042 wakha",
          "100042 واخا",
          "  #100042   yes!  ",
          "۱۰۰۰۴۲ موافق",
          // Copied from the SMS that suggested it, Arabic comma and all.
          "100042 نعم،",
          "100042، نعم",
          "100042 نعم؛",
          "100042 نعم؟",
          "\n 100042 \n نعم \n",
          "100042 d'accord",
          "100042 Wakha.",
          "100042 إيه"
        }) {
      assertThat(SmsCommand.parse(reply))
          .as(reply)
          .contains(new SmsCommand("100042", CooperativeAction.ACCEPT, null));
    }
  }

  @Test
  void a_decline_carries_its_reason_and_a_shipment_its_tracking_reference_as_written() {
    assertThat(SmsCommand.parse("100042 NON rupture de stock"))
        .contains(new SmsCommand("100042", CooperativeAction.DECLINE, "rupture de stock"));
    assertThat(SmsCommand.parse("100042 لا ما بقاش الزعفران"))
        .contains(new SmsCommand("100042", CooperativeAction.DECLINE, "ما بقاش الزعفران"));
    assertThat(SmsCommand.parse("100042 la"))
        .contains(new SmsCommand("100042", CooperativeAction.DECLINE, null));
    assertThat(SmsCommand.parse("100042 EXP AMANA-123"))
        .contains(new SmsCommand("100042", CooperativeAction.SHIP, "AMANA-123"));
    assertThat(SmsCommand.parse("100042 صيفط"))
        .contains(new SmsCommand("100042", CooperativeAction.SHIP, null));
    assertThat(SmsCommand.parse("100042 livré"))
        .contains(new SmsCommand("100042", CooperativeAction.DELIVER, null));
    assertThat(SmsCommand.parse("100042 وصل"))
        .contains(new SmsCommand("100042", CooperativeAction.DELIVER, null));
    assertThat(SmsCommand.parse("100042 لا، ما بقاش"))
        .contains(new SmsCommand("100042", CooperativeAction.DECLINE, "ما بقاش"));
    assertThat(SmsCommand.parse("١٠٠٠٤٢ صيفطت، AMANA-77"))
        .contains(new SmsCommand("100042", CooperativeAction.SHIP, "AMANA-77"));
    assertThat(SmsCommand.parse("100042 ma3endich"))
        .contains(new SmsCommand("100042", CooperativeAction.DECLINE, null));
  }

  @Test
  void every_word_of_the_list_is_understood_as_its_action() throws Exception {
    List<String> lines;
    try (var in = SmsCommand.class.getResourceAsStream("/sms/reply-words.txt")) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    int words = 0;
    for (String line : lines) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      CooperativeAction action =
          CooperativeAction.valueOf(line.substring(0, line.indexOf(':')).strip().toUpperCase());
      for (String word : line.substring(line.indexOf(':') + 1).strip().split("\\s+")) {
        assertThat(SmsCommand.parse("100042 " + word))
            .as(word)
            .contains(new SmsCommand("100042", action, null));
        words++;
      }
    }
    assertThat(words).isGreaterThan(60);
  }

  @Test
  void anything_else_is_not_a_command() {
    for (String reply :
        new String[] {
          "",
          "OK",
          "OK 100042",
          "100042",
          "100042 peut-être",
          "bonjour",
          "12 OK",
          "100042OK",
          "مرحبا"
        }) {
      assertThat(SmsCommand.parse(reply)).as(reply).isEmpty();
    }
    assertThat(SmsCommand.parse(null)).isEmpty();
  }
}
