package ma.tadamon.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.catalog.StandSaleAnswered;
import ma.tadamon.events.notification.CooperativeReplied;
import ma.tadamon.events.notification.StandSaleReported;
import ma.tadamon.events.order.CooperativeReplyAnswered;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.CooperativeContact;
import ma.tadamon.notification.domain.Notification;
import ma.tadamon.notification.domain.Templates;
import ma.tadamon.notification.marketing.MarketingConsent;
import ma.tadamon.notification.phone.PhoneConfirmation;
import ma.tadamon.notification.sms.SmsCommand;
import ma.tadamon.notification.sms.StandSaleCommand;
import ma.tadamon.notification.store.InboundSmsStore;
import ma.tadamon.notification.store.NotificationStore;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cooperatives answering by SMS. A reply from a cooperative's registered phone, naming one of its
 * orders and a known word, becomes a {@code cooperative-replied} event that order-service applies;
 * its answer comes back as an SMS. A reply that cannot be read gets the help text; one for an order
 * that is not the cooperative's says so. A shopper's answer to the code of its order proves its
 * phone ({@link PhoneConfirmations}). Other numbers get nothing: the platform does not text
 * strangers.
 */
public final class SmsReplies {

  private static final Logger log = LoggerFactory.getLogger(SmsReplies.class);

  private final Pool pool;
  private final NotificationStore notifications;
  private final InboundSmsStore inbound;
  private final Outbox outbox;
  private final PhoneConfirmations phones;
  private final Marketing marketing;

  public SmsReplies(
      Pool pool,
      NotificationStore notifications,
      InboundSmsStore inbound,
      Outbox outbox,
      PhoneConfirmations phones,
      Marketing marketing) {
    this.pool = pool;
    this.notifications = notifications;
    this.inbound = inbound;
    this.outbox = outbox;
    this.phones = phones;
    this.marketing = marketing;
  }

  /**
   * An SMS arrived ({@code via} SMPP or HTTP); answers what it was read as. A shopper answering the
   * code of an order comes first: a cooperative's phone may also be a shopper's.
   */
  public Future<InboundSmsStore.Outcome> received(String sender, String text, String via) {
    UUID id = UUID.randomUUID();
    if (MarketingConsent.isStop(text)) {
      return Transactions.run(pool, tx -> stop(tx, id, sender, text, via));
    }
    return Transactions.run(
        pool,
        tx ->
            phones
                .replied(tx, sender, text)
                .compose(
                    attempt ->
                        attempt.isPresent()
                            ? record(
                                tx,
                                id,
                                sender,
                                text,
                                via,
                                attempt.get().outcome() == PhoneConfirmation.Outcome.CONFIRMED
                                    ? InboundSmsStore.Outcome.PHONE_CONFIRMED
                                    : InboundSmsStore.Outcome.PHONE_CODE_REFUSED,
                                null,
                                null,
                                null)
                            : fromCooperative(tx, id, sender, text, via)));
  }

  /**
   * STOP: no more of Tadamon's news to this phone (messages about its orders go on). The answer
   * goes only to a phone that had consented: the platform does not text strangers.
   */
  private Future<InboundSmsStore.Outcome> stop(
      SqlConnection tx, UUID id, String sender, String text, String via) {
    return marketing
        .stopBySms(tx, sender)
        .compose(
            language ->
                language.isEmpty()
                    ? Future.succeededFuture()
                    : notifications.record(
                        tx,
                        List.of(
                            new Notification(
                                UUID.randomUUID(),
                                id,
                                null,
                                Notification.Recipient.SHOPPER,
                                id.toString(),
                                Channel.SMS,
                                sender,
                                language.get(),
                                Templates.MARKETING_STOPPED,
                                "Tadamon",
                                Templates.render(
                                    Templates.MARKETING_STOPPED, language.get(), Map.of())))))
        .compose(
            v ->
                record(
                    tx,
                    id,
                    sender,
                    text,
                    via,
                    InboundSmsStore.Outcome.OPTED_OUT,
                    null,
                    null,
                    null));
  }

  private Future<InboundSmsStore.Outcome> fromCooperative(
      SqlConnection tx, UUID id, String sender, String text, String via) {
    return notifications
        .contactByPhone(tx, sender)
        .compose(
            found -> {
              if (found.isEmpty()) {
                log.info("an SMS from a number that is no cooperative's was ignored");
                return record(
                    tx,
                    id,
                    sender,
                    text,
                    via,
                    InboundSmsStore.Outcome.UNKNOWN_SENDER,
                    null,
                    null,
                    null);
              }
              CooperativeContact cooperative = found.get();
              Optional<StandSaleCommand> sale = StandSaleCommand.parse(text);
              if (sale.isPresent()) {
                return outbox
                    .append(
                        tx,
                        Topics.NOTIFICATION_EVENTS,
                        new StandSaleReported(
                            id,
                            cooperative.id(),
                            sale.get().productNumber(),
                            sale.get().quantity()))
                    .compose(
                        v ->
                            record(
                                tx,
                                id,
                                sender,
                                text,
                                via,
                                InboundSmsStore.Outcome.STAND_SALE,
                                null,
                                null,
                                cooperative.id()));
              }
              Optional<SmsCommand> command = SmsCommand.parse(text);
              if (command.isEmpty()) {
                return answer(tx, id, null, cooperative, sender, Templates.REPLY_HELP, Map.of())
                    .compose(
                        v ->
                            record(
                                tx,
                                id,
                                sender,
                                text,
                                via,
                                InboundSmsStore.Outcome.UNREADABLE,
                                null,
                                null,
                                cooperative.id()));
              }
              String code = command.get().orderCode();
              return notifications
                  .orderOfCooperative(tx, code, cooperative.id())
                  .compose(
                      order -> {
                        if (order.isEmpty()) {
                          return answer(
                                  tx,
                                  id,
                                  null,
                                  cooperative,
                                  sender,
                                  Templates.REPLY_UNKNOWN_ORDER,
                                  Map.of("code", code))
                              .compose(
                                  v ->
                                      record(
                                          tx,
                                          id,
                                          sender,
                                          text,
                                          via,
                                          InboundSmsStore.Outcome.UNKNOWN_ORDER,
                                          code,
                                          null,
                                          cooperative.id()));
                        }
                        return outbox
                            .append(
                                tx,
                                Topics.NOTIFICATION_EVENTS,
                                new CooperativeReplied(
                                    id,
                                    order.get(),
                                    cooperative.id(),
                                    command.get().action(),
                                    command.get().argument()))
                            .compose(
                                v ->
                                    record(
                                        tx,
                                        id,
                                        sender,
                                        text,
                                        via,
                                        InboundSmsStore.Outcome.COMMAND,
                                        code,
                                        order.get(),
                                        cooperative.id()));
                      });
            });
  }

  /**
   * order-service applied (or refused) a reply: the cooperative is told, on the phone it wrote
   * from.
   */
  public Future<Void> onAnswered(
      CooperativeReplyAnswered answer, EventEnvelope envelope, SqlConnection tx) {
    return inbound
        .sender(tx, answer.commandId())
        .compose(
            sender -> {
              if (sender.isEmpty()) {
                return Future
                    .succeededFuture(); // a command from another instance's history: nothing to
                // answer
              }
              return notifications
                  .contacts(tx, List.of(answer.cooperativeId()))
                  .compose(
                      contacts -> {
                        CooperativeContact cooperative = contacts.get(answer.cooperativeId());
                        if (cooperative == null) {
                          return Future.succeededFuture();
                        }
                        return notifications
                            .orderParts(tx, answer.orderId())
                            .compose(
                                parts -> {
                                  String code =
                                      parts.map(found -> found.shopper().orderCode()).orElse("");
                                  String status =
                                      Templates.partState(
                                          answer.partStatus(), cooperative.language());
                                  return answer(
                                      tx,
                                      envelope.id(),
                                      answer.orderId(),
                                      cooperative,
                                      sender.get().phone(),
                                      answer.applied()
                                          ? Templates.replyDone(answer.partStatus())
                                          : Templates.REPLY_REFUSED,
                                      Map.of("code", code, "status", status));
                                });
                      });
            });
  }

  /** catalog-service recorded (or refused) a stand sale: told to the phone that reported it. */
  public Future<Void> onStandSaleAnswered(
      StandSaleAnswered answer, EventEnvelope envelope, SqlConnection tx) {
    return inbound
        .sender(tx, answer.commandId())
        .compose(
            sender ->
                sender.isEmpty()
                    ? Future.<Void>succeededFuture()
                    : notifications
                        .contacts(tx, List.of(answer.cooperativeId()))
                        .compose(
                            contacts -> {
                              CooperativeContact cooperative = contacts.get(answer.cooperativeId());
                              if (cooperative == null) {
                                return Future.succeededFuture();
                              }
                              String template =
                                  answer.recorded()
                                      ? Templates.STAND_SALE_RECORDED
                                      : switch (answer.refusal()) {
                                        case "no-fair-today" -> Templates.STAND_SALE_NO_FAIR;
                                        case "stock-short" -> Templates.STAND_SALE_STOCK_SHORT;
                                        default -> Templates.STAND_SALE_UNKNOWN_PRODUCT;
                                      };
                              Map<String, String> names = answer.productName();
                              String product =
                                  names.getOrDefault(
                                      cooperative.language(),
                                      names.getOrDefault(
                                          "fr", names.values().stream().findFirst().orElse("")));
                              return answer(
                                  tx,
                                  envelope.id(),
                                  null,
                                  cooperative,
                                  sender.get().phone(),
                                  template,
                                  Map.of(
                                      "number", String.valueOf(answer.productNumber()),
                                      "quantity", String.valueOf(answer.quantity()),
                                      "product", product,
                                      "left", String.valueOf(answer.stockAvailable())));
                            }));
  }

  private Future<InboundSmsStore.Outcome> record(
      SqlConnection tx,
      UUID id,
      String sender,
      String text,
      String via,
      InboundSmsStore.Outcome outcome,
      String code,
      UUID orderId,
      UUID cooperativeId) {
    return inbound
        .record(
            tx,
            id,
            sender,
            text,
            via,
            outcome,
            code == null ? null : "order " + code,
            orderId,
            cooperativeId)
        .map(outcome);
  }

  /** An SMS to the phone that wrote, in the cooperative's language, once per {@code eventId}. */
  private Future<Void> answer(
      SqlConnection tx,
      UUID eventId,
      UUID orderId,
      CooperativeContact cooperative,
      String phone,
      String template,
      Map<String, String> values) {
    String text = Templates.render(template, cooperative.language(), values);
    return notifications.record(
        tx,
        List.of(
            new Notification(
                UUID.randomUUID(),
                eventId,
                orderId,
                Notification.Recipient.COOPERATIVE,
                cooperative.id().toString(),
                Channel.SMS,
                phone,
                cooperative.language(),
                template,
                null,
                text)));
  }
}
