package ma.tadamon.payment;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.Set;
import ma.tadamon.events.order.OrderReserved;
import ma.tadamon.payment.api.PaymentApi;
import ma.tadamon.payment.events.PaymentAuthorizations;
import ma.tadamon.payment.store.PaymentStore;
import ma.tadamon.platform.consumer.EventHandlers;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.Foundation;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceVerticle;

/** The payment service: opens and authorizes each reserved order's payment. */
public final class PaymentService extends ServiceVerticle {

  public static final String NAME = "payment-service";
  public static final String SCHEMA = "payments";

  public PaymentService(ServiceContext context) {
    super(context, SCHEMA);
  }

  @Override
  protected Future<?> wire(Foundation foundation) {
    PaymentStore payments = new PaymentStore();
    PaymentAuthorizations authorizations = new PaymentAuthorizations(payments, foundation.outbox());

    Router router = foundation.router();
    new PaymentApi(payments, foundation.pool(), foundation.authentication()).mount(router);

    return foundation.startOutboxRelay()
        .compose(v -> foundation.consume("authorizations", Set.of(Topics.ORDER_EVENTS),
            new EventHandlers().on(OrderReserved.class, authorizations::onOrderReserved)))
        .compose(v -> foundation.listen(router, 8083));
  }
}
