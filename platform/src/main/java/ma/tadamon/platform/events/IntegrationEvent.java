package ma.tadamon.platform.events;

/**
 * An event one service publishes for the others. Its {@link #subject()} is the aggregate it is
 * about (an order id, a product id): it becomes the Kafka key, so one aggregate's events stay in
 * order.
 */
public interface IntegrationEvent {

  String subject();
}
