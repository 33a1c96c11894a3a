package ma.tadamon.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The rules a field breaks, as a shopper or a cooperative reads them beside the field. */
class FieldMessagesTest {

  /** What the checkout's and the portal's forms can be told, as the services word it. */
  private static final List<String> FORM_MESSAGES =
      List.of(
          "is required",
          "must not be empty",
          "must be at most 150 characters",
          "at most 120 characters",
          "is too long",
          "must be an international number such as +212612345678",
          "is not an e-mail address",
          "give it in Arabic, French or English at least",
          "must be a whole number from 1 to 100000000",
          "must be from 1 to 50",
          "at most 8",
          "must be one of Morocco's 12 regions",
          "must be one of argan-oil, honey, saffron",
          "add at least one product",
          "at most 30 lines per order",
          "must be CASH_ON_DELIVERY or CARD",
          "no such product",
          "this product is no longer sold",
          "this cooperative is not selling yet",
          "say why the part is declined; the shopper is told",
          "must not contain control characters",
          "must be an https:// address or a path starting with /",
          "the ICE is 15 digits",
          "the IF is 1 to 10 digits",
          "at most 30 lines",
          "not a product of this part",
          "named twice",
          "from 1 to 3, as bought",
          "the version of the terms shown, e.g. 2026-12-01",
          "the version of the consent text shown, e.g. v1",
          "in Arabic and French at least (ar, fr; en if you can)",
          "languages are ar, fr and en",
          "SMS, EMAIL or both",
          "1 to 500 characters",
          "the transfer's reference, 1 to 120 characters");

  @Test
  void every_form_message_has_its_arabic_and_french_words() {
    for (String english : FORM_MESSAGES) {
      assertThat(FieldMessages.inLanguage(english, "ar"))
          .as(english)
          .matches("(?s).*\\p{IsArabic}.*");
      assertThat(FieldMessages.inLanguage(english, "fr")).as(english).isNotEqualTo(english);
    }
  }

  @Test
  void numbers_are_carried_over_and_english_stays_as_it_is() {
    assertThat(FieldMessages.inLanguage("must be at most 150 characters", "fr"))
        .isEqualTo("150 caractères au plus");
    assertThat(FieldMessages.inLanguage("must be a whole number from 1 to 50", "ar"))
        .isEqualTo("عدد صحيح من 1 إلى 50");
    assertThat(FieldMessages.inLanguage("from 1 to 3, as bought", "fr"))
        .isEqualTo("de 1 à 3, comme acheté");
    assertThat(FieldMessages.inLanguage("the transfer's reference, 1 to 120 characters", "fr"))
        .isEqualTo("de 1 à 120 caractères");
    assertThat(FieldMessages.inLanguage("must be at most 150 characters", "en"))
        .isEqualTo("must be at most 150 characters");
    assertThat(FieldMessages.inLanguage("a rule nobody listed", "ar"))
        .as("left in English rather than guessed")
        .isEqualTo("a rule nobody listed");
  }
}
