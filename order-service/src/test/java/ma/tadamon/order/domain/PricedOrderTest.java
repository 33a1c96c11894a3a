package ma.tadamon.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PricedOrderTest {

  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

  private final UUID tifaouine = UUID.randomUUID();
  private final UUID nakhil = UUID.randomUUID();
  private final CatalogProduct argan = product(tifaouine, 12_000, "souss-massa", true, true);
  private final CatalogProduct dates = product(nakhil, 15_000, "draa-tafilalet", true, true);

  @Test
  void an_order_is_split_per_cooperative_with_its_own_shipping_fee() {
    CheckoutRequest request =
        request("souss-massa", line(argan, 2), line(dates, 1), line(argan, 1));

    PricedOrder order =
        PricedOrder.price(
                request, catalog(argan, dates), ShippingFees.STANDARD, Optional.empty(), TODAY)
            .order();

    assertThat(order.parts())
        .containsExactly(
            new PricedOrder.CooperativePart(tifaouine, 36_000, 2_500, null),
            new PricedOrder.CooperativePart(nakhil, 15_000, 4_500, null));
    assertThat(order.totalCentimes()).isEqualTo(36_000 + 2_500 + 15_000 + 4_500);
  }

  @Test
  void a_part_of_500_dirhams_or_more_ships_free() {
    CheckoutRequest request = request("oriental", line(dates, 4));

    PricedOrder order =
        PricedOrder.price(request, catalog(dates), ShippingFees.STANDARD, Optional.empty(), TODAY)
            .order();

    assertThat(order.shippingCentimes()).isZero();
    assertThat(order.totalCentimes()).isEqualTo(60_000);
  }

  @Test
  void unknown_withdrawn_and_unverified_products_are_refused_by_line() {
    CatalogProduct withdrawn = product(tifaouine, 5_000, "souss-massa", false, true);
    CatalogProduct unverified = product(UUID.randomUUID(), 5_000, "oriental", true, false);
    CheckoutRequest request =
        request(
            "souss-massa",
            new CheckoutRequest.Line(UUID.randomUUID(), 1),
            line(withdrawn, 1),
            line(unverified, 1));

    PricedOrder.Result result =
        PricedOrder.price(
            request,
            catalog(withdrawn, unverified),
            ShippingFees.STANDARD,
            Optional.empty(),
            TODAY);

    assertThat(result.order()).isNull();
    assertThat(result.problems())
        .extracting(problem -> problem.field())
        .containsExactly("lines[0].productId", "lines[1].productId", "lines[2].productId");
  }

  private static CatalogProduct product(
      UUID cooperative, long price, String region, boolean active, boolean verified) {
    return new CatalogProduct(
        UUID.randomUUID(),
        cooperative,
        Map.of("fr", "produit"),
        "ceramics",
        price,
        "1 u",
        active,
        region,
        verified);
  }

  private static CheckoutRequest.Line line(CatalogProduct product, int quantity) {
    return new CheckoutRequest.Line(product.id(), quantity);
  }

  @Test
  void a_pick_up_at_the_fair_has_each_part_at_its_stand_and_no_shipping_fee() {
    CatalogFair fair = fair(TODAY.minusDays(2), TODAY, Map.of(tifaouine, "B7", nakhil, "C2"));
    CheckoutRequest request = pickUp(fair.slug(), line(argan, 1), line(dates, 1));

    PricedOrder order =
        PricedOrder.price(
                request, catalog(argan, dates), ShippingFees.STANDARD, Optional.of(fair), TODAY)
            .order();

    assertThat(order.parts())
        .containsExactly(
            new PricedOrder.CooperativePart(tifaouine, 12_000, 0, "B7"),
            new PricedOrder.CooperativePart(nakhil, 15_000, 0, "C2"));
    assertThat(order.totalCentimes()).isEqualTo(27_000);
  }

  @Test
  void a_pick_up_is_refused_outside_the_fairs_days_at_an_unknown_fair_or_without_a_stand() {
    CatalogFair fair = fair(TODAY.plusDays(1), TODAY.plusDays(9), Map.of(tifaouine, "B7"));
    CheckoutRequest request = pickUp(fair.slug(), line(argan, 1));

    assertThat(
            PricedOrder.price(
                    request, catalog(argan), ShippingFees.STANDARD, Optional.of(fair), TODAY)
                .problems())
        .singleElement()
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("pickupAt"));
    assertThat(
            PricedOrder.price(
                    request,
                    catalog(argan),
                    ShippingFees.STANDARD,
                    Optional.of(fair),
                    TODAY.plusDays(10))
                .problems())
        .as("the day after it ended")
        .hasSize(1);
    assertThat(
            PricedOrder.price(
                    request, catalog(argan), ShippingFees.STANDARD, Optional.empty(), TODAY)
                .problems())
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).isEqualTo("no such fair"));
    assertThat(
            PricedOrder.price(
                    pickUp(fair.slug(), line(argan, 1), line(dates, 1)),
                    catalog(argan, dates),
                    ShippingFees.STANDARD,
                    Optional.of(fair),
                    TODAY.plusDays(1))
                .problems())
        .as("the dates' cooperative has no stand")
        .singleElement()
        .satisfies(problem -> assertThat(problem.field()).isEqualTo("lines[1].productId"));
  }

  private static CatalogFair fair(LocalDate from, LocalDate to, Map<UUID, String> stands) {
    return new CatalogFair(
        UUID.randomUUID(),
        "agadir-2026",
        "fair-agadir-2026",
        Map.of("fr", "Salon d'Agadir"),
        "souss-massa",
        Map.of("fr", "Agadir"),
        Map.of("fr", "Place Al Amal"),
        from,
        to,
        stands);
  }

  private static CheckoutRequest pickUp(String fair, CheckoutRequest.Line... lines) {
    return new CheckoutRequest(
        List.of(lines),
        new CheckoutRequest.Contact("Amina", "+212612345678", null),
        null,
        "CASH_ON_DELIVERY",
        "fr",
        null,
        null,
        null,
        fair);
  }

  private static Map<UUID, CatalogProduct> catalog(CatalogProduct... products) {
    return Arrays.stream(products).collect(Collectors.toMap(CatalogProduct::id, p -> p));
  }

  private static CheckoutRequest request(String region, CheckoutRequest.Line... lines) {
    return new CheckoutRequest(
        List.of(lines),
        new CheckoutRequest.Contact("Amina", "+212612345678", null),
        new CheckoutRequest.Address("1 rue", "Ville", null, region),
        "CASH_ON_DELIVERY",
        "fr",
        null,
        null,
        null,
        null);
  }
}
