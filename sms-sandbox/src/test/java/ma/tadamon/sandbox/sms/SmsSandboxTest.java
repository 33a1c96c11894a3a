package ma.tadamon.sandbox.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RawDataCoding;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SMS sandbox as the platform meets it: an SMPP client binds, submits GSM-7 and concatenated
 * UCS-2 messages, gets receipts, and hears replies typed on the sandbox's page. The messages are
 * built by hand from the SMPP and GSM 03.38 specifications, not by notification-service's code.
 */
class SmsSandboxTest {

  private static final String ACCOUNT = "tadamon";
  private static final String PASSWORD = "sbx-pw1";

  private final List<DeliverSm> heard = new CopyOnWriteArrayList<>();
  private Vertx vertx;
  private SandboxSmsc smsc;
  private SmsSandbox sandbox;
  private WebClient http;
  private SMPPSession client;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    smsc = new SandboxSmsc(freePort(), ACCOUNT, PASSWORD, true);
    sandbox = new SmsSandbox(smsc, 0);
    vertx
        .deployVerticle(sandbox)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(sandbox.port())
                .setFollowRedirects(false));
    client = bind(PASSWORD);
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.unbindAndClose();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void a_gsm7_message_is_received_read_as_a_phone_shows_it_and_its_receipt_comes_back()
      throws Exception {
    // "Répondez 100042 OK, 10€" in GSM 03.38 septets, one an octet: é is 0x05, € is 0x1B 0x65.
    byte[] septets = {
      0x52, 0x05, 0x70, 0x6F, 0x6E, 0x64, 0x65, 0x7A, 0x20, 0x31, 0x30, 0x30, 0x30, 0x34, 0x32,
      0x20, 0x4F, 0x4B, 0x2C, 0x20, 0x31, 0x30, 0x1B, 0x65
    };
    String id = submit("212661000101", new ESMClass(), (byte) 0x00, septets, true);

    assertThat(SmsSandbox.received(smsc.submitted()))
        .containsExactly(
            new SmsSandbox.Received("+212661000101", "Répondez 100042 OK, 10€", 1, id));
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                heard.stream()
                    .anyMatch(
                        deliver ->
                            MessageType.SMSC_DEL_RECEIPT.containedIn(deliver.getEsmClass())
                                && new String(deliver.getShortMessage(), StandardCharsets.US_ASCII)
                                    .contains("id:" + id)));
  }

  @Test
  void concatenated_arabic_parts_are_joined_and_shown_escaped_on_the_page() throws Exception {
    String first = "تضامن: طلب جديد <b>";
    String second = "زيت أركان";
    // UDH: length 5, IE 0x00 (concatenation, 8-bit reference), IE length 3, reference, total, n.
    byte[] udh1 = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x01};
    byte[] udh2 = {0x05, 0x00, 0x03, 0x2A, 0x02, 0x02};
    ESMClass withUdh = new ESMClass((byte) 0x40);
    submit("212661000202", withUdh, (byte) 0x08, concat(udh1, utf16(first)), false);
    submit("212661000202", withUdh, (byte) 0x08, concat(udh2, utf16(second)), true);

    List<SmsSandbox.Received> received = SmsSandbox.received(smsc.submitted());
    assertThat(received)
        .singleElement()
        .satisfies(
            sms -> {
              assertThat(sms.text()).isEqualTo(first + second);
              assertThat(sms.segments()).isEqualTo(2);
            });
    JsonObject messages = get("/api/messages").bodyAsJsonObject();
    assertThat(messages.getJsonArray("items").getJsonObject(0).getString("text"))
        .isEqualTo(first + second);
    String page = get("/").bodyAsString();
    assertThat(page).contains("&lt;b&gt;").doesNotContain("<b>").contains("+212661000202");
  }

  @Test
  void a_reply_typed_on_the_page_reaches_the_bound_platform_from_that_phone() throws Exception {
    MultiMap form =
        MultiMap.caseInsensitiveMultiMap().add("from", "+212661000303").add("text", " 100042 نعم ");

    int status =
        http.post("/reply")
            .sendForm(form)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .statusCode();

    assertThat(status).isEqualTo(303);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                heard.stream()
                    .anyMatch(
                        deliver ->
                            deliver.getSourceAddr().equals("212661000303")
                                && deliver.getDataCoding() == 0x08
                                && new String(deliver.getShortMessage(), StandardCharsets.UTF_16BE)
                                    .equals("100042 نعم")));
    MultiMap bad = MultiMap.caseInsensitiveMultiMap().add("from", "0612").add("text", "ok");
    assertThat(
            http.post("/reply")
                .sendForm(bad)
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS)
                .statusCode())
        .isEqualTo(400);
  }

  @Test
  void a_wrong_password_is_refused_at_bind() {
    assertThatThrownBy(() -> bind("wrongpw")).isInstanceOf(Exception.class);
  }

  private SMPPSession bind(String password) throws Exception {
    SMPPSession session = new SMPPSession();
    session.setMessageReceiverListener(new Heard());
    session.connectAndBind(
        "localhost",
        smsc.port(),
        new BindParameter(
            BindType.BIND_TRX,
            ACCOUNT,
            password,
            "",
            TypeOfNumber.UNKNOWN,
            NumberingPlanIndicator.UNKNOWN,
            null),
        5_000);
    return session;
  }

  private String submit(
      String destination, ESMClass esm, byte dataCoding, byte[] body, boolean wantsReceipt)
      throws Exception {
    return client
        .submitShortMessage(
            "",
            TypeOfNumber.ALPHANUMERIC,
            NumberingPlanIndicator.UNKNOWN,
            "TADAMON",
            TypeOfNumber.INTERNATIONAL,
            NumberingPlanIndicator.ISDN,
            destination,
            esm,
            (byte) 0,
            (byte) 1,
            null,
            null,
            new RegisteredDelivery(
                wantsReceipt ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT),
            (byte) 0,
            new RawDataCoding(dataCoding),
            (byte) 0,
            body)
        .getMessageId();
  }

  private HttpResponse<Buffer> get(String path) throws Exception {
    return http.get(path)
        .send()
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static int freePort() throws IOException {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  private static byte[] utf16(String text) {
    return text.getBytes(StandardCharsets.UTF_16BE);
  }

  private static byte[] concat(byte[] head, byte[] tail) {
    byte[] joined = new byte[head.length + tail.length];
    System.arraycopy(head, 0, joined, 0, head.length);
    System.arraycopy(tail, 0, joined, head.length, tail.length);
    return joined;
  }

  /** What the SMSC sends the bound client: receipts and phones' messages. */
  private final class Heard implements MessageReceiverListener {

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
      heard.add(deliverSm);
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {}

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source)
        throws ProcessRequestException {
      throw new ProcessRequestException("data_sm is not used", 0x03);
    }
  }
}
