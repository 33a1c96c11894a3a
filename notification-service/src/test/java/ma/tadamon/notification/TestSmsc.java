package ma.tadamon.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

/**
 * A real SMPP 3.4 server for the tests (jSMPP's server side) playing the operator's SMSC: it accepts the
 * service's bind, keeps every submit_sm PDU it receives, answers with message ids, and can send
 * delivery receipts and cooperatives' messages (deliver_sm) or drop the connection.
 */
final class TestSmsc implements AutoCloseable {

  static final String SYSTEM_ID = "tadamon";
  static final String PASSWORD = "secret12";

  /** A submit_sm as the SMSC received it. */
  record Submitted(String source, String destination, byte esmClass, byte dataCoding, byte registeredDelivery,
      byte[] shortMessage, String messageId) {
  }

  private final SMPPServerSessionListener listener;
  private final Thread acceptor;
  private final List<Submitted> submitted = new CopyOnWriteArrayList<>();
  private final AtomicInteger ids = new AtomicInteger(1000);
  private final AtomicInteger binds = new AtomicInteger();
  private volatile SMPPServerSession session;
  private volatile boolean closed;

  TestSmsc(int port) throws IOException {
    listener = new SMPPServerSessionListener(port);
    listener.setMessageReceiverListener(new Receiver());
    acceptor = new Thread(this::acceptSessions, "test-smsc");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  List<Submitted> submitted() {
    return List.copyOf(submitted);
  }

  int binds() {
    return binds.get();
  }

  boolean isBound() {
    SMPPServerSession current = session;
    return current != null && current.getSessionState().isBound();
  }

  /** A receipt for a message, as the SMSC sends it when the phone got it (DELIVRD) or not (UNDELIV). */
  void sendReceipt(Submitted message, String state) throws Exception {
    String receipt = "id:" + message.messageId() + " sub:001 dlvrd:001 submit date:2611221200 done date:2611221201"
        + " stat:" + state + " err:000 text:";
    session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, message.destination(),
        TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, message.source(),
        new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT), (byte) 0,
        (byte) 0, new RegisteredDelivery(0), new RawDataCoding((byte) 0), receipt.getBytes(StandardCharsets.US_ASCII));
  }

  /** A message a phone sent to the platform's number: UCS-2 for Arabic, else the GSM default alphabet. */
  void sendFromPhone(String phone, String text, boolean ucs2) throws Exception {
    byte[] bytes = ucs2 ? text.getBytes(StandardCharsets.UTF_16BE) : text.getBytes(StandardCharsets.US_ASCII);
    session.deliverShortMessage("", TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN,
        phone.replace("+", ""), TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "TADAMON",
        new ESMClass(), (byte) 0, (byte) 0, new RegisteredDelivery(0),
        new RawDataCoding(ucs2 ? (byte) 0x08 : (byte) 0x00), bytes);
  }

  /** The SMSC drops the connection, as operators' SMSCs do during maintenance. */
  void dropSession() {
    SMPPServerSession current = session;
    if (current != null) {
      current.close();
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    dropSession();
    listener.close();
  }

  private void acceptSessions() {
    while (!closed) {
      try {
        SMPPServerSession accepted = listener.accept();
        BindRequest bind = accepted.waitForBind(5_000);
        if (SYSTEM_ID.equals(bind.getSystemId()) && PASSWORD.equals(bind.getPassword())) {
          bind.accept("test-smsc");
          binds.incrementAndGet();
          session = accepted;
        } else {
          bind.reject(0x0000000E);
        }
      } catch (Exception e) {
        if (!closed) {
          System.err.println("test SMSC: " + e.getMessage());
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
        submitted.add(new Submitted(submitSm.getSourceAddr(), submitSm.getDestAddress(), submitSm.getEsmClass(),
            submitSm.getDataCoding(), submitSm.getRegisteredDelivery(), submitSm.getShortMessage(), id));
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
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source)
        throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
        SMPPServerSession source) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
      throw new ProcessRequestException("not supported", 0x03);
    }
  }
}
