package ma.tadamon.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import org.junit.jupiter.api.Test;

/** What an invoice and a credit note carry, decided without any infrastructure. */
class InvoiceTest {

  private static final UUID COOPERATIVE = UUID.randomUUID();
  private static final UUID OIL = UUID.randomUUID();
  private static final UUID BOWL = UUID.randomUUID();
  private static final Instant DELIVERED = Instant.parse("2026-12-01T10:00:00Z");
  private static final Invoice.Seller SELLER =
      new Invoice.Seller(
          Map.of("fr", "Coopérative Tifaouine", "ar", "تعاونية تيفاوين"),
          "ODCO-SM-2004-0117",
          "002004117000017",
          "40100000",
          "Tiznit");

  @Test
  void a_delivered_part_is_invoiced_line_by_line_with_its_shipping_and_its_buyer() {
    Invoice invoice = Invoice.forPart(order(), COOPERATIVE, SELLER, 0, DELIVERED).numbered(42);

    assertThat(invoice.displayNumber()).isEqualTo("F-000042");
    assertThat(invoice.lines())
        .extracting(Invoice.Line::quantity, Invoice.Line::unitPriceCentimes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(2, 9_550L),
            org.assertj.core.groups.Tuple.tuple(1, 16_000L),
            org.assertj.core.groups.Tuple.tuple(1, 3_500L));
    assertThat(invoice.totalCentimes()).isEqualTo(2 * 9_550 + 16_000 + 3_500);
    assertThat(invoice.vatCentimes()).isZero();
    assertThat(invoice.netCentimes()).isEqualTo(invoice.totalCentimes());
    assertThat(invoice.buyer().name()).isEqualTo("Fatima");
    assertThat(invoice.seller().ice()).isEqualTo("002004117000017");
  }

  @Test
  void vat_is_taken_out_of_prices_that_include_it_to_the_centime_half_up() {
    // 120.00 all taxes included at 20 %: 100.00 + 20.00.
    assertThat(Invoice.vatIncludedIn(12_000, 2_000)).isEqualTo(2_000);
    // 0.01 at 20 %: 0.00166… → 0.00; 0.03 → 0.005 → half up, 0.01.
    assertThat(Invoice.vatIncludedIn(1, 2_000)).isZero();
    assertThat(Invoice.vatIncludedIn(3, 2_000)).isEqualTo(1);
    // 95.50 at 10 %: 8.6818… → 8.68.
    assertThat(Invoice.vatIncludedIn(9_550, 1_000)).isEqualTo(868);
    assertThat(Invoice.vatIncludedIn(9_550, 0)).isZero();
  }

  @Test
  void a_withdrawal_is_credited_by_its_lines_and_the_shipping_of_a_whole_part() {
    OrderView order = order();
    Invoice invoice = Invoice.forPart(order, COOPERATIVE, SELLER, 0, DELIVERED).numbered(1);
    WithdrawalPolicy policy =
        new WithdrawalPolicy(
            7,
            Duration.ofDays(15),
            Set.of(),
            WithdrawalPolicy.PublicHolidays.parse(WithdrawalPolicy.PublicHolidays.NATIONAL, ""));
    Instant soon = DELIVERED.plus(Duration.ofDays(2));

    Withdrawal some =
        Withdrawal.request(
            order,
            COOPERATIVE,
            List.of(new Withdrawal.Asked(OIL, 1)),
            Optional.empty(),
            policy,
            soon);
    Invoice partial =
        Invoice.creditNote(invoice, order, UUID.randomUUID(), some.amountCentimes(), some, soon)
            .numbered(2);
    assertThat(partial.displayNumber()).isEqualTo("AV-000002");
    assertThat(partial.lines()).hasSize(1);
    assertThat(partial.totalCentimes()).isEqualTo(9_550);

    Withdrawal whole =
        Withdrawal.request(order, COOPERATIVE, List.of(), Optional.empty(), policy, soon);
    Invoice all =
        Invoice.creditNote(invoice, order, UUID.randomUUID(), whole.amountCentimes(), whole, soon);
    assertThat(all.totalCentimes()).isEqualTo(invoice.totalCentimes());
    assertThat(all.lines()).last().extracting(Invoice.Line::name).isEqualTo(Invoice.SHIPPING_LINE);

    Invoice other = Invoice.creditNote(invoice, order, UUID.randomUUID(), 2_000, null, soon);
    assertThat(other.lines())
        .singleElement()
        .extracting(Invoice.Line::name)
        .isEqualTo(Invoice.REFUND_LINE);
    assertThat(other.totalCentimes()).isEqualTo(2_000);
  }

  private static OrderView order() {
    List<OrderView.Line> lines =
        List.of(
            new OrderView.Line(
                1, OIL, COOPERATIVE, Map.of("fr", "Huile"), "l", 9_550, 2, "argan-oil"),
            new OrderView.Line(
                2, BOWL, COOPERATIVE, Map.of("fr", "Bol"), "u", 16_000, 1, "ceramics"));
    return new OrderView(
        UUID.randomUUID(),
        "100001",
        OrderStatus.COMPLETED,
        PaymentMethod.CASH_ON_DELIVERY,
        "fr",
        new CheckoutRequest.Contact("Fatima", "+212612345678", null),
        new CheckoutRequest.Address("12 rue Tarik", "Agadir", "80000", "souss-massa"),
        null,
        35_100,
        3_500,
        38_600,
        "hash",
        DELIVERED.minus(Duration.ofDays(3)),
        PhoneCheck.NOT_REQUIRED,
        lines,
        List.of(
            new OrderView.Part(
                COOPERATIVE,
                CooperativeOrderStatus.DELIVERED,
                35_100,
                3_500,
                null,
                null,
                DELIVERED,
                null)),
        List.of(),
        null,
        null);
  }
}
