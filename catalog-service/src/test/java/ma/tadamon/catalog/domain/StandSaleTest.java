package ma.tadamon.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

class StandSaleTest {

  @Test
  void what_leaves_the_stand_leaves_the_shelf_never_what_orders_hold() {
    Product dates = product(10, 3);

    assertThat(StandSale.sell(dates, 2).stockOnHand()).isEqualTo(8);
    assertThat(StandSale.sell(dates, 7).stockAvailable()).isZero();
    assertThatThrownBy(() -> StandSale.sell(dates, 8))
        .as("the orders' three stay held")
        .isInstanceOfSatisfying(
            DomainException.class,
            refused -> {
              assertThat(refused.code()).isEqualTo(StandSale.STOCK_SHORT);
              assertThat(refused.facts()).containsEntry("available", 7);
            });
  }

  @Test
  void a_sale_costs_the_shops_price_unless_the_stand_asked_another() {
    Product dates = product(10, 0);
    UUID id = dates.id();
    assertThat(StandSale.amount(new StandSale.Request(id, 3, null), dates)).isEqualTo(27_000);
    assertThat(StandSale.amount(new StandSale.Request(id, 3, 25_000L), dates)).isEqualTo(25_000);
    assertThat(new StandSale.Request(id, 0, null).problems()).hasSize(1);
    assertThat(new StandSale.Request(null, 1001, -5L).problems()).hasSize(3);
  }

  private static Product product(int onHand, int reserved) {
    return new Product(
        UUID.randomUUID(),
        UUID.randomUUID(),
        Map.of("fr", "Dattes Mejhoul"),
        Map.of("fr", "..."),
        Category.DATES,
        9_000,
        "1 kg",
        List.of(),
        List.of(),
        List.of(),
        true,
        onHand,
        reserved,
        Instant.parse("2026-12-01T10:00:00Z"));
  }
}
