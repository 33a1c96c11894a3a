package ma.tadamon.notification;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import ma.tadamon.events.notification.PhoneConfirmationFailed;
import ma.tadamon.events.notification.PhoneConfirmed;
import ma.tadamon.events.order.PhoneConfirmationRequested;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.notification.sms.SmsEncoding;
import ma.tadamon.notification.store.PhoneConfirmationStore;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.platform.testing.EventPublisher;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import ma.tadamon.sandbox.sms.SandboxSmsc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Shoppers proving the phone of a cash-on-delivery order, against notification-service on real
 * Kafka and PostgreSQL with its codes going over SMPP to a real SMSC (the sandbox's): this test
 * plays order-service, asking for confirmations and listening for their outcome.
 */
@ExtendWith(VertxExtension.class)
class PhoneConfirmationTest {

  private static final String INBOUND_TOKEN = "inbound-token-0123456789";
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  private static final AtomicInteger nextPhone = new AtomicInteger(10_000);

  private static RunningService service;
  private static RunningService secondReplica;
  private static SandboxSmsc smsc;
  private static WebClient http;
  private static EventPublisher orders;
  private static TopicProbe outcomes;
  private static Pool database;
  private static String operator;

  @BeforeAll
  static void start(Vertx vertx) throws Exception {
    int smppPort = FreePorts.next();
    smsc = new SandboxSmsc(smppPort, "tadamon", "secret12", false);
    Settings settings =
        TestPlatform.settingsWithOwnDatabase("notifications_phones")
            .with(
                Map.ofEntries(
                    Map.entry("SMPP_HOST", "127.0.0.1"),
                    Map.entry("SMPP_PORT", String.valueOf(smppPort)),
                    Map.entry("SMPP_SYSTEM_ID", "tadamon"),
                    Map.entry("SMPP_PASSWORD", "secret12"),
                    Map.entry("SMPP_REPLY_NUMBER", "2424"),
                    Map.entry("NOTIFICATION_DELIVERY_INTERVAL_MS", "200"),
                    Map.entry("SMS_INBOUND_TOKEN", INBOUND_TOKEN)));
    outcomes = TopicProbe.watch(vertx, Topics.NOTIFICATION_EVENTS);
    service =
        await(
            ServiceRuntime.start(NotificationService.NAME, settings, NotificationService::new),
            120);
    // A second replica on the same database and consumer groups: both deliver SMS.
    secondReplica =
        await(
            ServiceRuntime.start(
                NotificationService.NAME,
                settings.with(Map.of("HTTP_PORT", String.valueOf(FreePorts.next()))),
                NotificationService::new),
            120);
    http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(settings.getInt("HTTP_PORT", 0)));
    orders = new EventPublisher(vertx, "/order-service-under-test");
    database =
        Database.pool(
            vertx, PostgresSettings.from(settings), NotificationService.SCHEMA, "phones-test");
    operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 30);
  }

  @AfterAll
  static void stop() throws Exception {
    orders.close();
    outcomes.close();
    await(database.close(), 10);
    await(service.close(), 30);
    await(secondReplica.close(), 30);
    smsc.close();
  }

  @Test
  void the_code_goes_by_sms_in_the_shoppers_language_and_typing_it_confirms_the_phone() {
    String phone = newMobile();
    UUID order = ask(phone, "fr", Duration.ofMinutes(10));

    String sms = awaitSmsTo(phone);
    assertThat(sms).contains("100042").contains("OUI").contains("10 min");
    assertThat(sms.indexOf(codeIn(sms)))
        .as("the code before the order's")
        .isLessThan(sms.indexOf("100042"));
    String code = codeIn(sms);
    assertThat(storedHash(order)).as("kept as a keyed hash only").doesNotContain(code).hasSize(64);

    HttpResponse<Buffer> wrong = type(order, wrongOf(code));
    assertThat(wrong.statusCode()).isEqualTo(422);
    assertThat(wrong.bodyAsJsonObject().getInteger("attemptsLeft")).isEqualTo(4);
    HttpResponse<Buffer> right = type(order, code);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
    assertThat(outcomes.awaitEvent(PhoneConfirmed.class, order).proof())
        .isEqualTo(PhoneConfirmed.Proof.TYPED_CODE);
    assertThat(type(order, code).statusCode()).as("a retry of the form is harmless").isEqualTo(200);
    assertThat(outcomes.count(PhoneConfirmed.class, order)).isEqualTo(1);
    assertThat(
            await(
                    http.get("/api/notifications?order=" + order)
                        .bearerTokenAuthentication(operator)
                        .send(),
                    10)
                .bodyAsString())
        .as("the spent code no longer readable in the message kept")
        .doesNotContain(code);
    assertThat(type(order, "12345").statusCode())
        .as("not a code: refused, not counted")
        .isEqualTo(422);
    assertThat(type(UUID.randomUUID(), code).statusCode()).isEqualTo(404);
  }

  @Test
  void five_wrong_codes_lock_the_wait_and_the_order_is_told_at_once() {
    String phone = newMobile();
    UUID order = ask(phone, "ar", Duration.ofMinutes(10));
    String code = codeIn(awaitSmsTo(phone));

    for (int attempt = 1; attempt <= 4; attempt++) {
      HttpResponse<Buffer> wrong = type(order, wrongOf(code));
      assertThat(wrong.statusCode()).isEqualTo(422);
      assertThat(wrong.bodyAsJsonObject().getInteger("attemptsLeft")).isEqualTo(5 - attempt);
    }
    HttpResponse<Buffer> fifth = type(order, wrongOf(code));

    assertThat(fifth.statusCode()).isEqualTo(409);
    assertThat(fifth.bodyAsJsonObject().getString("type")).endsWith("/phone-confirmation-locked");
    assertThat(outcomes.awaitEvent(PhoneConfirmationFailed.class, order).reason())
        .isEqualTo(PhoneConfirmationFailed.Reason.TOO_MANY_WRONG_CODES);
    assertThat(type(order, code).statusCode()).as("the right code, too late").isEqualTo(409);
    assertThat(outcomes.count(PhoneConfirmed.class, order)).isZero();
  }

  @Test
  void answering_the_sms_from_the_phone_confirms_it() {
    String phone = newMobile();
    UUID order = ask(phone, "en", Duration.ofMinutes(10));
    String sms = awaitSmsTo(phone);
    assertThat(sms).contains("YES");
    assertThat(smsc.submitted().stream().filter(s -> s.destination().equals(phone.substring(1))))
        .allSatisfy(
            s -> assertThat(s.source()).as("a number the phone can answer").isEqualTo("2424"));

    HttpResponse<Buffer> reply = inbound(phone, "Yes");

    assertThat(reply.statusCode()).isEqualTo(202);
    assertThat(reply.bodyAsJsonObject().getString("outcome")).isEqualTo("PHONE_CONFIRMED");
    assertThat(outcomes.awaitEvent(PhoneConfirmed.class, order).proof())
        .isEqualTo(PhoneConfirmed.Proof.SMS_REPLY);
  }

  @Test
  void no_code_goes_to_a_number_tadamon_does_not_text() {
    UUID abroad = ask("+33612345678", "fr", Duration.ofMinutes(10));
    UUID premium = ask("+212890123456", "fr", Duration.ofMinutes(10));

    assertThat(outcomes.awaitEvent(PhoneConfirmationFailed.class, abroad).reason())
        .isEqualTo(PhoneConfirmationFailed.Reason.NUMBER_NOT_ALLOWED);
    assertThat(outcomes.awaitEvent(PhoneConfirmationFailed.class, premium).reason())
        .isEqualTo(PhoneConfirmationFailed.Reason.NUMBER_NOT_ALLOWED);
    assertThat(smsc.submitted())
        .noneMatch(
            s -> s.destination().equals("33612345678") || s.destination().equals("212890123456"));
  }

  @Test
  void a_number_that_let_two_codes_lapse_is_not_texted_a_third() {
    String phone = newMobile();
    UUID first = ask(phone, "fr", Duration.ofSeconds(1));
    awaitSmsTo(phone);
    UUID second = ask(phone, "fr", Duration.ofSeconds(1));
    await().atMost(Duration.ofSeconds(30)).until(() -> smsTo(phone).size() == 2);
    // Both deadlines pass with no answer; order-service cancels such orders.
    await().pollDelay(Duration.ofMillis(1100)).until(() -> true);
    assertThat(type(second, "000000").bodyAsJsonObject().getString("type"))
        .endsWith("/phone-confirmation-expired");

    UUID third = ask(phone, "fr", Duration.ofMinutes(10));

    assertThat(outcomes.awaitEvent(PhoneConfirmationFailed.class, third).reason())
        .isEqualTo(PhoneConfirmationFailed.Reason.NUMBER_HELD_BACK);
    await().pollDelay(Duration.ofMillis(500)).until(() -> true);
    assertThat(smsTo(phone)).as("no SMS repeated to it").hasSize(2);
    assertThat(outcomes.count(PhoneConfirmationFailed.class, first)).isZero();
  }

  @Test
  void a_number_gets_six_sms_an_hour_whichever_replica_sends_them() {
    String phone = newMobile();
    for (int order = 0; order < 8; order++) {
      ask(phone, "fr", Duration.ofMinutes(10));
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                            "SELECT count(*) FROM notifications WHERE destination = $1"
                                + " AND status = 'DEAD' AND last_error LIKE 'held back%'",
                            phone)
                        == 2
                    && smsTo(phone).size() == 6
                    // The SMSC takes the sixth before its row is marked sent: wait for both.
                    && count(
                            "SELECT count(*) FROM notifications WHERE destination = $1"
                                + " AND status IN ('SENT', 'DELIVERED')",
                            phone)
                        >= 6);
    assertThat(
            count(
                "SELECT count(*) FROM notifications WHERE destination = $1"
                    + " AND status IN ('SENT', 'DELIVERED')",
                phone))
        .isEqualTo(6);
  }

  @Test
  void waits_are_deleted_once_past_their_retention() {
    String phone = newMobile();
    UUID old = ask(phone, "fr", Duration.ofMinutes(10));
    awaitSmsTo(phone);
    await(
        database
            .preparedQuery(
                "UPDATE phone_confirmations SET created_at = now() - interval '91 days'"
                    + " WHERE order_id = $1")
            .execute(Tuple.of(old)),
        10);

    int purged = await(new PhoneConfirmationStore().purge(database, Duration.ofDays(90)), 10);

    assertThat(purged).isGreaterThanOrEqualTo(1);
    assertThat(count("SELECT count(*) FROM phone_confirmations WHERE phone = $1", phone)).isZero();
  }

  /** Plays order-service: a cash-on-delivery order asks for its shopper's phone. */
  private static UUID ask(String phone, String language, Duration within) {
    UUID order = UUID.randomUUID();
    orders.publish(
        Topics.ORDER_EVENTS,
        new PhoneConfirmationRequested(
            order, "100042", language, phone, Instant.now().plus(within), null));
    return order;
  }

  private static HttpResponse<Buffer> type(UUID order, String code) {
    return await(
        http.post("/api/notifications/phone-confirmations/" + order)
            .putHeader("Accept-Language", "fr")
            .sendJsonObject(new JsonObject().put("code", code)),
        10);
  }

  private static HttpResponse<Buffer> inbound(String from, String text) {
    return await(
        http.post("/api/notifications/sms/inbound")
            .bearerTokenAuthentication(INBOUND_TOKEN)
            .sendJsonObject(new JsonObject().put("from", from).put("text", text)),
        10);
  }

  private static String awaitSmsTo(String phone) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> smsTo(phone), texts -> !texts.isEmpty())
        .get(0);
  }

  private static List<String> smsTo(String phone) {
    return smsc.submitted().stream()
        .filter(sms -> sms.destination().equals(phone.substring(1)))
        .map(sms -> SmsEncoding.decode(sms.dataCoding(), sms.shortMessage()))
        .toList();
  }

  /** The one-time code: the six-digit number that is not the order's code. */
  private static String codeIn(String sms) {
    return CODE.matcher(sms)
        .results()
        .map(found -> found.group(1))
        .filter(number -> !number.equals("100042"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no code in: " + sms));
  }

  private static String wrongOf(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  private static long count(String sql, String phone) {
    return await(database.preparedQuery(sql).execute(Tuple.of(phone)), 10)
        .iterator()
        .next()
        .getLong(0);
  }

  private static String storedHash(UUID order) {
    Row row =
        await(
                database
                    .preparedQuery("SELECT code_hash FROM phone_confirmations WHERE order_id = $1")
                    .execute(Tuple.of(order)),
                10)
            .iterator()
            .next();
    return row.getString("code_hash");
  }

  private static String newMobile() {
    return "+2126" + (20_000_000 + nextPhone.incrementAndGet());
  }
}
