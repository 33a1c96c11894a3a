package ma.tadamon.notification.channels;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import ma.tadamon.notification.domain.Channel;
import ma.tadamon.notification.domain.Templates;
import ma.tadamon.notification.sms.SmsEncoding;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMS over SMPP 3.4, bound as a transceiver to the operator's or aggregator's SMSC with jSMPP.
 * jSMPP blocks, so every call runs on one dedicated worker thread, never an event loop; that thread
 * also paces submissions to the contracted throughput. The session is kept bound (enquire_link
 * every 30 s, re-bound after a drop) so that delivery receipts and cooperatives' replies keep
 * arriving. While the SMSC cannot be bound, messages wait for it ({@link ChannelDown}) rather than
 * spend their attempts, and only one bind is tried every {@link #REBIND_AFTER}.
 */
public final class SmppSender implements ChannelSender {

  private static final Logger log = LoggerFactory.getLogger(SmppSender.class);
  private static final byte UDH_INDICATOR = 0x40;

  /**
   * How long after a failed bind messages are told at once that the SMSC is down, rather than each
   * trying a bind of its own: a lane's batch would otherwise knock fifty times, one after another,
   * each waiting out the bind's timeout on the one worker thread. The keep-alive's period, which
   * binds again.
   */
  public static final Duration REBIND_AFTER = Duration.ofSeconds(5);

  /**
   * What arrives from the SMSC: receipts for sent messages, and messages sent to us. Called on the
   * event loop.
   */
  public interface Arrivals {
    void receipt(String messageId, boolean delivered, String state);

    void inbound(String sender, String text);
  }

  private final SmppSettings settings;
  private final WorkerExecutor worker;
  private final Context context;
  private final Arrivals arrivals;
  private final AtomicInteger references = new AtomicInteger();
  private SMPPSession session;
  private long lastSubmitNanos;

  /** Set as closing starts: what is queued after it binds nothing. */
  private volatile boolean closed;

  /** The last bind's failure and when it happened (System.nanoTime), or null; on the worker. */
  private String bindFailure;

  private long bindFailedAtNanos;

  public SmppSender(Vertx vertx, SmppSettings settings, Arrivals arrivals) {
    this.settings = settings;
    this.worker = vertx.createSharedWorkerExecutor("smpp-" + settings.systemId(), 1);
    this.context = vertx.getOrCreateContext();
    this.arrivals = arrivals;
    if (settings.replyNumber().isEmpty()) {
      log.warn(
          "no SMPP_REPLY_NUMBER: every SMS comes from '{}', which phones cannot answer; cooperatives"
              + " will not be able to reply by SMS",
          settings.sourceAddress());
    }
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  /**
   * Binds now if not bound; the periodic keep-alive calls this so a dropped session comes back on
   * its own.
   */
  public Future<Void> keepBound() {
    return worker.executeBlocking(
        () -> {
          if (!closed) {
            bound();
          }
          return null;
        });
  }

  @Override
  public Future<String> send(Outgoing message) {
    SmsEncoding.Encoded encoded =
        SmsEncoding.encode(message.body(), references.incrementAndGet() & 0xFF);
    Sender sender = senderFor(message.template());
    return worker.executeBlocking(
        () -> {
          SMPPSession bound = boundForSending();
          String lastId = null;
          for (int n = 0; n < encoded.segments().size(); n++) {
            boolean last = n == encoded.segments().size() - 1;
            pace();
            try {
              lastId =
                  bound
                      .submitShortMessage(
                          "",
                          sender.typeOfNumber(),
                          sender.numberingPlan(),
                          sender.address(),
                          TypeOfNumber.INTERNATIONAL,
                          NumberingPlanIndicator.ISDN,
                          message.destination().replaceFirst("^\\+", ""),
                          new ESMClass(encoded.concatenated() ? UDH_INDICATOR : 0),
                          (byte) 0,
                          (byte) 1,
                          null,
                          null,
                          // A receipt for the last segment says whether the whole message arrived.
                          new RegisteredDelivery(
                              last
                                  ? SMSCDeliveryReceipt.SUCCESS_FAILURE
                                  : SMSCDeliveryReceipt.DEFAULT),
                          (byte) 0,
                          new RawDataCoding(encoded.dataCoding()),
                          (byte) 0,
                          encoded.segments().get(n))
                      .getMessageId();
            } catch (NegativeResponseException refused) {
              throw isPermanent(refused.getCommandStatus())
                  ? new PermanentFailure(
                      "the SMSC refused the message (status 0x"
                          + Integer.toHexString(refused.getCommandStatus())
                          + ")")
                  : refused;
            }
          }
          return lastId;
        });
  }

  public Future<Void> close() {
    closed = true;
    Future<Void> unbound =
        worker.executeBlocking(
            () -> {
              if (session != null) {
                try {
                  session.unbindAndClose();
                } catch (RuntimeException e) {
                  // The SMSC went first (it dropped us, or it is shutting down): closing our side
                  // is all there is.
                  session.close();
                }
                session = null;
              }
              return null;
            });
    return unbound.eventually(() -> worker.close());
  }

  /**
   * The bound session for a message, binding one if the last bind did not just fail; else {@link
   * ChannelDown}. On the worker thread.
   */
  private SMPPSession boundForSending() {
    if (closed) {
      throw new ChannelDown("the SMS sender is closing");
    }
    boolean justFailed =
        bindFailure != null && System.nanoTime() - bindFailedAtNanos < REBIND_AFTER.toNanos();
    if (justFailed && (session == null || !session.getSessionState().isBound())) {
      throw new ChannelDown("the SMSC cannot be bound: " + bindFailure);
    }
    try {
      return bound();
    } catch (IOException e) {
      throw new ChannelDown("the SMSC cannot be bound: " + bindFailure);
    }
  }

  /**
   * The bound session, binding a new one when there is none or the last one dropped. On the worker
   * thread.
   */
  private SMPPSession bound() throws IOException {
    if (session != null && session.getSessionState().isBound()) {
      return session;
    }
    if (session != null) {
      session.close();
    }
    SMPPSession fresh = new SMPPSession();
    fresh.setEnquireLinkTimer(settings.enquireLinkMillis());
    fresh.setTransactionTimer(settings.responseTimeoutMillis());
    fresh.setMessageReceiverListener(new Receiver());
    try {
      fresh.connectAndBind(
          settings.host(),
          settings.port(),
          new BindParameter(
              BindType.BIND_TRX,
              settings.systemId(),
              settings.password(),
              "",
              TypeOfNumber.UNKNOWN,
              NumberingPlanIndicator.UNKNOWN,
              null),
          settings.responseTimeoutMillis());
    } catch (IOException e) {
      if (bindFailure == null) {
        log.warn(
            "the SMSC at {}:{} cannot be bound; SMS wait for it: {}",
            settings.host(),
            settings.port(),
            e.toString());
      }
      bindFailure = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
      bindFailedAtNanos = System.nanoTime();
      throw e;
    }
    log.info(
        "bound to the SMSC at {}:{} as {}", settings.host(), settings.port(), settings.systemId());
    bindFailure = null;
    session = fresh;
    return fresh;
  }

  /** Keeps to the contracted messages per second (each segment is a message to the SMSC). */
  private void pace() throws InterruptedException {
    long interval = 1_000_000_000L / settings.throughputPerSecond();
    long wait = lastSubmitNanos + interval - System.nanoTime();
    if (wait > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    lastSubmitNanos = System.nanoTime();
  }

  /**
   * Who a message comes from: the reply number for a message that expects an answer (a phone can
   * answer a number, never a name), the sender name for the others. Without a reply number every
   * message comes from the name, and the cooperatives' answers cannot reach Tadamon (said once at
   * start-up).
   */
  private Sender senderFor(String template) {
    if (Templates.expectsAnswer(template) && settings.replyNumber().isPresent()) {
      String number = settings.replyNumber().get();
      // A long number is international; a short code is the operator's own.
      return number.startsWith("+") || number.length() > 8
          ? new Sender(
              TypeOfNumber.INTERNATIONAL,
              NumberingPlanIndicator.ISDN,
              number.replaceFirst("^\\+", ""))
          : new Sender(TypeOfNumber.UNKNOWN, NumberingPlanIndicator.ISDN, number);
    }
    return new Sender(
        TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, settings.sourceAddress());
  }

  private record Sender(
      TypeOfNumber typeOfNumber, NumberingPlanIndicator numberingPlan, String address) {}

  /** Invalid destination, bad source, message too long: no retry can fix those. */
  private static boolean isPermanent(int commandStatus) {
    return commandStatus == 0x0000000B
        || commandStatus == 0x0000000A
        || commandStatus == 0x00000001
        || commandStatus == 0x00000066;
  }

  private final class Receiver implements MessageReceiverListener {

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
      if (deliverSm.isSmscDeliveryReceipt()) {
        try {
          DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
          DeliveryReceiptState state = receipt.getFinalStatus();
          context.runOnContext(
              v ->
                  arrivals.receipt(
                      receipt.getId(),
                      state == DeliveryReceiptState.DELIVRD,
                      String.valueOf(state)));
        } catch (Exception e) {
          log.warn("unreadable delivery receipt: {}", e.getMessage());
        }
        return;
      }
      byte[] message = deliverSm.getShortMessage();
      if ((deliverSm.getEsmClass() & UDH_INDICATOR) != 0 && message.length > 0) {
        int headerLength = (message[0] & 0xFF) + 1;
        message =
            Arrays.copyOfRange(message, Math.min(headerLength, message.length), message.length);
      }
      String text = SmsEncoding.decode(deliverSm.getDataCoding(), message);
      String sender = "+" + deliverSm.getSourceAddr().replaceFirst("^\\+", "");
      context.runOnContext(v -> arrivals.inbound(sender, text));
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw new ProcessRequestException("data_sm is not used here", 0x00000003);
    }
  }
}
