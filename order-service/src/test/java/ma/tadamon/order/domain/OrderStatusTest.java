package ma.tadamon.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderStatusTest {

  @Test
  void the_happy_path_moves_forward_and_skips_only_the_wait_for_payment() {
    assertThat(OrderStatus.PLACED.canMoveTo(OrderStatus.RESERVED)).isTrue();
    assertThat(OrderStatus.RESERVED.canMoveTo(OrderStatus.CONFIRMED)).isTrue();
    assertThat(OrderStatus.CONFIRMED.canMoveTo(OrderStatus.COMPLETED)).isTrue();
    assertThat(OrderStatus.PLACED.canMoveTo(OrderStatus.CONFIRMED))
        .as("cash on delivery: nothing to pay before")
        .isTrue();
    assertThat(OrderStatus.PLACED.canMoveTo(OrderStatus.COMPLETED)).isFalse();
  }

  @Test
  void nothing_moves_backwards_or_out_of_an_end() {
    assertThat(OrderStatus.CONFIRMED.canMoveTo(OrderStatus.RESERVED)).isFalse();
    assertThat(OrderStatus.RESERVED.canMoveTo(OrderStatus.PLACED)).isFalse();
    for (OrderStatus end :
        new OrderStatus[] {OrderStatus.REJECTED, OrderStatus.CANCELLED, OrderStatus.COMPLETED}) {
      for (OrderStatus any : OrderStatus.values()) {
        assertThat(end.canMoveTo(any)).as(end + " -> " + any).isFalse();
      }
    }
  }

  @Test
  void a_payment_authorized_after_cancellation_cannot_confirm_the_order() {
    assertThat(OrderStatus.CANCELLED.canMoveTo(OrderStatus.CONFIRMED)).isFalse();
  }
}
