package ma.tadamon.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmsEncodingTest {

  @Test
  void french_fits_the_gsm_alphabet_and_160_characters_in_one_segment() {
    String text =
        "Tadamon : nouvelle commande 100042 : 2 x Huile d'argan. Répondez 100042 OK pour accepter.";
    SmsEncoding.Encoded encoded = SmsEncoding.encode(text, 1);

    assertThat(encoded.dataCoding()).isEqualTo(SmsEncoding.GSM7);
    assertThat(encoded.segments()).hasSize(1);
    assertThat(encoded.concatenated()).isFalse();
    assertThat(SmsEncoding.decode(SmsEncoding.GSM7, encoded.segments().get(0))).isEqualTo(text);
    assertThat(SmsEncoding.segmentsFor("x".repeat(160))).isEqualTo(1);
    assertThat(SmsEncoding.segmentsFor("x".repeat(161))).isEqualTo(2);
  }

  @Test
  void
      arabic_travels_as_ucs2_seventy_characters_a_segment_and_longer_texts_are_concatenated_with_a_header() {
    String text =
        "تضامن: طلب جديد 100042: 2 x زيت أركان. المبلغ 265.00 درهم، التوصيل إلى تيزنيت. للقبول أرسلوا 100042 نعم";
    SmsEncoding.Encoded encoded = SmsEncoding.encode(text, 0x2A);

    assertThat(encoded.dataCoding()).isEqualTo(SmsEncoding.UCS2);
    assertThat(text.length()).isBetween(71, 134);
    assertThat(encoded.segments()).hasSize(2);
    assertThat(encoded.concatenated()).isTrue();
    byte[] first = encoded.segments().get(0);
    byte[] second = encoded.segments().get(1);
    assertThat(Arrays.copyOf(first, 6)).containsExactly(0x05, 0x00, 0x03, 0x2A, 2, 1);
    assertThat(Arrays.copyOf(second, 6)).containsExactly(0x05, 0x00, 0x03, 0x2A, 2, 2);
    assertThat(first.length - 6).isEqualTo(67 * 2);
    String joined =
        new String(Arrays.copyOfRange(first, 6, first.length), StandardCharsets.UTF_16BE)
            + new String(Arrays.copyOfRange(second, 6, second.length), StandardCharsets.UTF_16BE);
    assertThat(joined).isEqualTo(text);
  }

  @Test
  void an_extension_character_costs_two_septets_and_never_splits_across_segments() {
    assertThat(SmsEncoding.fitsGsm7("Prix : 10€ [promo]")).isTrue();
    assertThat(SmsEncoding.segmentsFor("€".repeat(80))).isEqualTo(1);
    SmsEncoding.Encoded encoded = SmsEncoding.encode("a" + "€".repeat(80), 3);
    assertThat(encoded.segments()).hasSize(2);
    // 153 septets of room: "a" and 76 euros (152 septets); the 77th would need 154.
    assertThat(encoded.segments().get(0).length - 6).isEqualTo(153);
    assertThat(encoded.segments().get(0)[encoded.segments().get(0).length - 1])
        .isEqualTo((byte) 0x65);
  }

  @Test
  void a_text_with_one_character_outside_gsm_goes_as_ucs2() {
    assertThat(SmsEncoding.fitsGsm7("Merci ✓")).isFalse();
    assertThat(SmsEncoding.encode("Merci ✓", 1).dataCoding()).isEqualTo(SmsEncoding.UCS2);
  }

  @Test
  void gsm7_septets_are_those_of_the_gsm_03_38_tables() {
    // Written from the GSM 03.38 default alphabet and its extension table, not from SmsEncoding:
    // '@' 0x00, 'é' 0x05, 'è' 0x04, 'à' 0x7F, 'É' 0x1F, 'ù' 0x06, '_' 0x11, 'Ñ' 0x5D, '¿' 0x60;
    // '€' is escape 0x1B then 0x65, '[' 0x1B 0x3C, ']' 0x1B 0x3E, '|' 0x1B 0x40, '^' 0x1B 0x14.
    SmsEncoding.Encoded encoded = SmsEncoding.encode("@é è à É ù_Ñ¿ 10€ [a]|^", 1);

    assertThat(encoded.dataCoding()).isEqualTo(SmsEncoding.GSM7);
    assertThat(encoded.segments().get(0))
        .containsExactly(
            0x00, 0x05, 0x20, 0x04, 0x20, 0x7F, 0x20, 0x1F, 0x20, 0x06, 0x11, 0x5D, 0x60, 0x20,
            0x31, 0x30, 0x1B, 0x65, 0x20, 0x1B, 0x3C, 0x61, 0x1B, 0x3E, 0x1B, 0x40, 0x1B, 0x14);
  }
}
