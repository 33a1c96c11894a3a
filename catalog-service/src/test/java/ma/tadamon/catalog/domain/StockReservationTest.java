package ma.tadamon.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.catalog.domain.StockReservation.Availability;
import ma.tadamon.catalog.domain.StockReservation.Held;
import ma.tadamon.catalog.domain.StockReservation.Shortage;
import org.junit.jupiter.api.Test;

class StockReservationTest {

  private final UUID argan = UUID.randomUUID();
  private final UUID saffron = UUID.randomUUID();

  @Test
  void each_move_of_a_reservation_moves_the_counters_as_the_store_writes_them() {
    Product product = product(10, 4);

    assertThat(counters(new Held(argan, 3, Held.Status.HELD).appliedTo(product)))
        .as("held: reserved")
        .containsExactly(10, 7);
    assertThat(counters(new Held(argan, 3, Held.Status.RELEASED).appliedTo(product)))
        .as("released: back on sale")
        .containsExactly(10, 1);
    assertThat(counters(new Held(argan, 3, Held.Status.SOLD).appliedTo(product)))
        .as("sold: off the shelf, no longer reserved")
        .containsExactly(7, 1);
    assertThat(counters(new Held(argan, 3, Held.Status.RETURNED).appliedTo(product)))
        .as("returned: on the shelf again")
        .containsExactly(13, 4);
    assertThat(new Held(argan, 6, Held.Status.HELD).appliedTo(product).inStock())
        .as("the last six held: sold out")
        .isFalse();
  }

  private static List<Integer> counters(Product product) {
    return List.of(product.stockOnHand(), product.stockReserved());
  }

  private static Product product(int onHand, int reserved) {
    return new Product(
        UUID.randomUUID(),
        UUID.randomUUID(),
        Map.of("fr", "Huile d'argan"),
        Map.of("fr", "..."),
        Category.ARGAN_OIL,
        12_000,
        "1 l",
        List.of(),
        List.of(),
        List.of(),
        true,
        onHand,
        reserved,
        Instant.parse("2026-12-01T10:00:00Z"));
  }

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

  @Test
  void orders_decided_one_after_another_find_what_those_before_them_held_taken() {
    StockReservation.Shelf shelf =
        new StockReservation.Shelf(
            List.of(new Availability(argan, 5, 2, true), new Availability(saffron, 1, 0, true)));

    assertThat(shelf.hold(Map.of(argan, 2))).isEmpty();
    assertThat(shelf.hold(Map.of(argan, 1, saffron, 2)))
        .as("all or nothing: the argan it could have had stays on the shelf")
        .containsExactly(new Shortage(saffron, 2, 1));
    assertThat(shelf.hold(Map.of(argan, 2))).containsExactly(new Shortage(argan, 2, 1));
    assertThat(shelf.hold(Map.of(argan, 1, saffron, 1))).isEmpty();
    assertThat(shelf.hold(Map.of(argan, 1))).containsExactly(new Shortage(argan, 1, 0));
  }
}
