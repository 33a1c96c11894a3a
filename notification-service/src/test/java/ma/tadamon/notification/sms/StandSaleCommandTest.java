package ma.tadamon.notification.sms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandSaleCommandTest {

  @Test
  void a_sale_reads_in_french_arabic_darija_and_english_as_typed_on_a_basic_phone() {
    assertThat(StandSaleCommand.parse("VENTE 3 2")).contains(new StandSaleCommand(3, 2));
    assertThat(StandSaleCommand.parse("vente: 3, 2.")).contains(new StandSaleCommand(3, 2));
    assertThat(StandSaleCommand.parse("Vendu 12 1")).contains(new StandSaleCommand(12, 1));
    assertThat(StandSaleCommand.parse("بيع ٣ ٢")).contains(new StandSaleCommand(3, 2));
    assertThat(StandSaleCommand.parse("bi3 7 10")).contains(new StandSaleCommand(7, 10));
    assertThat(StandSaleCommand.parse("SOLD 4 1")).contains(new StandSaleCommand(4, 1));
    assertThat(StandSaleCommand.parse("vente 5"))
        .as("one item")
        .contains(new StandSaleCommand(5, 1));
  }

  @Test
  void an_order_reply_or_a_sale_without_its_numbers_is_not_one() {
    assertThat(StandSaleCommand.parse("100042 OK")).isEmpty();
    assertThat(StandSaleCommand.parse("VENTE")).isEmpty();
    assertThat(StandSaleCommand.parse("VENTE huile 2")).isEmpty();
    assertThat(StandSaleCommand.parse("VENTE 0 2")).isEmpty();
    assertThat(StandSaleCommand.parse("VENTE 3 0")).isEmpty();
    assertThat(StandSaleCommand.parse("merci pour la vente 3 2")).isEmpty();
    assertThat(StandSaleCommand.parse(null)).isEmpty();
  }
}
