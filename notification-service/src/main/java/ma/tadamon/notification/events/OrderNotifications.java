package ma.tadamon.notification.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.catalog.CooperativeStateEvent;
import ma.tadamon.events.catalog.MemberInvited;
import ma.tadamon.events.catalog.ProductStateEvent;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderShipped;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.WithdrawalRequested;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PayoutStatementIssued;
import ma.tadamon.notification.domain.Addressing;
import ma.tadamon.notification.domain.CooperativeContact;
import ma.tadamon.notification.domain.Notification;
import ma.tadamon.notification.domain.OrderMessages;
import ma.tadamon.notification.domain.ShopperContact;
import ma.tadamon.notification.domain.Templates;
import ma.tadamon.notification.store.NotificationStore;
import ma.tadamon.platform.consumer.Consumed;
import ma.tadamon.platform.domain.Dirhams;
import ma.tadamon.platform.events.EventEnvelope;

/**
 * Turns events into the notifications they owe, recorded as PENDING for delivery; the same event
 * never records the same message twice. A cooperative not yet in the read model fails the event,
 * which the consumer retries: its registration is on its way. Events about orders this service
 * never saw confirmed (cancelled before confirmation) owe nobody anything.
 */
public final class OrderNotifications {

  /** The law's dates are Moroccan calendar days. */
  private static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

  private final NotificationStore store;
  private final String publicBaseUrl;

  public OrderNotifications(NotificationStore store, String publicBaseUrl) {
    this.store = store;
    this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
  }

  /**
   * A cooperative's contacts, language and channels, from any event carrying its state; the newest
   * wins.
   */
  public Future<Void> onCooperative(
      CooperativeStateEvent event, EventEnvelope envelope, SqlConnection tx) {
    return store.saveContact(tx, event.cooperative(), envelope.time());
  }

  /**
   * A product's main photo (its smallest rendition), from any event carrying its state; the newest
   * wins.
   */
  public Future<Void> onProduct(ProductStateEvent event, EventEnvelope envelope, SqlConnection tx) {
    String key =
        event.product().photos().stream()
            .findFirst()
            .flatMap(
                main ->
                    main.renditions().entrySet().stream()
                        .min(
                            Comparator.comparingInt(
                                rendition -> Integer.parseInt(rendition.getKey())))
                        .map(Map.Entry::getValue))
            .orElse(null);
    return store.saveMainPhoto(tx, event.product().id(), key, envelope.time());
  }

  /**
   * Confirmed orders owe their cooperatives a new order and their shoppers a confirmation. A
   * batch's orders are told together: what they need is read in one round trip (the cooperatives'
   * contacts and webhooks, the products' photos) and what they owe written in one more.
   */
  public Future<Void> onOrdersConfirmed(
      List<Consumed<OrderConfirmed>> confirmed, SqlConnection tx) {
    List<UUID> cooperatives =
        confirmed.stream()
            .flatMap(each -> each.event().cooperativeOrders().stream())
            .map(OrderConfirmed.CooperativePart::cooperativeId)
            .distinct()
            .toList();
    List<UUID> products =
        confirmed.stream()
            .flatMap(each -> each.event().cooperativeOrders().stream())
            .flatMap(part -> part.items().stream())
            .map(OrderConfirmed.Item::productId)
            .distinct()
            .toList();
    Future<Map<UUID, CooperativeContact>> contacts = cooperativesOrRetry(tx, cooperatives);
    Future<Map<UUID, String>> webhooks = store.webhooks(tx, cooperatives);
    Future<Map<UUID, String>> photos = store.mainPhotos(tx, products);
    return Future.all(contacts, webhooks, photos)
        .compose(
            read -> {
              List<NotificationStore.OrderPart> parts = new ArrayList<>();
              List<Notification> messages = new ArrayList<>();
              for (Consumed<OrderConfirmed> each : confirmed) {
                OrderConfirmed order = each.event();
                ShopperContact shopper =
                    new ShopperContact(
                        order.orderId(),
                        order.code(),
                        order.contact().phone(),
                        order.contact().email(),
                        order.language());
                for (OrderConfirmed.CooperativePart part : order.cooperativeOrders()) {
                  parts.add(
                      new NotificationStore.OrderPart(
                          part.cooperativeId(), shopper, order.shopper()));
                }
                messages.addAll(
                    OrderMessages.forConfirmedOrder(
                        order,
                        each.envelope().id(),
                        contacts.result(),
                        webhooks.result(),
                        photos.result(),
                        publicBaseUrl));
              }
              return Future.all(store.saveOrderParts(tx, parts), store.record(tx, messages))
                  .mapEmpty();
            });
  }

  /** Cooperatives are told not to ship a cancelled order (the shopper cancelled it herself). */
  public Future<Void> onOrderCancelled(
      OrderCancelled event, EventEnvelope envelope, SqlConnection tx) {
    return store
        .orderParts(tx, event.orderId())
        .compose(
            parts ->
                parts.isEmpty()
                    ? Future.succeededFuture()
                    : toCooperatives(
                        tx,
                        envelope.id(),
                        event.orderId(),
                        parts.get().shopper().orderCode(),
                        parts.get().cooperatives(),
                        Templates.ORDER_CANCELLED,
                        Map.of("code", parts.get().shopper().orderCode())));
  }

  public Future<Void> onShipped(
      CooperativeOrderShipped event, EventEnvelope envelope, SqlConnection tx) {
    String tracking =
        event.trackingReference() == null ? "" : " (" + event.trackingReference() + ")";
    return toShopper(
        tx,
        envelope.id(),
        event.orderId(),
        event.cooperativeId(),
        Templates.PART_SHIPPED,
        Map.of("tracking", tracking));
  }

  public Future<Void> onDelivered(
      CooperativeOrderDelivered event, EventEnvelope envelope, SqlConnection tx) {
    return toShopper(
        tx,
        envelope.id(),
        event.orderId(),
        event.cooperativeId(),
        Templates.PART_DELIVERED,
        Map.of());
  }

  /**
   * A shopper withdrew from a delivered part: the cooperative is told to expect the goods, the
   * shopper what will be refunded and by when (a Moroccan date).
   */
  public Future<Void> onWithdrawalRequested(
      WithdrawalRequested event, EventEnvelope envelope, SqlConnection tx) {
    int items = event.lines().stream().mapToInt(WithdrawalRequested.Line::quantity).sum();
    return toCooperatives(
            tx,
            envelope.id(),
            event.orderId(),
            event.orderCode(),
            List.of(event.cooperativeId()),
            Templates.WITHDRAWAL_TO_COOPERATIVE,
            Map.of("code", event.orderCode(), "items", String.valueOf(items)))
        .compose(
            v ->
                toShopper(
                    tx,
                    envelope.id(),
                    event.orderId(),
                    event.cooperativeId(),
                    Templates.WITHDRAWAL_TO_SHOPPER,
                    Map.of(
                        "amount",
                        Dirhams.plain(event.amountCentimes()),
                        "dueBy",
                        event.refundDueBy().atZone(MOROCCO).toLocalDate().toString())));
  }

  /**
   * The cooperative sees what it earned from a delivered part: the amount, the commission, the net.
   */
  public Future<Void> onCaptured(PaymentCaptured event, EventEnvelope envelope, SqlConnection tx) {
    return store
        .orderParts(tx, event.orderId())
        .compose(
            parts -> {
              String code = parts.map(found -> found.shopper().orderCode()).orElse("");
              return toCooperatives(
                  tx,
                  envelope.id(),
                  event.orderId(),
                  code,
                  List.of(event.cooperativeId()),
                  Templates.PAYMENT_CAPTURED,
                  Map.of(
                      "code",
                      code,
                      "amount",
                      Dirhams.plain(event.amountCentimes()),
                      "commission",
                      Dirhams.plain(event.commissionCentimes()),
                      "net",
                      Dirhams.plain(event.amountCentimes() - event.commissionCentimes())));
            });
  }

  public Future<Void> onRefunded(PaymentRefunded event, EventEnvelope envelope, SqlConnection tx) {
    return store
        .orderParts(tx, event.orderId())
        .compose(
            parts -> {
              if (parts.isEmpty()) {
                return Future
                    .succeededFuture(); // an order never confirmed: its shopper is told by the
                // gateway
              }
              ShopperContact shopper = parts.get().shopper();
              // One refund is one message even when it comes in several parts' refunds: each is its
              // own event.
              return store.record(
                  tx,
                  Addressing.toShopper(
                      envelope.id(),
                      shopper,
                      Templates.REFUNDED,
                      Templates.render(
                          Templates.REFUNDED,
                          shopper.language(),
                          Map.of(
                              "code",
                              shopper.orderCode(),
                              "amount",
                              Dirhams.plain(event.amountCentimes())))));
            });
  }

  public Future<Void> onPayoutIssued(
      PayoutStatementIssued event, EventEnvelope envelope, SqlConnection tx) {
    return toCooperatives(
        tx,
        envelope.id(),
        null,
        null,
        List.of(event.cooperativeId()),
        Templates.PAYOUT_READY,
        Map.of("net", Dirhams.plain(event.netCentimes())));
  }

  /** The link a cooperative's member chooses her password with, on the page in her language. */
  public Future<Void> onMemberInvited(
      MemberInvited invited, EventEnvelope envelope, SqlConnection tx) {
    String link =
        publicBaseUrl
            + "/"
            + Templates.pageLanguage(invited.language())
            + "/#/welcome/"
            + invited.code();
    String text =
        Templates.render(
            Templates.SIGN_IN_LINK,
            invited.language(),
            Map.of("username", invited.username(), "link", link));
    return store.record(tx, List.of(Addressing.toMember(envelope.id(), invited, text)));
  }

  private Future<Void> toShopper(
      SqlConnection tx,
      UUID eventId,
      UUID orderId,
      UUID cooperativeId,
      String template,
      Map<String, String> values) {
    return store
        .orderParts(tx, orderId)
        .compose(
            parts -> {
              if (parts.isEmpty()) {
                return Future.succeededFuture();
              }
              ShopperContact shopper = parts.get().shopper();
              return cooperativesOrRetry(tx, List.of(cooperativeId))
                  .compose(
                      contacts -> {
                        Map<String, String> all = new HashMap<>(values);
                        all.put("code", shopper.orderCode());
                        all.put(
                            "cooperative", name(contacts.get(cooperativeId), shopper.language()));
                        return store.record(
                            tx,
                            Addressing.toShopper(
                                eventId,
                                shopper,
                                template,
                                Templates.render(template, shopper.language(), all)));
                      });
            });
  }

  private Future<Void> toCooperatives(
      SqlConnection tx,
      UUID eventId,
      UUID orderId,
      String code,
      List<UUID> cooperatives,
      String template,
      Map<String, String> values) {
    return cooperativesOrRetry(tx, cooperatives)
        .compose(
            contacts ->
                store
                    .webhooks(tx, cooperatives)
                    .compose(
                        webhooks -> {
                          List<Notification> messages = new ArrayList<>();
                          for (UUID cooperative : cooperatives) {
                            messages.addAll(
                                Addressing.toCooperative(
                                    eventId,
                                    orderId,
                                    code,
                                    contacts.get(cooperative),
                                    webhooks.get(cooperative),
                                    template,
                                    values));
                          }
                          return store.record(tx, messages);
                        }));
  }

  private Future<Map<UUID, CooperativeContact>> cooperativesOrRetry(
      SqlConnection tx, List<UUID> cooperatives) {
    return store
        .contacts(tx, cooperatives)
        .compose(
            contacts -> {
              List<UUID> unknown =
                  cooperatives.stream().filter(id -> !contacts.containsKey(id)).toList();
              return unknown.isEmpty()
                  ? Future.succeededFuture(contacts)
                  : Future.failedFuture(
                      new IllegalStateException("no contact yet for cooperatives " + unknown));
            });
  }

  private static String name(CooperativeContact cooperative, String language) {
    Map<String, String> names = cooperative.name();
    return names.getOrDefault(
        language, names.getOrDefault("fr", names.values().stream().findFirst().orElse("")));
  }
}
