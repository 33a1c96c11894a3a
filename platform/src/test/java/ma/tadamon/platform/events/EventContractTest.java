package ma.tadamon.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.CooperativeAction;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.events.inventory.StockReleased;
import ma.tadamon.events.notification.CooperativeReplied;
import ma.tadamon.events.order.OrderPlaced;
import org.junit.jupiter.api.Test;

/** The events' typed fields: the same words on the wire as before, and tolerant of new ones. */
class EventContractTest {

  private final EventMapper mapper = new EventMapper("/test");

  @Test
  void typed_fields_keep_their_words_on_the_wire() {
    UUID order = UUID.randomUUID();
    String placed =
        EventMapper.toJson(
            mapper.envelope(new OrderPlaced(order, PaymentMethod.CARD, 10_000, List.of())));
    String replied =
        EventMapper.toJson(
            mapper.envelope(
                new CooperativeReplied(
                    UUID.randomUUID(), order, UUID.randomUUID(), CooperativeAction.SHIP, "A-1")));

    assertThat(placed).contains("\"paymentMethod\":\"CARD\"");
    assertThat(replied).contains("\"action\":\"ship\"");
  }

  @Test
  void an_envelope_s_type_is_read_alone_wherever_it_stands() {
    String placed =
        EventMapper.toJson(
            mapper.envelope(
                new OrderPlaced(UUID.randomUUID(), PaymentMethod.CARD, 10_000, List.of())));

    assertThat(EventMapper.typeOnly(placed)).contains(EventMapper.typeOf(OrderPlaced.class));
    assertThat(
            EventMapper.typeOnly(
                "{\"data\": {\"type\": \"inner\", \"a\": [1, {}]}, \"type\": \"t\"}"))
        .as("after the data, whose own type is not the envelope's")
        .contains("t");
    assertThat(EventMapper.typeOnly("{\"type\": 7}")).isEmpty();
    assertThat(EventMapper.typeOnly("{\"id\": \"e-1\"}")).isEmpty();
    assertThat(EventMapper.typeOnly("[\"type\", \"t\"]")).isEmpty();
    assertThat(EventMapper.typeOnly("this is not an event")).isEmpty();
    assertThat(EventMapper.typeOnly(null)).isEmpty();
  }

  @Test
  void a_value_a_newer_producer_added_reads_as_unknown_instead_of_failing() {
    UUID order = UUID.randomUUID();
    String placed =
        EventMapper.toJson(
                mapper.envelope(new OrderPlaced(order, PaymentMethod.CARD, 10_000, List.of())))
            .replace("\"CARD\"", "\"MOBILE_WALLET\"");
    String released =
        EventMapper.toJson(
                mapper.envelope(new StockReleased(order, StockReleased.Reason.EXPIRED, List.of())))
            .replace("\"EXPIRED\"", "\"RECALLED\"");
    String replied =
        EventMapper.toJson(
                mapper.envelope(
                    new CooperativeReplied(
                        UUID.randomUUID(), order, UUID.randomUUID(), CooperativeAction.SHIP, null)))
            .replace("\"ship\"", "\"collect\"");

    assertThat(EventMapper.data(EventMapper.fromJson(placed), OrderPlaced.class).paymentMethod())
        .isEqualTo(PaymentMethod.UNKNOWN);
    assertThat(EventMapper.data(EventMapper.fromJson(released), StockReleased.class).reason())
        .isEqualTo(StockReleased.Reason.UNKNOWN);
    assertThat(EventMapper.data(EventMapper.fromJson(replied), CooperativeReplied.class).action())
        .isEqualTo(CooperativeAction.UNKNOWN);
  }

  @Test
  void a_city_written_before_cities_had_names_per_language_reads_as_its_french_name() {
    CooperativeState state =
        new CooperativeState(
            UUID.randomUUID(),
            Map.of("fr", "Coopérative Tifaouine"),
            "souss-massa",
            Map.of("ar", "تيزنيت", "fr", "Tiznit"),
            "+212661000000",
            null,
            "ar",
            List.of("sms"),
            true,
            true,
            null);
    String now = EventMapper.toJson(mapper.envelope(new CooperativeRegistered(state)));
    String before = now.replaceFirst("\"city\":\\{[^}]*}", "\"city\":\"Tiznit\"");

    assertThat(before).contains("\"city\":\"Tiznit\"");
    assertThat(
            EventMapper.data(EventMapper.fromJson(now), CooperativeRegistered.class)
                .cooperative()
                .city())
        .isEqualTo(Map.of("ar", "تيزنيت", "fr", "Tiznit"));
    assertThat(
            EventMapper.data(EventMapper.fromJson(before), CooperativeRegistered.class)
                .cooperative()
                .city())
        .isEqualTo(Map.of("fr", "Tiznit"));
  }
}
