package ma.tadamon.catalog;

import static ma.tadamon.platform.service.ServiceRuntime.await;

import io.vertx.core.Vertx;
import io.vertx.kafka.client.producer.KafkaProducer;
import io.vertx.kafka.client.producer.KafkaProducerRecord;
import java.util.List;
import java.util.UUID;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.kafka.KafkaSettings;

/** Publishes order events on order.events the way order-service does, for the catalog to answer. */
final class OrderEvents implements AutoCloseable {

  private final KafkaProducer<String, String> producer;
  private final EventMapper mapper = new EventMapper("/order-service-under-test");

  OrderEvents(Vertx vertx, Settings settings) {
    producer = KafkaProducer.create(vertx, KafkaSettings.from(settings, "catalog-test-orders").producer());
  }

  void publish(IntegrationEvent... events) {
    for (IntegrationEvent event : events) {
      producer.send(KafkaProducerRecord.create(Topics.ORDER_EVENTS, event.subject(),
          EventMapper.toJson(mapper.envelope(event))));
    }
    await(producer.flush(), 30);
  }

  static OrderPlaced placed(UUID order, OrderPlaced.Line... lines) {
    return new OrderPlaced(order, "CASH_ON_DELIVERY", 0, List.of(lines));
  }

  static OrderPlaced.Line line(UUID product, UUID cooperative, int quantity) {
    return new OrderPlaced.Line(product, cooperative, quantity);
  }

  /** Confirmation as the catalog reads it: only the order id matters to stock. */
  static OrderConfirmed confirmed(UUID order) {
    return new OrderConfirmed(order, "100001", "fr", new OrderConfirmed.Contact("Test", "+212600000000", null),
        "Rabat", "CASH_ON_DELIVERY", 0, List.of());
  }

  @Override
  public void close() {
    await(producer.close(), 30);
  }
}
