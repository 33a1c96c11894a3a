package ma.tadamon.platform.events;

import java.util.List;

/** The topics of the platform: one per producing service, each with its dead-letter topic. */
public final class Topics {

  public static final String CATALOG_EVENTS = "catalog.events";
  public static final String INVENTORY_EVENTS = "inventory.events";
  public static final String ORDER_EVENTS = "order.events";
  public static final String PAYMENT_EVENTS = "payment.events";
  public static final String NOTIFICATION_EVENTS = "notification.events";

  public static final List<String> ALL =
      List.of(CATALOG_EVENTS, INVENTORY_EVENTS, ORDER_EVENTS, PAYMENT_EVENTS, NOTIFICATION_EVENTS);

  private Topics() {}

  /** Where poison events from {@code topic} go, with the error that stopped them. */
  public static String deadLetter(String topic) {
    return topic + ".dlq";
  }
}
