package ma.tadamon.catalog;

import io.vertx.core.Vertx;
import java.util.List;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.OrderPlaced;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.testing.EventPublisher;

/** Publishes order events on order.events the way order-service does, for the catalog to answer. */
final class OrderEvents implements AutoCloseable {

  private final EventPublisher publisher;

  OrderEvents(Vertx vertx) {
    publisher = new EventPublisher(vertx, "/order-service-under-test");
  }

  List<EventEnvelope> publish(IntegrationEvent... events) {
    return publisher.publish(Topics.ORDER_EVENTS, events);
  }

  /** The same events again, as Kafka redelivers them: same ids. */
  void republish(List<EventEnvelope> envelopes) {
    envelopes.forEach(envelope -> publisher.publish(Topics.ORDER_EVENTS, envelope));
  }

  static OrderPlaced placed(UUID order, OrderPlaced.Line... lines) {
    return new OrderPlaced(order, PaymentMethod.CASH_ON_DELIVERY, 0, List.of(lines));
  }

  static OrderPlaced.Line line(UUID product, UUID cooperative, int quantity) {
    return new OrderPlaced.Line(product, cooperative, quantity);
  }

  /** Confirmation as the catalog reads it: only the order id matters to stock. */
  static OrderConfirmed confirmed(UUID order) {
    return new OrderConfirmed(
        order,
        "100001",
        "fr",
        new OrderConfirmed.Contact("Test", "+212600000000", null),
        "Rabat",
        PaymentMethod.CASH_ON_DELIVERY,
        0,
        List.of(),
        null,
        null,
        null,
        null);
  }

  @Override
  public void close() {
    publisher.close();
  }
}
