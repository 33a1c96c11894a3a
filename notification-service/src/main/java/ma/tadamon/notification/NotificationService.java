package ma.tadamon.notification;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.Set;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeUpdated;
import ma.tadamon.events.catalog.CooperativeVerified;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.notification.api.NotificationApi;
import ma.tadamon.notification.events.OrderNotifications;
import ma.tadamon.notification.store.NotificationStore;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceVerticle;

/** The notification service: records what each cooperative and shopper must be told. */
public final class NotificationService extends ServiceVerticle {

  public static final String NAME = "notification-service";
  public static final String SCHEMA = "notifications";

  public NotificationService(ServiceContext context) {
    super(context, SCHEMA);
  }

  @Override
  protected Future<?> wire(Foundation foundation) {
    NotificationStore store = new NotificationStore(foundation.pool());
    OrderNotifications notifications = new OrderNotifications(store);

    Router router = foundation.router();
    new NotificationApi(store, foundation.authentication()).mount(router);

    return foundation.startOutboxRelay()
        .compose(v -> foundation.consume("contacts", Set.of(Topics.CATALOG_EVENTS),
            new EventHandlers()
                .on(CooperativeRegistered.class, notifications::onCooperative)
                .on(CooperativeVerified.class, notifications::onCooperative)
                .on(CooperativeUpdated.class, notifications::onCooperative)))
        .compose(v -> foundation.consume("orders", Set.of(Topics.ORDER_EVENTS),
            new EventHandlers().on(OrderConfirmed.class, notifications::onOrderConfirmed)))
        .compose(v -> foundation.listen(router, 8084));
  }
}
