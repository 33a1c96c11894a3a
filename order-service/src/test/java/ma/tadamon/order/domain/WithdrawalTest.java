package ma.tadamon.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.domain.DomainException;
import org.junit.jupiter.api.Test;

/** The law's window and what a withdrawal may take, decided without any infrastructure. */
class WithdrawalTest {

  private static final UUID COOPERATIVE = UUID.randomUUID();
  private static final UUID OIL = UUID.randomUUID();
  private static final UUID BOWL = UUID.randomUUID();
  private static final UUID DATES = UUID.randomUUID();

  /** 2026: 18 November (a Wednesday) is Independence Day; Eid al-Adha is expected on 27–28 May. */
  private static final WithdrawalPolicy POLICY =
      new WithdrawalPolicy(
          7,
          Duration.ofDays(15),
          Set.of("dates", "amlou"),
          WithdrawalPolicy.PublicHolidays.parse(
              WithdrawalPolicy.PublicHolidays.NATIONAL,
              WithdrawalPolicy.PublicHolidays.EXPECTED_RELIGIOUS));

  @Test
  void the_window_is_seven_days_from_delivery_on_a_working_day() {
    // Delivered Tuesday 1 December 2026: the seventh day is Tuesday 8 December.
    assertThat(POLICY.lastDay(moroccan("2026-12-01", "10:00"))).isEqualTo("2026-12-08");
  }

  @Test
  void a_window_ending_on_a_weekend_moves_to_the_monday() {
    // Delivered Saturday 5 December: the seventh day is Saturday 12 → Monday 14.
    assertThat(POLICY.lastDay(moroccan("2026-12-05", "09:00"))).isEqualTo("2026-12-14");
  }

  @Test
  void a_window_ending_on_a_holiday_moves_to_the_next_working_day() {
    // Delivered Wednesday 11 November: the seventh day is Wednesday 18, Independence Day → 19.
    assertThat(POLICY.lastDay(moroccan("2026-11-11", "16:00"))).isEqualTo("2026-11-19");
    // Delivered Wednesday 20 May: the seventh day is Eid al-Adha (27, 28) → Friday 29.
    assertThat(POLICY.lastDay(moroccan("2026-05-20", "12:00"))).isEqualTo("2026-05-29");
    // A holiday then a weekend: delivered Friday 25 December, the seventh day is New Year's Day
    // 2027, a Friday → Monday 4 January.
    assertThat(POLICY.lastDay(moroccan("2026-12-25", "12:00"))).isEqualTo("2027-01-04");
  }

  @Test
  void the_days_are_moroccan_days_whatever_the_hour_in_utc() {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Casablanca (UTC+1).
    assertThat(POLICY.lastDay(Instant.parse("2026-11-30T23:30:00Z"))).isEqualTo("2026-12-08");
  }

  @Test
  void the_last_day_is_open_until_midnight_and_day_eight_is_refused() {
    Instant delivered = moroccan("2026-12-01", "10:00");
    Withdrawal made =
        Withdrawal.request(
            order(delivered, false),
            COOPERATIVE,
            List.of(),
            Optional.empty(),
            POLICY,
            moroccan("2026-12-08", "23:59"));
    assertThat(made.status()).isEqualTo(Withdrawal.Status.REQUESTED);

    DomainException late =
        catchThrowableOfType(
            DomainException.class,
            () ->
                Withdrawal.request(
                    order(delivered),
                    COOPERATIVE,
                    List.of(new Withdrawal.Asked(OIL, 1)),
                    Optional.empty(),
                    POLICY,
                    moroccan("2026-12-09", "00:01")));
    assertThat(late.code()).isEqualTo("withdrawal-period-over");
    assertThat(late.kind()).isEqualTo(DomainException.Kind.REFUSED);
  }

  @Test
  void a_whole_part_refunds_everything_paid_for_it_but_the_excluded_goods_refuse_it() {
    OrderView order = order(moroccan("2026-12-01", "10:00"));
    DomainException excluded =
        catchThrowableOfType(
            DomainException.class,
            () ->
                Withdrawal.request(
                    order, COOPERATIVE, List.of(), Optional.empty(), POLICY, soon()));
    assertThat(excluded.code()).isEqualTo("excluded-from-withdrawal");

    OrderView withoutDates = order(moroccan("2026-12-01", "10:00"), false);
    Withdrawal whole =
        Withdrawal.request(withoutDates, COOPERATIVE, List.of(), Optional.empty(), POLICY, soon());
    assertThat(whole.wholePart()).isTrue();
    assertThat(whole.amountCentimes()).as("2 × 95 + 1 × 160 + shipping 35").isEqualTo(38_500);
  }

  @Test
  void some_lines_refund_their_price_to_the_centime_and_no_shipping() {
    Withdrawal some =
        Withdrawal.request(
            order(moroccan("2026-12-01", "10:00")),
            COOPERATIVE,
            List.of(new Withdrawal.Asked(OIL, 1), new Withdrawal.Asked(BOWL, 1)),
            Optional.empty(),
            POLICY,
            soon());
    assertThat(some.wholePart()).isFalse();
    assertThat(some.amountCentimes()).isEqualTo(9_550 + 16_000);
    assertThat(some.refundDueBy()).isEqualTo(soon().plus(Duration.ofDays(15)));
  }

  @Test
  void excluded_goods_alone_are_refused_and_others_beside_them_are_not() {
    OrderView order = order(moroccan("2026-12-01", "10:00"));
    assertThatThrownBy(
            () ->
                Withdrawal.request(
                    order,
                    COOPERATIVE,
                    List.of(new Withdrawal.Asked(DATES, 1)),
                    Optional.empty(),
                    POLICY,
                    soon()))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("excluded-from-withdrawal"));
  }

  @Test
  void an_undelivered_part_a_second_withdrawal_and_wrong_lines_are_refused() {
    OrderView shipped = order(null);
    assertThat(refusal(shipped, List.of(), Optional.empty()).code()).isEqualTo("not-delivered");

    OrderView order = order(moroccan("2026-12-01", "10:00"));
    Withdrawal first =
        Withdrawal.request(
            order,
            COOPERATIVE,
            List.of(new Withdrawal.Asked(OIL, 1)),
            Optional.empty(),
            POLICY,
            soon());
    assertThat(refusal(order, List.of(new Withdrawal.Asked(BOWL, 1)), Optional.of(first)).code())
        .isEqualTo("already-withdrawn");

    assertThat(refusal(order, List.of(new Withdrawal.Asked(OIL, 3)), Optional.empty()).kind())
        .as("more than bought")
        .isEqualTo(DomainException.Kind.INVALID);
    assertThat(
            refusal(order, List.of(new Withdrawal.Asked(UUID.randomUUID(), 1)), Optional.empty())
                .kind())
        .as("not of this part")
        .isEqualTo(DomainException.Kind.INVALID);
    assertThat(
            refusal(
                    order,
                    List.of(new Withdrawal.Asked(OIL, 1), new Withdrawal.Asked(OIL, 1)),
                    Optional.empty())
                .kind())
        .as("named twice")
        .isEqualTo(DomainException.Kind.INVALID);
  }

  @Test
  void goods_received_then_refunded_each_once() {
    Withdrawal asked =
        Withdrawal.request(
            order(moroccan("2026-12-01", "10:00")),
            COOPERATIVE,
            List.of(new Withdrawal.Asked(OIL, 2)),
            Optional.empty(),
            POLICY,
            soon());
    Withdrawal received = asked.received("coop-manager", soon()).orElseThrow();
    assertThat(received.status()).isEqualTo(Withdrawal.Status.RECEIVED);
    assertThat(received.received("coop-manager", soon())).isEmpty();
    Withdrawal refunded = received.refunded(soon()).orElseThrow();
    assertThat(refunded.status()).isEqualTo(Withdrawal.Status.REFUNDED);
    assertThat(refunded.refunded(soon())).isEmpty();
    assertThat(received.refundOverdue(soon().plus(Duration.ofDays(16)))).isTrue();
    assertThat(refunded.refundOverdue(soon().plus(Duration.ofDays(16)))).isFalse();
  }

  private static DomainException refusal(
      OrderView order, List<Withdrawal.Asked> lines, Optional<Withdrawal> earlier) {
    return catchThrowableOfType(
        DomainException.class,
        () -> Withdrawal.request(order, COOPERATIVE, lines, earlier, POLICY, soon()));
  }

  private static Instant soon() {
    return moroccan("2026-12-03", "12:00");
  }

  private static Instant moroccan(String day, String time) {
    return LocalDate.parse(day)
        .atTime(LocalTime.parse(time))
        .atZone(WithdrawalPolicy.ZONE)
        .toInstant();
  }

  private static OrderView order(Instant deliveredAt) {
    return order(deliveredAt, true);
  }

  /**
   * Two bottles of oil at 95.50, a bowl at 160, and (if asked) dates, delivered at {@code
   * deliveredAt}.
   */
  private static OrderView order(Instant deliveredAt, boolean withDates) {
    List<OrderView.Line> lines =
        withDates
            ? List.of(
                line(1, OIL, 9_550, 2, "argan-oil"),
                line(2, BOWL, 16_000, 1, "ceramics"),
                line(3, DATES, 7_000, 1, "dates"))
            : List.of(line(1, OIL, 9_500, 2, "argan-oil"), line(2, BOWL, 16_000, 1, "ceramics"));
    long subtotal = lines.stream().mapToLong(l -> l.unitPriceCentimes() * l.quantity()).sum();
    return new OrderView(
        UUID.randomUUID(),
        "100001",
        OrderStatus.CONFIRMED,
        PaymentMethod.CASH_ON_DELIVERY,
        "ar",
        new CheckoutRequest.Contact("Fatima", "+212612345678", null),
        new CheckoutRequest.Address("12 rue Tarik", "Agadir", "80000", "souss-massa"),
        null,
        subtotal,
        3_500,
        subtotal + 3_500,
        "hash",
        Instant.parse("2026-11-28T10:00:00Z"),
        PhoneCheck.NOT_REQUIRED,
        lines,
        List.of(
            new OrderView.Part(
                COOPERATIVE,
                deliveredAt == null
                    ? CooperativeOrderStatus.SHIPPED
                    : CooperativeOrderStatus.DELIVERED,
                subtotal,
                3_500,
                null,
                null,
                deliveredAt,
                null)),
        List.of(),
        null,
        null);
  }

  private static OrderView.Line line(
      int number, UUID product, long price, int quantity, String category) {
    return new OrderView.Line(
        number, product, COOPERATIVE, Map.of("fr", "article"), "1 u", price, quantity, category);
  }
}
