package ma.tadamon.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PricedOrderTest {

  private final UUID tifaouine = UUID.randomUUID();
  private final UUID nakhil = UUID.randomUUID();
  private final CatalogProduct argan = product(tifaouine, 12_000, "souss-massa", true, true);
  private final CatalogProduct dates = product(nakhil, 15_000, "draa-tafilalet", true, true);

  @Test
  void an_order_is_split_per_cooperative_with_its_own_shipping_fee() {
    CheckoutRequest request =
        request("souss-massa", line(argan, 2), line(dates, 1), line(argan, 1));

    PricedOrder order =
        PricedOrder.price(request, catalog(argan, dates), ShippingFees.STANDARD).order();

    assertThat(order.parts())
        .containsExactly(
            new PricedOrder.CooperativePart(tifaouine, 36_000, 2_500),
            new PricedOrder.CooperativePart(nakhil, 15_000, 4_500));
    assertThat(order.totalCentimes()).isEqualTo(36_000 + 2_500 + 15_000 + 4_500);
  }

  @Test
  void a_part_of_500_dirhams_or_more_ships_free() {
    CheckoutRequest request = request("oriental", line(dates, 4));

    PricedOrder order = PricedOrder.price(request, catalog(dates), ShippingFees.STANDARD).order();

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
        PricedOrder.price(request, catalog(withdrawn, unverified), ShippingFees.STANDARD);

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
        null);
  }
}
