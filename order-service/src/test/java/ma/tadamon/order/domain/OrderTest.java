package ma.tadamon.order.domain;

import static ma.tadamon.order.domain.CooperativeOrderStatus.ACCEPTED;
import static ma.tadamon.order.domain.CooperativeOrderStatus.CANCELLED;
import static ma.tadamon.order.domain.CooperativeOrderStatus.DECLINED;
import static ma.tadamon.order.domain.CooperativeOrderStatus.DELIVERED;
import static ma.tadamon.order.domain.CooperativeOrderStatus.NEW;
import static ma.tadamon.order.domain.CooperativeOrderStatus.PENDING;
import static ma.tadamon.order.domain.CooperativeOrderStatus.REFUSED;
import static ma.tadamon.order.domain.CooperativeOrderStatus.REJECTED;
import static ma.tadamon.order.domain.CooperativeOrderStatus.SHIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.CooperativeOrderAccepted;
import ma.tadamon.events.order.CooperativeOrderDeclined;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderRefused;
import ma.tadamon.events.order.CooperativeOrderShipped;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderRejected;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.events.order.PhoneConfirmationRequested;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.events.IntegrationEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The order aggregate's rules, state by state, with no database or broker. The expected outcomes
 * are written out here as tables, not computed from the enums' own transition rules, so that a
 * changed rule fails a line of a table.
 */
class OrderTest {

  private static final UUID ARGAN = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  private static final UUID SAFFRON = UUID.fromString("00000000-0000-0000-0000-00000000000b");
  private static final Instant DEADLINE = Instant.parse("2026-12-01T10:10:00Z");
  private static final ShopperAccess ACCESS = new ShopperAccess("digest", "/s/100042-AbCdEfGhIjKl");

  // ---- The saga's steps, from every state of the order.

  /**
   * What each saga step does from each state: the state it reaches, or null when ignored. The
   * orders are paid in cash on delivery, but for "stock reserved (card)".
   */
  private static final Map<String, Map<OrderStatus, OrderStatus>> SAGA =
      Map.of(
          "stock reserved (card)", Map.of(OrderStatus.PLACED, OrderStatus.RESERVED),
          "stock reserved (cash on delivery)", Map.of(OrderStatus.PLACED, OrderStatus.CONFIRMED),
          "stock rejected", Map.of(OrderStatus.PLACED, OrderStatus.REJECTED),
          "payment authorized", Map.of(OrderStatus.RESERVED, OrderStatus.CONFIRMED),
          "cancelled by the saga",
              Map.of(
                  OrderStatus.PLACED, OrderStatus.CANCELLED,
                  OrderStatus.RESERVED, OrderStatus.CANCELLED,
                  OrderStatus.CONFIRMED, OrderStatus.CANCELLED),
          "stock hold expired",
              Map.of(
                  OrderStatus.PLACED, OrderStatus.CANCELLED,
                  OrderStatus.RESERVED, OrderStatus.CANCELLED));

  private static final Map<String, Function<Order, OrderDecision>> STEPS =
      Map.of(
          "stock reserved (card)", order -> order.stockReserved(ACCESS, DEADLINE),
          "stock reserved (cash on delivery)", order -> order.stockReserved(ACCESS, DEADLINE),
          "stock rejected", order -> order.stockRejected("not enough stock"),
          "payment authorized",
              order -> order.paymentAuthorized("payment authorized (CARD)", ACCESS),
          "cancelled by the saga", order -> order.cancelledBySaga("payment failed: declined"),
          "stock hold expired", Order::stockHoldExpired);

  /** What each step announces when it moves the order. */
  private static final Map<String, Class<? extends IntegrationEvent>> ANNOUNCED =
      Map.of(
          "stock reserved (card)", OrderReserved.class,
          "stock reserved (cash on delivery)", OrderConfirmed.class,
          "stock rejected", OrderRejected.class,
          "payment authorized", OrderConfirmed.class,
          "cancelled by the saga", OrderCancelled.class,
          "stock hold expired", OrderCancelled.class);

  static Stream<Arguments> sagaStepsFromEveryState() {
    return STEPS.keySet().stream()
        .sorted()
        .flatMap(step -> Arrays.stream(OrderStatus.values()).map(from -> Arguments.of(step, from)));
  }

  @ParameterizedTest(name = "{0} from {1}")
  @MethodSource("sagaStepsFromEveryState")
  void each_saga_step_moves_the_order_only_from_the_states_it_may(String step, OrderStatus from) {
    OrderView view = view(from, partsFor(from));
    Order order = Order.of(step.endsWith("(card)") ? paidByCard(view) : view);
    OrderDecision decision = STEPS.get(step).apply(order);

    OrderStatus expected = SAGA.get(step).get(from);
    if (expected == null) {
      assertThat(decision.move()).as("ignored").isEmpty();
      assertThat(decision.events()).isEmpty();
      assertThat(decision.partMoves()).isEmpty();
      assertThat(decision.ignoredBecause()).isPresent();
    } else {
      assertThat(decision.move())
          .contains(new OrderDecision.Move(from, expected, decision.move().get().cause()));
      assertThat(decision.events()).singleElement().isInstanceOf(ANNOUNCED.get(step));
      assertThat(decision.ignoredBecause()).isEmpty();
    }
  }

  @Test
  void confirmation_gives_every_cooperative_its_part_and_tells_it_what_to_send() {
    OrderDecision decision =
        order(OrderStatus.RESERVED, PENDING, PENDING)
            .paymentAuthorized("payment authorized", ACCESS);

    assertThat(decision.partMoves())
        .extracting(OrderDecision.PartMove::cooperativeId, OrderDecision.PartMove::to)
        .containsExactly(tuple(ARGAN, NEW), tuple(SAFFRON, NEW));
    OrderConfirmed confirmed = (OrderConfirmed) decision.events().get(0);
    assertThat(confirmed.cooperativeOrders())
        .extracting(OrderConfirmed.CooperativePart::cooperativeId)
        .containsExactly(ARGAN, SAFFRON);
    assertThat(confirmed.cooperativeOrders().get(0).amountCentimes()).isEqualTo(12_000 + 2_500);
    assertThat(confirmed.cooperativeOrders().get(0).items()).hasSize(1);
  }

  @Test
  void a_cash_order_is_confirmed_with_what_payment_service_opens_its_payment_with() {
    OrderDecision decision =
        order(OrderStatus.PLACED, PENDING, PENDING).stockReserved(ACCESS, DEADLINE);

    assertThat(decision.move())
        .contains(
            new OrderDecision.Move(
                OrderStatus.PLACED, OrderStatus.CONFIRMED, "stock reserved; cash on delivery"));
    assertThat(decision.partMoves())
        .extracting(OrderDecision.PartMove::to)
        .containsExactly(NEW, NEW);
    OrderConfirmed confirmed = (OrderConfirmed) decision.events().get(0);
    assertThat(decision.events()).as("no payment to wait for").hasSize(1);
    assertThat(confirmed.accessTokenDigest()).isEqualTo("digest");
    assertThat(confirmed.orderLink()).isEqualTo("/s/100042-AbCdEfGhIjKl");
    assertThat(confirmed.totalCentimes()).isEqualTo(12_000 + 2_500 + 30_000 + 4_500);
    assertThat(confirmed.cooperativeOrders())
        .extracting(
            OrderConfirmed.CooperativePart::cooperativeId,
            OrderConfirmed.CooperativePart::amountCentimes,
            OrderConfirmed.CooperativePart::shippingCentimes)
        .containsExactly(tuple(ARGAN, 14_500L, 2_500L), tuple(SAFFRON, 34_500L, 4_500L));
  }

  @Test
  void a_rejection_rejects_every_part_and_a_cancellation_spares_what_already_ended() {
    assertThat(order(OrderStatus.PLACED, PENDING, PENDING).stockRejected("none").partMoves())
        .extracting(OrderDecision.PartMove::to)
        .containsExactly(REJECTED, REJECTED);

    OrderDecision cancelled =
        order(OrderStatus.CONFIRMED, DECLINED, ACCEPTED).cancelledBySaga("operator");
    assertThat(cancelled.partMoves())
        .singleElement()
        .satisfies(
            move -> {
              assertThat(move.cooperativeId()).isEqualTo(SAFFRON);
              assertThat(move.from()).isEqualTo(ACCEPTED);
              assertThat(move.to()).isEqualTo(CANCELLED);
              assertThat(move.byCooperative()).isFalse();
            });
  }

  @Test
  void a_reservation_announces_each_part_with_its_shipping_and_the_token_digest() {
    OrderReserved reserved =
        (OrderReserved)
            Order.of(paidByCard(view(OrderStatus.PLACED, PENDING, PENDING)))
                .stockReserved(ACCESS, DEADLINE)
                .events()
                .get(0);
    assertThat(reserved.accessTokenDigest()).isEqualTo("digest");
    assertThat(reserved.totalCentimes()).isEqualTo(12_000 + 2_500 + 30_000 + 4_500);
    assertThat(reserved.cooperativeOrders())
        .containsExactly(
            new OrderReserved.CooperativeAmount(ARGAN, 14_500, 2_500),
            new OrderReserved.CooperativeAmount(SAFFRON, 34_500, 4_500));
  }

  // ---- The shopper's phone, for cash-on-delivery orders that wait for it.

  @Test
  void an_order_waiting_for_the_phone_asks_for_a_code_and_tells_nobody_else() {
    OrderDecision reserved = awaitingPhone(OrderStatus.PLACED).stockReserved(ACCESS, DEADLINE);

    assertThat(reserved.move().map(OrderDecision.Move::to)).contains(OrderStatus.RESERVED);
    PhoneConfirmationRequested asked = (PhoneConfirmationRequested) reserved.events().get(0);
    assertThat(reserved.events()).hasSize(1);
    assertThat(asked.phone()).isEqualTo("+212612345678");
    assertThat(asked.language()).isEqualTo("ar");
    assertThat(asked.deadline()).isEqualTo(DEADLINE);
  }

  @Test
  void a_confirmed_phone_confirms_the_order_once() {
    OrderDecision confirmed = awaitingPhone(OrderStatus.RESERVED).phoneConfirmed(ACCESS);

    assertThat(confirmed.move())
        .contains(
            new OrderDecision.Move(
                OrderStatus.RESERVED, OrderStatus.CONFIRMED, "phone confirmed; cash on delivery"));
    assertThat(confirmed.phoneCheck()).contains(PhoneCheck.CONFIRMED);
    assertThat(confirmed.partMoves())
        .extracting(OrderDecision.PartMove::to)
        .containsExactly(NEW, NEW);
    assertThat(confirmed.events()).singleElement().isInstanceOf(OrderConfirmed.class);
    assertThat(
            Order.of(
                    withPhoneCheck(
                        view(OrderStatus.RESERVED, PENDING, PENDING), PhoneCheck.CONFIRMED))
                .phoneConfirmed(ACCESS)
                .changesNothing())
        .as("twice is harmless")
        .isTrue();
    assertThat(
            awaitingPhone(OrderStatus.RESERVED)
                .paymentAuthorized("payment authorized", ACCESS)
                .ignoredBecause())
        .as("a payment does not stand in for the phone")
        .isPresent();
    assertThat(awaitingPhone(OrderStatus.CANCELLED).phoneConfirmed(ACCESS).ignoredBecause())
        .as("too late: the order was cancelled at its deadline")
        .isPresent();
  }

  @Test
  void a_phone_that_cannot_be_confirmed_cancels_the_waiting_order_only() {
    OrderDecision cancelled =
        awaitingPhone(OrderStatus.RESERVED).phoneNotConfirmed("too many wrong codes");
    assertThat(cancelled.move().map(OrderDecision.Move::to)).contains(OrderStatus.CANCELLED);
    assertThat(cancelled.events()).singleElement().isInstanceOf(OrderCancelled.class);

    assertThat(
            order(OrderStatus.RESERVED, PENDING, PENDING)
                .phoneNotConfirmed("too many wrong codes")
                .ignoredBecause())
        .as("an order that waits for no phone is not cancelled for one")
        .isPresent();
  }

  @Test
  void phone_checks_are_asked_of_cash_on_delivery_orders_whose_shopper_has_not_proved_the_number() {
    assertThat(PhoneCheck.forNewOrder(true, false)).isEqualTo(PhoneCheck.AWAITING);
    assertThat(PhoneCheck.forNewOrder(true, true)).isEqualTo(PhoneCheck.NOT_REQUIRED);
    assertThat(PhoneCheck.forNewOrder(false, false)).isEqualTo(PhoneCheck.NOT_REQUIRED);
  }

  private static Order awaitingPhone(OrderStatus status) {
    return Order.of(withPhoneCheck(view(status, PENDING, PENDING), PhoneCheck.AWAITING));
  }

  // ---- Parcels refused at the door.

  @Test
  void a_cash_on_delivery_parcel_refused_at_the_door_comes_back_with_its_courier_cost() {
    OrderDecision refused =
        order(OrderStatus.CONFIRMED, SHIPPED, DELIVERED)
            .act(ARGAN, FulfilmentAction.REFUSE, new FulfilmentAction.Details(null, null, 4_000L));

    assertThat(refused.partMoves())
        .singleElement()
        .extracting(OrderDecision.PartMove::to)
        .isEqualTo(REFUSED);
    assertThat(refused.events().get(0))
        .isEqualTo(new CooperativeOrderRefused(refused.orderId(), ARGAN, 4_000L));
    assertThat(refused.move().map(OrderDecision.Move::to))
        .as("the other part was delivered")
        .contains(OrderStatus.COMPLETED);
  }

  @Test
  void a_decline_once_shipped_is_the_shoppers_refusal_and_every_part_refused_cancels() {
    OrderDecision declined =
        order(OrderStatus.CONFIRMED, SHIPPED, REFUSED)
            .act(ARGAN, FulfilmentAction.DECLINE, new FulfilmentAction.Details("REFUS", null));

    assertThat(declined.partMoves())
        .singleElement()
        .extracting(OrderDecision.PartMove::to)
        .isEqualTo(REFUSED);
    assertThat(declined.events().get(0)).isInstanceOf(CooperativeOrderRefused.class);
    assertThat(declined.move().map(OrderDecision.Move::to)).contains(OrderStatus.CANCELLED);
  }

  @Test
  void a_card_orders_parcel_is_not_refused_at_the_door_nor_is_a_silly_courier_cost() {
    Order card = Order.of(paidByCard(view(OrderStatus.CONFIRMED, SHIPPED, NEW)));
    DomainException refused =
        catchThrowableOfType(
            DomainException.class,
            () -> card.act(ARGAN, FulfilmentAction.REFUSE, FulfilmentAction.Details.NONE));
    assertThat(refused.code()).isEqualTo("refusal-is-for-cash-on-delivery");

    DomainException tooDear =
        catchThrowableOfType(
            DomainException.class,
            () ->
                order(OrderStatus.CONFIRMED, SHIPPED, NEW)
                    .act(
                        ARGAN,
                        FulfilmentAction.REFUSE,
                        new FulfilmentAction.Details(null, null, 1_000_000L)));
    assertThat(tooDear.kind()).isEqualTo(DomainException.Kind.INVALID);
  }

  private static OrderView paidByCard(OrderView view) {
    return new OrderView(
        view.id(),
        view.code(),
        view.status(),
        PaymentMethod.CARD,
        view.language(),
        view.contact(),
        view.shippingAddress(),
        view.shopperSubject(),
        view.subtotalCentimes(),
        view.shippingCentimes(),
        view.totalCentimes(),
        view.requestHash(),
        view.createdAt(),
        view.phoneCheck(),
        view.lines(),
        view.cooperativeOrders(),
        view.history(),
        null,
        null);
  }

  // ---- A cooperative's actions on its part, from every state of the part.

  /** Every (part state, action) that moves the part, and nothing else does. */
  private static final Map<CooperativeOrderStatus, List<FulfilmentAction>> ALLOWED =
      Map.of(
          NEW, List.of(FulfilmentAction.ACCEPT, FulfilmentAction.DECLINE),
          ACCEPTED, List.of(FulfilmentAction.SHIP, FulfilmentAction.DECLINE),
          SHIPPED, List.of(FulfilmentAction.DELIVER, FulfilmentAction.REFUSE));

  /** Every pair but one: a decline of a shipped part is a refusal at the door, tested apart. */
  static Stream<Arguments> actionsFromEveryPartState() {
    return Arrays.stream(CooperativeOrderStatus.values())
        .flatMap(
            part ->
                Arrays.stream(FulfilmentAction.values())
                    .filter(action -> part != SHIPPED || action != FulfilmentAction.DECLINE)
                    .map(action -> Arguments.of(part, action)));
  }

  @ParameterizedTest(name = "{1} a part that is {0}")
  @MethodSource("actionsFromEveryPartState")
  void a_cooperative_moves_its_part_only_as_a_parcel_travels(
      CooperativeOrderStatus part, FulfilmentAction action) {
    Order order = order(OrderStatus.CONFIRMED, part, NEW);
    FulfilmentAction.Details details = new FulfilmentAction.Details("sold out", "AMANA-1");

    if (ALLOWED.getOrDefault(part, List.of()).contains(action)) {
      OrderDecision decision = order.act(ARGAN, action, details);
      assertThat(decision.partMoves())
          .containsExactly(
              new OrderDecision.PartMove(
                  ARGAN,
                  part,
                  action.target(),
                  action == FulfilmentAction.DECLINE ? "sold out" : null,
                  action == FulfilmentAction.SHIP ? "AMANA-1" : null,
                  true));
      assertThat(decision.events().get(0))
          .isInstanceOf(
              switch (action) {
                case ACCEPT -> CooperativeOrderAccepted.class;
                case DECLINE -> CooperativeOrderDeclined.class;
                case SHIP -> CooperativeOrderShipped.class;
                case DELIVER -> CooperativeOrderDelivered.class;
                case REFUSE -> CooperativeOrderRefused.class;
              });
    } else if (part == action.target()) {
      assertThat(order.act(ARGAN, action, details).changesNothing()).as("a retry").isTrue();
    } else {
      DomainException refused =
          catchThrowableOfType(DomainException.class, () -> order.act(ARGAN, action, details));
      assertThat(refused.kind()).isEqualTo(DomainException.Kind.CONFLICT);
      assertThat(refused.code()).isEqualTo("illegal-transition");
      assertThat(refused.facts()).containsEntry("partStatus", part.name());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = OrderStatus.class,
      names = {"CONFIRMED"},
      mode = EnumSource.Mode.EXCLUDE)
  void a_cooperative_acts_only_on_a_confirmed_order(OrderStatus status) {
    Order order = order(status, NEW, NEW);
    for (FulfilmentAction action : FulfilmentAction.values()) {
      DomainException refused =
          catchThrowableOfType(
              DomainException.class,
              () -> order.act(ARGAN, action, new FulfilmentAction.Details("reason", null)));
      assertThat(refused.kind()).as(action.name()).isEqualTo(DomainException.Kind.CONFLICT);
      assertThat(refused.facts()).containsEntry("orderStatus", status.name());
    }
  }

  @Test
  void an_action_needs_its_details_and_a_part_of_the_order() {
    Order order = order(OrderStatus.CONFIRMED, NEW, NEW);

    assertThat(
            catchThrowableOfType(
                    DomainException.class,
                    () -> order.act(ARGAN, FulfilmentAction.DECLINE, FulfilmentAction.Details.NONE))
                .errors())
        .extracting(error -> error.field())
        .containsExactly("reason");
    assertThat(
            catchThrowableOfType(
                    DomainException.class,
                    () ->
                        order.act(
                            UUID.randomUUID(),
                            FulfilmentAction.ACCEPT,
                            FulfilmentAction.Details.NONE))
                .kind())
        .isEqualTo(DomainException.Kind.NOT_FOUND);
  }

  @Test
  void a_shipment_without_a_new_reference_keeps_the_one_it_had() {
    OrderView shippedBefore = withTracking(view(OrderStatus.CONFIRMED, ACCEPTED, NEW), "AMANA-OLD");
    OrderDecision decision =
        Order.of(shippedBefore)
            .act(ARGAN, FulfilmentAction.SHIP, new FulfilmentAction.Details(null, " "));
    assertThat(decision.partMoves().get(0).trackingReference()).isNull();
    assertThat(((CooperativeOrderShipped) decision.events().get(0)).trackingReference())
        .isEqualTo("AMANA-OLD");
  }

  // ---- When the last part ends, the order ends.

  @Test
  void a_part_collected_at_the_stand_is_handed_over_from_new_or_accepted_and_never_shipped() {
    Order order = Order.of(atStands(view(OrderStatus.CONFIRMED, NEW, ACCEPTED)));

    assertThatThrownBy(() -> order.act(ARGAN, FulfilmentAction.SHIP, FulfilmentAction.Details.NONE))
        .isInstanceOfSatisfying(
            DomainException.class,
            refused -> assertThat(refused.code()).isEqualTo("collected-at-stand"));
    for (UUID cooperative : List.of(ARGAN, SAFFRON)) {
      OrderDecision handedOver =
          order.act(cooperative, FulfilmentAction.DELIVER, FulfilmentAction.Details.NONE);
      assertThat(handedOver.partMoves())
          .singleElement()
          .satisfies(move -> assertThat(move.to()).isEqualTo(DELIVERED));
      assertThat(handedOver.events()).hasAtLeastOneElementOfType(CooperativeOrderDelivered.class);
    }
    assertThatThrownBy(
            () ->
                order(OrderStatus.CONFIRMED, NEW, NEW)
                    .act(ARGAN, FulfilmentAction.DELIVER, FulfilmentAction.Details.NONE))
        .as("a part to ship is delivered only once shipped")
        .isInstanceOf(DomainException.class);
    assertThat(
            Order.of(atStands(view(OrderStatus.CONFIRMED, NEW, NEW)))
                .act(ARGAN, FulfilmentAction.DECLINE, new FulfilmentAction.Details("fin", null))
                .partMoves())
        .singleElement()
        .satisfies(move -> assertThat(move.to()).isEqualTo(DECLINED));
  }

  @Test
  void the_order_completes_when_the_last_part_is_delivered_or_declined() {
    OrderDecision delivered =
        order(OrderStatus.CONFIRMED, SHIPPED, DECLINED)
            .act(ARGAN, FulfilmentAction.DELIVER, FulfilmentAction.Details.NONE);
    assertThat(delivered.move().map(OrderDecision.Move::to)).contains(OrderStatus.COMPLETED);
    assertThat(delivered.events())
        .extracting(event -> event.getClass().getSimpleName())
        .containsExactly("CooperativeOrderDelivered", "OrderCompleted");

    OrderDecision allDeclined =
        order(OrderStatus.CONFIRMED, NEW, DECLINED)
            .act(ARGAN, FulfilmentAction.DECLINE, new FulfilmentAction.Details("no stock", null));
    assertThat(allDeclined.move().map(OrderDecision.Move::to)).contains(OrderStatus.CANCELLED);
    assertThat(allDeclined.events().get(1)).isInstanceOf(OrderCancelled.class);

    OrderDecision stillOpen =
        order(OrderStatus.CONFIRMED, SHIPPED, ACCEPTED)
            .act(ARGAN, FulfilmentAction.DELIVER, FulfilmentAction.Details.NONE);
    assertThat(stillOpen.move()).isEmpty();
    assertThat(stillOpen.events()).hasSize(1);
  }

  // ---- The shopper's cancellation, from every state.

  /** The states from which the shopper may cancel, given that nothing has shipped. */
  private static final List<OrderStatus> CANCELLABLE =
      List.of(OrderStatus.PLACED, OrderStatus.RESERVED, OrderStatus.CONFIRMED);

  @ParameterizedTest
  @EnumSource(OrderStatus.class)
  void the_shopper_cancels_until_the_order_ends(OrderStatus status) {
    Order order = order(status, partsFor(status));
    if (status == OrderStatus.CANCELLED) {
      assertThat(order.cancel("shopper").changesNothing()).as("twice is harmless").isTrue();
    } else if (CANCELLABLE.contains(status)) {
      OrderDecision decision = order.cancel("shopper");
      assertThat(decision.move().map(OrderDecision.Move::to)).contains(OrderStatus.CANCELLED);
      assertThat(decision.events()).singleElement().isInstanceOf(OrderCancelled.class);
    } else {
      assertThatThrownBy(() -> order.cancel("shopper"))
          .isInstanceOfSatisfying(
              DomainException.class,
              refused -> assertThat(refused.code()).isEqualTo("too-late-to-cancel"));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = CooperativeOrderStatus.class,
      names = {"SHIPPED", "DELIVERED"})
  void nothing_is_cancelled_once_a_part_is_on_its_way(CooperativeOrderStatus onItsWay) {
    assertThatThrownBy(() -> order(OrderStatus.CONFIRMED, onItsWay, NEW).cancel("shopper"))
        .isInstanceOfSatisfying(
            DomainException.class,
            refused -> assertThat(refused.kind()).isEqualTo(DomainException.Kind.CONFLICT));
  }

  // ---- Fixtures.

  /** Parts in a state consistent with the order's. */
  private static CooperativeOrderStatus[] partsFor(OrderStatus status) {
    CooperativeOrderStatus part =
        switch (status) {
          case PLACED, RESERVED -> PENDING;
          case CONFIRMED -> NEW;
          case REJECTED -> REJECTED;
          case CANCELLED -> CANCELLED;
          case COMPLETED -> DELIVERED;
        };
    return new CooperativeOrderStatus[] {part, part};
  }

  /** An order of argan oil (120 DH + 25 DH shipping) and saffron (300 DH + 45 DH). */
  private static Order order(OrderStatus status, CooperativeOrderStatus... parts) {
    return Order.of(view(status, parts));
  }

  private static OrderView view(OrderStatus status, CooperativeOrderStatus... parts) {
    UUID id = UUID.randomUUID();
    return new OrderView(
        id,
        "TD-1001",
        status,
        PaymentMethod.CASH_ON_DELIVERY,
        "ar",
        new CheckoutRequest.Contact("Fatima", "+212612345678", null),
        new CheckoutRequest.Address("12 rue Tarik", "Agadir", "80000", "souss-massa"),
        null,
        42_000,
        7_000,
        49_000,
        "hash",
        Instant.parse("2026-12-01T10:00:00Z"),
        PhoneCheck.NOT_REQUIRED,
        List.of(
            new OrderView.Line(
                1,
                UUID.randomUUID(),
                ARGAN,
                Map.of("fr", "Huile d'argan"),
                "l",
                12_000,
                1,
                "argan-oil"),
            new OrderView.Line(
                2, UUID.randomUUID(), SAFFRON, Map.of("fr", "Safran"), "g", 30_000, 1, "saffron")),
        List.of(
            new OrderView.Part(ARGAN, parts[0], 12_000, 2_500, null, null, null, null),
            new OrderView.Part(SAFFRON, parts[1], 30_000, 4_500, null, null, null, null)),
        List.of(),
        null,
        null);
  }

  private static OrderView withPhoneCheck(OrderView view, PhoneCheck phoneCheck) {
    return with(view, phoneCheck, view.cooperativeOrders());
  }

  private static OrderView withTracking(OrderView view, String tracking) {
    List<OrderView.Part> parts =
        view.cooperativeOrders().stream()
            .map(
                part ->
                    new OrderView.Part(
                        part.cooperativeId(),
                        part.status(),
                        part.subtotalCentimes(),
                        part.shippingCentimes(),
                        part.declineReason(),
                        tracking,
                        part.deliveredAt(),
                        part.pickupStand()))
            .toList();
    return with(view, view.phoneCheck(), parts);
  }

  /** {@code view} collected at the fair: each part at its stand ("B7", "B8"…). */
  private static OrderView atStands(OrderView view) {
    List<OrderView.Part> parts = new ArrayList<>();
    for (OrderView.Part part : view.cooperativeOrders()) {
      parts.add(
          new OrderView.Part(
              part.cooperativeId(),
              part.status(),
              part.subtotalCentimes(),
              0,
              part.declineReason(),
              part.trackingReference(),
              part.deliveredAt(),
              "B" + (7 + parts.size())));
    }
    return with(view, view.phoneCheck(), parts);
  }

  /** {@code view} with another phone check and other parts. */
  private static OrderView with(OrderView view, PhoneCheck phoneCheck, List<OrderView.Part> parts) {
    return new OrderView(
        view.id(),
        view.code(),
        view.status(),
        view.paymentMethod(),
        view.language(),
        view.contact(),
        view.shippingAddress(),
        view.shopperSubject(),
        view.subtotalCentimes(),
        view.shippingCentimes(),
        view.totalCentimes(),
        view.requestHash(),
        view.createdAt(),
        phoneCheck,
        view.lines(),
        parts,
        view.history(),
        view.marketingConsent(),
        view.pickup());
  }
}
