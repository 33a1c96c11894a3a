package ma.tadamon.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.domain.StockReservation.Availability;
import ma.tadamon.catalog.domain.StockReservation.Shortage;
import org.junit.jupiter.api.Test;

class StockReservationTest {

  private final UUID argan = UUID.randomUUID();
  private final UUID saffron = UUID.randomUUID();

  @Test
  void lines_for_the_same_product_count_together() {
    Map<UUID, Integer> totals =
        StockReservation.totalsByProduct(
            List.of(Map.entry(argan, 2), Map.entry(saffron, 1), Map.entry(argan, 3)));

    assertThat(totals).containsExactlyInAnyOrderEntriesOf(Map.of(argan, 5, saffron, 1));
  }

  @Test
  void what_is_free_is_on_hand_minus_what_is_already_held() {
    Map<UUID, Availability> stock = Map.of(argan, new Availability(argan, 10, 7, true));

    assertThat(StockReservation.shortages(Map.of(argan, 3), stock)).isEmpty();
    assertThat(StockReservation.shortages(Map.of(argan, 4), stock))
        .containsExactly(new Shortage(argan, 4, 3));
  }

  @Test
  void a_withdrawn_or_unknown_product_has_nothing_to_sell() {
    Map<UUID, Availability> stock = Map.of(argan, new Availability(argan, 10, 0, false));

    assertThat(StockReservation.shortages(Map.of(argan, 1, saffron, 1), stock))
        .containsExactlyInAnyOrder(new Shortage(argan, 1, 0), new Shortage(saffron, 1, 0));
  }
}
