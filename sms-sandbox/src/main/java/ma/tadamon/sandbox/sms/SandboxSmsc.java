package ma.tadamon.sandbox.sms;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real SMPP 3.4 server (jSMPP's server side) playing the operator's SMSC, as an operator's test
 * environment would: it accepts a bind with the configured account, keeps every submit_sm PDU it
 * receives, answers with message ids, and sends delivery receipts (at once when {@code
 * autoReceipts}) and messages from phones (deliver_sm); it can drop the connection as an SMSC in
 * maintenance does.
 */
public final class SandboxSmsc implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SandboxSmsc.class);

  /** A submit_sm as the SMSC received it. */
  public record Submitted(
      String source,
      String destination,
      byte esmClass,
      byte dataCoding,
      byte registeredDelivery,
      byte[] shortMessage,
      String messageId) {}

  private final String systemId;
  private final String password;
  private final boolean autoReceipts;
  private final SMPPServerSessionListener listener;
  private final Thread acceptor;
  // Appended to at every submit_sm, read by tests: a copy-on-write list would copy it all each
  // time.
  private final Queue<Submitted> submitted = new ConcurrentLinkedQueue<>();
  // One thread sends every receipt, each when its delay is up: not a thread per message.
  private final ScheduledExecutorService receipts =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "sandbox-smsc-receipts");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger ids = new AtomicInteger(1000);
  private final AtomicInteger binds = new AtomicInteger();
  private volatile SMPPServerSession session;
  private volatile boolean closed;

  public SandboxSmsc(int port, String systemId, String password, boolean autoReceipts)
      throws IOException {
    this.systemId = systemId;
    this.password = password;
    this.autoReceipts = autoReceipts;
    listener = new SMPPServerSessionListener(port);
    listener.setMessageReceiverListener(new Receiver());
    acceptor = new Thread(this::acceptSessions, "sandbox-smsc");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public int port() {
    return listener.getPort();
  }

  public List<Submitted> submitted() {
    return List.copyOf(submitted);
  }

  public int binds() {
    return binds.get();
  }

  public boolean isBound() {
    SMPPServerSession current = session;
    return current != null && current.getSessionState().isBound();
  }

  /**
   * A receipt for a message, as the SMSC sends it when the phone got it (DELIVRD) or not (UNDELIV).
   */
  public void sendReceipt(Submitted message, String state) throws Exception {
    String receipt =
        "id:"
            + message.messageId()
            + " sub:001 dlvrd:001 submit date:2611221200 done date:2611221201"
            + " stat:"
            + state
            + " err:000 text:";
    session.deliverShortMessage(
        "",
        TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN,
        message.destination(),
        TypeOfNumber.ALPHANUMERIC,
        NumberingPlanIndicator.UNKNOWN,
        message.source(),
        new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
        (byte) 0,
        (byte) 0,
        new RegisteredDelivery(0),
        new RawDataCoding((byte) 0),
        receipt.getBytes(StandardCharsets.US_ASCII));
  }

  /** A message a phone sent to the platform's number, UCS-2 unless it is plain ASCII. */
  public void sendFromPhone(String phone, String text) throws Exception {
    sendFromPhone(phone, text, !text.chars().allMatch(c -> c < 128));
  }

  /**
   * A message a phone sent to the platform's number: UCS-2 for Arabic, else the GSM default
   * alphabet.
   */
  public void sendFromPhone(String phone, String text, boolean ucs2) throws Exception {
    byte[] bytes =
        ucs2 ? text.getBytes(StandardCharsets.UTF_16BE) : text.getBytes(StandardCharsets.US_ASCII);
    session.deliverShortMessage(
        "",
        TypeOfNumber.INTERNATIONAL,
        NumberingPlanIndicator.ISDN,
        phone.replace("+", ""),
        TypeOfNumber.ALPHANUMERIC,
        NumberingPlanIndicator.UNKNOWN,
        "TADAMON",
        new ESMClass(),
        (byte) 0,
        (byte) 0,
        new RegisteredDelivery(0),
        new RawDataCoding(ucs2 ? (byte) 0x08 : (byte) 0x00),
        bytes);
  }

  /** The SMSC drops the connection, as operators' SMSCs do during maintenance. */
  public void dropSession() {
    SMPPServerSession current = session;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    receipts.shutdownNow();
    dropSession();
    listener.close();
  }

  private void acceptSessions() {
    while (!closed) {
      try {
        SMPPServerSession accepted = listener.accept();
        BindRequest bind = accepted.waitForBind(5_000);
        if (systemId.equals(bind.getSystemId()) && password.equals(bind.getPassword())) {
          bind.accept("sandbox-smsc");
          binds.incrementAndGet();
          session = accepted;
        } else {
          bind.reject(0x0000000E);
        }
      } catch (Exception e) {
        if (!closed) {
          log.warn("sandbox SMSC: {}", e.getMessage());
        }
      }
    }
  }

  private final class Receiver implements ServerMessageReceiverListener {

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source)
        throws ProcessRequestException {
      try {
        String id = "M" + ids.incrementAndGet();
        Submitted message =
            new Submitted(
                submitSm.getSourceAddr(),
                submitSm.getDestAddress(),
                submitSm.getEsmClass(),
                submitSm.getDataCoding(),
                submitSm.getRegisteredDelivery(),
                submitSm.getShortMessage(),
                id);
        submitted.add(message);
        if (autoReceipts && (message.registeredDelivery() & 0x01) != 0) {
          // The phone got it: the receipt follows the response, as a real SMSC's does.
          receipts.schedule(
              () -> {
                try {
                  sendReceipt(message, "DELIVRD");
                } catch (Exception e) {
                  log.warn("sandbox SMSC could not send a receipt: {}", e.getMessage());
                }
              },
              200,
              TimeUnit.MILLISECONDS);
        }
        return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
      } catch (Exception e) {
        throw new ProcessRequestException(e.getMessage(), 0x08);
      }
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptCancelBroadcastSm(
        CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(
        QueryBroadcastSm queryBroadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }
  }
}
