package ma.tadamon.payment.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AmountsTest {

  @Test
  void centimes_become_the_gateways_decimal_dirhams_and_back_exactly() {
    assertThat(Amounts.decimal(26_500)).isEqualTo("265.00");
    assertThat(Amounts.decimal(5)).isEqualTo("0.05");
    assertThat(Amounts.decimal(123_456_789_01L)).isEqualTo("123456789.01");
    for (long centimes : new long[] {0, 1, 99, 100, 26_501, 999_999_999_99L}) {
      assertThat(Amounts.centimes(Amounts.decimal(centimes))).contains(centimes);
    }
  }

  @Test
  void anything_but_two_decimals_is_not_an_amount() {
    for (String bad :
        new String[] {"265", "265.0", "265.005", "-1.00", "1e3", "0265.00", " 265.00", "", "NaN"}) {
      assertThat(Amounts.centimes(bad)).as(bad).isEqualTo(Optional.empty());
    }
    assertThat(Amounts.centimes(null)).isEmpty();
  }
}
