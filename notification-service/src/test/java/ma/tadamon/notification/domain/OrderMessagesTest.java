package ma.tadamon.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.platform.domain.Dirhams;
import org.junit.jupiter.api.Test;

class OrderMessagesTest {

  private static final UUID ARGAN_OIL = UUID.fromString("5b7e0c9e-4f7a-4a31-9d1e-2f3c4b5a6d70");
  private static final String ARGAN_OIL_PHOTO = "photos/" + "ab".repeat(32) + ".jpg";

  private final UUID argan = UUID.randomUUID();
  private final UUID saffron = UUID.randomUUID();
  private static final String SHOP = "https://tadamon.test";
  private final CooperativeContact tifaouine =
      new CooperativeContact(
          argan,
          Map.of("fr", "Tifaouine"),
          "+212661000101",
          null,
          "ar",
          List.of(Channel.SMS),
          new CooperativeState.Seller(
              "ODCO-SM-2004-0117", "002004117000017", null, "Douar Tifaouine, Tiznit"));
  private final CooperativeContact siroua =
      new CooperativeContact(
          saffron,
          Map.of("fr", "Siroua"),
          "+212661000102",
          "siroua@demo.tadamon.test",
          "fr",
          List.of(Channel.SMS, Channel.EMAIL));

  @Test
  void each_cooperative_is_told_on_each_of_its_channels_and_the_shopper_by_sms_and_email() {
    List<Notification> messages =
        OrderMessages.forConfirmedOrder(
            order("khadija@example.test"),
            UUID.randomUUID(),
            Map.of(argan, tifaouine, saffron, siroua),
            Map.of(),
            Map.of(),
            SHOP);

    assertThat(messages)
        .extracting(n -> n.recipientKind() + " " + n.channel())
        .containsExactlyInAnyOrder(
            "COOPERATIVE SMS",
            "COOPERATIVE SMS",
            "COOPERATIVE EMAIL",
            "SHOPPER SMS",
            "SHOPPER EMAIL");
  }

  @Test
  void a_cooperative_reads_its_part_in_its_language_with_how_to_answer() {
    List<Notification> messages =
        OrderMessages.forConfirmedOrder(
            order(null),
            UUID.randomUUID(),
            Map.of(argan, tifaouine, saffron, siroua),
            Map.of(),
            Map.of(),
            SHOP);

    Notification toTifaouine =
        messages.stream()
            .filter(n -> n.recipientId().equals(argan.toString()))
            .findFirst()
            .orElseThrow();
    assertThat(toTifaouine.body())
        .isEqualTo(
            "تضامن: طلب 100042: 2 x زيت أركان، 265 درهم، إلى Tiznit."
                + " للقبول 100042 نعم، للرفض 100042 لا");
    assertThat(messages)
        .filteredOn(n -> n.recipientKind() == Notification.Recipient.SHOPPER)
        .singleElement()
        .satisfies(
            n ->
                assertThat(n.body())
                    .contains("100042")
                    .contains("290,50 DH")
                    .endsWith(
                        "Suivi, vendeurs et rétractation :"
                            + " https://tadamon.test/s/100042-AbCdEfGhIjKl"));
  }

  @Test
  void the_shoppers_e_mail_states_what_the_law_asks_for_each_part() {
    Notification email =
        OrderMessages.forConfirmedOrder(
                order("khadija@example.test"),
                UUID.randomUUID(),
                Map.of(argan, tifaouine, saffron, siroua),
                Map.of(),
                Map.of(ARGAN_OIL, ARGAN_OIL_PHOTO),
                SHOP)
            .stream()
            .filter(n -> n.recipientKind() == Notification.Recipient.SHOPPER)
            .filter(n -> n.channel() == Channel.EMAIL)
            .findFirst()
            .orElseThrow();

    assertThat(email.body())
        .contains("Suivi, vendeurs et rétractation : https://tadamon.test/s/100042-AbCdEfGhIjKl")
        .contains("Votre commande, par vendeur :")
        .contains("- Tifaouine (immatriculation ODCO-SM-2004-0117, ICE 002004117000017): 265 DH")
        .contains(
            "2 × Huile d'argan\n    https://tadamon.test/api/catalog/" + ARGAN_OIL_PHOTO + "\n")
        .contains("Retours : Douar Tifaouine, Tiznit")
        .contains("- Siroua: 25,50 DH")
        .contains("7 jours après réception")
        .contains("15 jours")
        .endsWith("https://tadamon.test/fr/terms");
  }

  @Test
  void a_cooperative_with_a_webhook_gets_the_order_as_json_there_and_one_without_gets_none() {
    CooperativeContact withSystems =
        new CooperativeContact(
            argan,
            Map.of("fr", "Tifaouine"),
            "+212661000101",
            null,
            "fr",
            List.of(Channel.SMS, Channel.WEBHOOK));

    List<Notification> messages =
        OrderMessages.forConfirmedOrder(
            order(null),
            UUID.randomUUID(),
            Map.of(
                argan,
                withSystems,
                saffron,
                new CooperativeContact(
                    saffron,
                    Map.of("fr", "Siroua"),
                    "+212661000102",
                    null,
                    "fr",
                    List.of(Channel.WEBHOOK))),
            Map.of(argan, "https://erp.tifaouine.example/hooks/tadamon"),
            Map.of(),
            SHOP);

    Notification webhook =
        messages.stream().filter(n -> n.channel() == Channel.WEBHOOK).findFirst().orElseThrow();
    assertThat(webhook.destination()).isEqualTo("https://erp.tifaouine.example/hooks/tadamon");
    assertThat(webhook.body())
        .startsWith("{\"type\":\"cooperative.new-order\"")
        .contains("\"orderCode\":\"100042\"");
    assertThat(messages).filteredOn(n -> n.recipientId().equals(saffron.toString())).isEmpty();
  }

  @Test
  void amounts_are_rendered_from_centimes_without_floating_point_in_the_readers_format() {
    assertThat(Dirhams.plain(5)).as("for machines").isEqualTo("0.05");
    assertThat(Dirhams.plain(1_234_567_890_123L)).isEqualTo("12345678901.23");
    assertThat(Dirhams.forReader(1_249_950, "ar")).isEqualTo("12499,50");
    assertThat(Dirhams.forReader(1_249_950, "fr")).isEqualTo("12499,50");
    assertThat(Dirhams.forReader(1_249_950, "en")).isEqualTo("12499.50");
    assertThat(Dirhams.forReader(24_000, "ar")).isEqualTo("240");
    assertThat(
            Templates.render(Templates.REFUNDED, "fr", Map.of("code", "100042", "amount", "89.50")))
        .contains("89,50 DH");
  }

  @Test
  void an_order_collected_at_the_fair_says_at_which_stand_to_the_cooperative_and_the_shopper() {
    OrderConfirmed order = order(null);
    OrderConfirmed atStands =
        new OrderConfirmed(
            order.orderId(),
            order.code(),
            "fr",
            order.contact(),
            "Agadir",
            order.paymentMethod(),
            order.totalCentimes(),
            List.of(
                withStand(order.cooperativeOrders().get(0), "B7"),
                withStand(order.cooperativeOrders().get(1), "C2")),
            null,
            order.orderLink(),
            null,
            null);

    assertThat(OrderMessages.newOrderText(atStands, atStands.cooperativeOrders().get(0), "fr"))
        .contains("à retirer au stand B7")
        .doesNotContain("livraison");
    assertThat(OrderMessages.newOrderText(atStands, atStands.cooperativeOrders().get(1), "ar"))
        .contains("الرواق C2");
    assertThat(OrderMessages.confirmedText(atStands))
        .contains("100042")
        .contains("stand B7, C2")
        .contains("paiement sur place");
    assertThat(OrderMessages.confirmedText(order)).contains("paiement à la livraison");
  }

  private static OrderConfirmed.CooperativePart withStand(
      OrderConfirmed.CooperativePart part, String stand) {
    return new OrderConfirmed.CooperativePart(
        part.cooperativeId(), part.amountCentimes(), part.items(), stand, part.shippingCentimes());
  }

  private OrderConfirmed order(String email) {
    return new OrderConfirmed(
        UUID.randomUUID(),
        "100042",
        "fr",
        new OrderConfirmed.Contact("Khadija", "+212661234567", email),
        "Tiznit",
        PaymentMethod.CASH_ON_DELIVERY,
        29_050,
        List.of(
            new OrderConfirmed.CooperativePart(
                argan,
                26_500,
                List.of(
                    new OrderConfirmed.Item(
                        ARGAN_OIL, Map.of("ar", "زيت أركان", "fr", "Huile d'argan"), 2, 12_000)),
                null,
                0),
            new OrderConfirmed.CooperativePart(
                saffron,
                2_550,
                List.of(new OrderConfirmed.Item(UUID.randomUUID(), Map.of("fr", "Safran"), 1, 50)),
                null,
                0)),
        null,
        "/s/100042-AbCdEfGhIjKl",
        null,
        null);
  }
}
