package ma.tadamon.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import ma.tadamon.events.CooperativeAction;
import org.junit.jupiter.api.Test;

class FulfilmentRulesTest {

  @Test
  void a_part_goes_forward_only_in_the_order_a_parcel_travels() {
    assertThat(CooperativeOrderStatus.NEW.canMoveTo(CooperativeOrderStatus.ACCEPTED)).isTrue();
    assertThat(CooperativeOrderStatus.ACCEPTED.canMoveTo(CooperativeOrderStatus.SHIPPED)).isTrue();
    assertThat(CooperativeOrderStatus.SHIPPED.canMoveTo(CooperativeOrderStatus.DELIVERED)).isTrue();
    assertThat(CooperativeOrderStatus.SHIPPED.canMoveTo(CooperativeOrderStatus.REFUSED))
        .as("a parcel refused at the door, back with the cooperative")
        .isTrue();

    assertThat(CooperativeOrderStatus.NEW.canMoveTo(CooperativeOrderStatus.SHIPPED))
        .as("ship before accept")
        .isFalse();
    assertThat(CooperativeOrderStatus.SHIPPED.canMoveTo(CooperativeOrderStatus.DECLINED))
        .as("decline once shipped")
        .isFalse();
    assertThat(CooperativeOrderStatus.DELIVERED.canMoveTo(CooperativeOrderStatus.DELIVERED))
        .as("deliver twice")
        .isFalse();
    assertThat(CooperativeOrderStatus.PENDING.canMoveTo(CooperativeOrderStatus.ACCEPTED))
        .as("before confirmation")
        .isFalse();
  }

  @Test
  void an_order_is_over_when_every_part_is_final() {
    assertThat(CooperativeOrderStatus.DELIVERED.isFinal()).isTrue();
    assertThat(CooperativeOrderStatus.DECLINED.isFinal()).isTrue();
    assertThat(CooperativeOrderStatus.REFUSED.isFinal()).isTrue();
    assertThat(CooperativeOrderStatus.SHIPPED.isFinal()).isFalse();
    assertThat(CooperativeOrderStatus.SHIPPED.isOnItsWay()).isTrue();
    assertThat(CooperativeOrderStatus.ACCEPTED.isOnItsWay()).isFalse();
  }

  @Test
  void a_decline_says_why_and_texts_are_bounded() {
    assertThat(new FulfilmentAction.Details(null, null).problemsFor(FulfilmentAction.DECLINE))
        .extracting(error -> error.field())
        .containsExactly("reason");
    assertThat(new FulfilmentAction.Details("épuisé", null).problemsFor(FulfilmentAction.DECLINE))
        .isEmpty();
    assertThat(
            new FulfilmentAction.Details(null, "x".repeat(101)).problemsFor(FulfilmentAction.SHIP))
        .extracting(error -> error.field())
        .containsExactly("trackingReference");
    assertThat(FulfilmentAction.fromSlug("deliver")).contains(FulfilmentAction.DELIVER);
    assertThat(FulfilmentAction.fromSlug("teleport")).isEmpty();
    assertThat(FulfilmentAction.of(CooperativeAction.SHIP)).contains(FulfilmentAction.SHIP);
    assertThat(FulfilmentAction.of(CooperativeAction.UNKNOWN))
        .as("from a newer producer")
        .isEmpty();
  }
}
