package ma.tadamon.notification;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import ma.tadamon.events.CooperativeAction;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.events.catalog.CooperativeRegistered;
import ma.tadamon.events.catalog.CooperativeState;
import ma.tadamon.events.catalog.ProductPhoto;
import ma.tadamon.events.catalog.ProductState;
import ma.tadamon.events.catalog.ProductUpdated;
import ma.tadamon.events.notification.CooperativeReplied;
import ma.tadamon.events.order.CooperativeOrderDelivered;
import ma.tadamon.events.order.CooperativeOrderShipped;
import ma.tadamon.events.order.CooperativeReplyAnswered;
import ma.tadamon.events.order.OrderAnonymised;
import ma.tadamon.events.order.OrderCancelled;
import ma.tadamon.events.order.OrderConfirmed;
import ma.tadamon.events.order.WithdrawalRequested;
import ma.tadamon.events.payment.PaymentCaptured;
import ma.tadamon.events.payment.PaymentRefunded;
import ma.tadamon.events.payment.PayoutStatementIssued;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.notification.domain.DeliveryPolicy;
import ma.tadamon.notification.domain.Templates;
import ma.tadamon.notification.sms.SmsEncoding;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.IntegrationEvent;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.platform.testing.EventPublisher;
import ma.tadamon.platform.testing.Handled;
import ma.tadamon.platform.testing.TestPlatform;
import ma.tadamon.platform.testing.TopicProbe;
import ma.tadamon.sandbox.sms.SandboxSmsc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * notification-service on real Kafka and PostgreSQL, delivering to real protocol peers: an SMPP
 * server (the SMS sandbox's, jSMPP's server side, playing the operator's SMSC), an SMTP server
 * (GreenMail) and HTTP webhook receivers. This test plays the catalog and order services.
 */
@ExtendWith(VertxExtension.class)
class NotificationDeliveryTest {

  private static final String INBOUND_TOKEN = "inbound-token-0123456789";
  private static final String SMSC_ACCOUNT = "tadamon";
  private static final String SMSC_PASSWORD = "secret12";

  private static Vertx vertx;
  private static Settings settings;
  private static RunningService service;
  private static SandboxSmsc smsc;
  private static GreenMail mail;
  private static int smtpPort;
  private static HttpServer webhooks;
  private static final List<JsonObject> webhookDeliveries = new CopyOnWriteArrayList<>();
  private static final AtomicInteger webhookFailuresLeft = new AtomicInteger();
  private static int webhookPort;
  private static WebClient http;
  private static EventPublisher others;
  private static TopicProbe replies;
  private static String operator;

  @BeforeAll
  static void start(Vertx testVertx) throws Exception {
    vertx = testVertx;
    int smppPort = FreePorts.next();
    smsc = new SandboxSmsc(smppPort, SMSC_ACCOUNT, SMSC_PASSWORD, false);
    smtpPort = FreePorts.next();
    mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
    mail.start();
    webhookPort = FreePorts.next();
    webhooks =
        await(
            vertx
                .createHttpServer()
                .requestHandler(
                    request ->
                        request
                            .body()
                            .onSuccess(
                                body -> {
                                  if (webhookFailuresLeft.getAndDecrement() > 0) {
                                    request.response().setStatusCode(503).end();
                                    return;
                                  }
                                  webhookDeliveries.add(
                                      new JsonObject()
                                          .put("path", request.path())
                                          .put(
                                              "timestamp", request.getHeader("X-Tadamon-Timestamp"))
                                          .put(
                                              "signature", request.getHeader("X-Tadamon-Signature"))
                                          .put("delivery", request.getHeader("X-Tadamon-Delivery"))
                                          .put("body", body.toString(StandardCharsets.UTF_8)));
                                  request.response().setStatusCode(204).end();
                                }))
                .listen(webhookPort),
            10);
    settings =
        TestPlatform.settingsWithOwnDatabase("notifications_delivery")
            .with(
                Map.ofEntries(
                    Map.entry("SMPP_HOST", "127.0.0.1"),
                    Map.entry("SMPP_PORT", String.valueOf(smppPort)),
                    Map.entry("SMPP_SYSTEM_ID", SMSC_ACCOUNT),
                    Map.entry("SMPP_PASSWORD", SMSC_PASSWORD),
                    Map.entry("SMPP_THROUGHPUT_PER_SECOND", "50"),
                    Map.entry("SMPP_REPLY_NUMBER", "2424"),
                    Map.entry("SMTP_HOST", "127.0.0.1"),
                    Map.entry("SMTP_PORT", String.valueOf(smtpPort)),
                    Map.entry("SMTP_STARTTLS", "DISABLED"),
                    Map.entry("NOTIFICATION_DELIVERY_INTERVAL_MS", "200"),
                    Map.entry("NOTIFICATION_FIRST_RETRY_SECONDS", "1"),
                    Map.entry("NOTIFICATION_MAX_RETRY_SECONDS", "2"),
                    Map.entry("NOTIFICATION_MAX_ATTEMPTS", "3"),
                    Map.entry("SMS_INBOUND_TOKEN", INBOUND_TOKEN)));
    replies = TopicProbe.watch(vertx, Topics.NOTIFICATION_EVENTS);
    service =
        await(
            ServiceRuntime.start(NotificationService.NAME, settings, NotificationService::new),
            120);
    http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(settings.getInt("HTTP_PORT", 0)));
    others = new EventPublisher(vertx, "/platform-under-test");
    operator = TestPlatform.keys().token(vertx, "operator", Role.OPERATOR, null, 30);
  }

  @AfterAll
  static void stop() throws Exception {
    others.close();
    replies.close();
    await(service.close(), 30);
    smsc.close();
    mail.stop();
    await(webhooks.close(), 10);
  }

  @Test
  void the_shoppers_confirmation_email_shows_a_photo_of_what_she_bought() throws Exception {
    UUID cooperative = registerCooperative("fr", List.of("sms"), null);
    UUID product = UUID.randomUUID();
    String photo = "photos/" + "c0ffee".repeat(10) + "abcd.jpg";
    EventEnvelope withPhoto =
        others.envelope(
            new ProductUpdated(
                new ProductState(
                    product,
                    cooperative,
                    Map.of("fr", "Amlou"),
                    "food",
                    6_000,
                    "jar-250g",
                    true,
                    true,
                    List.of(
                        new ProductPhoto(
                            "p1",
                            1600,
                            1200,
                            Map.of(
                                "1280",
                                "photos/" + "1".repeat(64) + ".jpg",
                                "320",
                                photo,
                                "640",
                                "photos/" + "6".repeat(64) + ".jpg"))))));
    others.publish(Topics.CATALOG_EVENTS, withPhoto);
    new Handled(settings, NotificationService.SCHEMA, NotificationService.NAME + ".contacts")
        .await(List.of(withPhoto));
    String email = "amlou-" + nextPhone.incrementAndGet() + "@example.test";
    OrderConfirmed order = withConsent(confirmation(cooperative, "Amlou"), null, email);
    OrderConfirmed.CooperativePart part = order.cooperativeOrders().get(0);
    OrderConfirmed.Item bought = part.items().get(0);
    others.publish(
        Topics.ORDER_EVENTS,
        new OrderConfirmed(
            order.orderId(),
            order.code(),
            order.language(),
            order.contact(),
            order.shippingCity(),
            order.paymentMethod(),
            order.totalCentimes(),
            List.of(
                new OrderConfirmed.CooperativePart(
                    cooperative,
                    part.amountCentimes(),
                    List.of(
                        new OrderConfirmed.Item(
                            product, bought.name(), bought.quantity(), bought.unitPriceCentimes())),
                    null,
                    0)),
            null,
            null,
            null,
            null));

    MimeMessage received =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> messagesTo(email), list -> list.size() == 1)
            .get(0);
    String html = htmlOf(received);
    // The smallest rendition, under the shop's public address, shown as the photo.
    assertThat(html).containsPattern("<img src=\"https?://[^\"]+/api/catalog/" + photo + "\"");
    assertThat(GreenMailUtil.getBody(received)).contains("Amlou");
  }

  /** The HTML part of a message, however deep in its multiparts. */
  private static String htmlOf(jakarta.mail.Part part) throws Exception {
    if (part.isMimeType("text/html")) {
      return (String) part.getContent();
    }
    if (part.getContent() instanceof jakarta.mail.Multipart parts) {
      for (int i = 0; i < parts.getCount(); i++) {
        String html = htmlOf(parts.getBodyPart(i));
        if (html != null) {
          return html;
        }
      }
    }
    return null;
  }

  @Test
  void an_arabic_sms_goes_as_concatenated_ucs2_and_its_delivery_receipt_marks_it_delivered()
      throws Exception {
    UUID cooperative = registerCooperative("ar", List.of("sms"), null);
    String phone = phoneOf(cooperative);
    UUID order = confirm(cooperative, "زيت أركان للطبخ");

    List<SandboxSmsc.Submitted> parts =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> submittedTo(phone), list -> list.size() == 2);
    SandboxSmsc.Submitted first = parts.get(0);
    SandboxSmsc.Submitted last = parts.get(1);
    assertThat(first.dataCoding()).isEqualTo((byte) 0x08);
    assertThat(first.esmClass() & 0x40).as("UDH indicator").isEqualTo(0x40);
    assertThat(Arrays.copyOf(first.shortMessage(), 3)).containsExactly(0x05, 0x00, 0x03);
    assertThat(first.shortMessage()[4]).isEqualTo((byte) 2);
    assertThat(first.shortMessage()[5]).isEqualTo((byte) 1);
    assertThat(last.shortMessage()[5]).isEqualTo((byte) 2);
    assertThat(first.shortMessage()[3])
        .as("one reference for both")
        .isEqualTo(last.shortMessage()[3]);
    assertThat(last.registeredDelivery() & 0x01)
        .as("receipt asked on the last segment")
        .isEqualTo(1);
    assertThat(first.source()).as("a new order expects an answer").isEqualTo("2424");
    String text =
        new String(
                Arrays.copyOfRange(first.shortMessage(), 6, first.shortMessage().length),
                StandardCharsets.UTF_16BE)
            + new String(
                Arrays.copyOfRange(last.shortMessage(), 6, last.shortMessage().length),
                StandardCharsets.UTF_16BE);
    assertThat(text).startsWith("تضامن: طلب ").contains("زيت أركان للطبخ");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "SENT".equals(toCooperative(cooperative, order).getString("status")));
    smsc.sendReceipt(last, "DELIVRD");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> "DELIVERED".equals(toCooperative(cooperative, order).getString("status")));
  }

  @Test
  void
      e_mail_goes_over_smtp_in_text_and_html_and_a_webhook_is_signed_and_retried_until_it_is_taken()
          throws Exception {
    webhookFailuresLeft.set(2);
    UUID cooperative =
        registerCooperative(
            "fr", List.of("email", "webhook"), "ventes-" + UUID.randomUUID() + "@siroua.example");
    setWebhook(
        cooperative,
        "http://127.0.0.1:" + webhookPort + "/hooks/" + cooperative,
        "webhook-secret-0123456789");
    UUID order = confirm(cooperative, "Safran de Taliouine");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> messagesTo(emailOf(cooperative)).size() == 1);
    MimeMessage email = messagesTo(emailOf(cooperative)).get(0);
    assertThat(email.getSubject()).startsWith("Tadamon : commande");
    String raw = GreenMailUtil.getWholeMessage(email);
    assertThat(raw).contains("text/plain").contains("text/html");

    JsonObject delivery =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    webhookDeliveries.stream()
                        .filter(d -> d.getString("path").endsWith(cooperative.toString()))
                        .findFirst(),
                found -> found.isPresent())
            .orElseThrow();
    assertThat(delivery.getString("signature"))
        .isEqualTo(
            "sha256="
                + hmacSha256Hex(
                    "webhook-secret-0123456789",
                    delivery.getString("timestamp") + "." + delivery.getString("body")));
    JsonObject payload = new JsonObject(delivery.getString("body"));
    assertThat(payload.getString("type")).isEqualTo("cooperative.new-order");
    assertThat(payload.getString("orderId")).isEqualTo(order.toString());
    JsonObject webhookRow =
        notificationsOf(order).stream()
            .filter(n -> n.getString("channel").equals("WEBHOOK"))
            .findFirst()
            .orElseThrow();
    assertThat(webhookRow.getString("status")).isEqualTo("SENT");
    assertThat(webhookRow.getInteger("attempts")).isEqualTo(3);
    assertThat(attemptsOf(UUID.fromString(webhookRow.getString("id"))))
        .containsExactly("1 FAILED", "2 FAILED", "3 SENT");
  }

  @Test
  void a_webhook_nobody_answers_is_retried_with_backoff_then_dead_and_shown_to_operators() {
    UUID cooperative = registerCooperative("fr", List.of("webhook"), null);
    setWebhook(
        cooperative,
        "http://127.0.0.1:" + FreePorts.next() + "/nobody-listens",
        "webhook-secret-0123456789");
    UUID order = confirm(cooperative, "Dattes Mejhoul");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "DEAD"
                    .equals(
                        notificationsOf(order).stream()
                            .filter(n -> n.getString("channel").equals("WEBHOOK"))
                            .findFirst()
                            .orElseThrow()
                            .getString("status")));
    JsonArray dead =
        get("/api/notifications?status=DEAD", operator).bodyAsJsonObject().getJsonArray("items");
    assertThat(dead.stream().map(JsonObject.class::cast))
        .anyMatch(
            n ->
                n.getString("orderId").equals(order.toString())
                    && n.getInteger("attempts") == 3
                    && n.getString("lastError") != null);
  }

  @Test
  void an_sms_in_a_cooperatives_quiet_hours_waits_for_the_morning_and_an_email_does_not()
      throws Exception {
    UUID cooperative =
        registerCooperative(
            "fr", List.of("sms", "email"), "quiet-" + UUID.randomUUID() + "@coop.example");
    LocalTime now =
        ZonedDateTime.now(DeliveryPolicy.MOROCCO).toLocalTime().withSecond(0).withNano(0);
    JsonObject saved =
        put(
                "/api/notifications/preferences/" + cooperative,
                TestPlatform.keys().token(vertx, "member", Role.COOPERATIVE, cooperative, 10),
                new JsonObject()
                    .put("quietStart", now.minusHours(1).toString())
                    .put("quietEnd", now.plusHours(1).toString()))
            .bodyAsJsonObject();
    assertThat(saved.getString("quietEnd")).isEqualTo(now.plusHours(1).toString());
    UUID order = confirm(cooperative, "Miel de thym");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> messagesTo(emailOf(cooperative)).size() == 1);
    JsonObject sms =
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    notificationsOf(order).stream()
                        .filter(
                            n ->
                                n.getString("channel").equals("SMS")
                                    && n.getString("recipientKind").equals("COOPERATIVE"))
                        .findFirst()
                        .orElseThrow(),
                n ->
                    n.getString("nextAttemptAt")
                            .compareTo(Instant.now().plus(Duration.ofMinutes(30)).toString())
                        > 0);
    assertThat(sms.getString("status")).isEqualTo("PENDING");
    assertThat(attemptsOf(UUID.fromString(sms.getString("id")))).containsExactly("0 DEFERRED");
    assertThat(submittedTo(phoneOf(cooperative))).isEmpty();
  }

  /**
   * A fair's evening: more SMS are owed than the SMSC takes in a second (the test's contract: 50),
   * and e-mails owed meanwhile go at once instead of queueing behind them; then the SMS backlog is
   * worked through at the contracted rate, batch after batch.
   */
  @Test
  void emails_owed_during_an_sms_backlog_go_at_once_and_the_backlog_drains() throws Exception {
    UUID cooperative = UUID.randomUUID();
    List<UUID> sms = owe(cooperative, "SMS", "+212661055555", 500);
    await().atMost(Duration.ofSeconds(30)).until(() -> sent(sms) > 0);

    String address = "backlog-" + cooperative + "@coop.example";
    List<UUID> emails = owe(cooperative, "EMAIL", address, 80);

    await().atMost(Duration.ofSeconds(30)).until(() -> sent(emails) == emails.size());
    assertThat(sent(sms)).as("SMS sent when the e-mails all were").isLessThan(sms.size());
    assertEachMarkedWithItsOwnMessage(emails, address);
    await().atMost(Duration.ofSeconds(90)).until(() -> sent(sms) == sms.size());
  }

  /**
   * E-mails are marked SENT a batch at a time: each still with the Message-ID of the one e-mail the
   * mail server got under its subject, and its one attempt recorded with it.
   */
  private static void assertEachMarkedWithItsOwnMessage(List<UUID> emails, String address)
      throws Exception {
    Map<String, String> receivedIdBySubject = new HashMap<>();
    for (MimeMessage received : mail.getReceivedMessagesForDomain("coop.example")) {
      if (received.getAllRecipients()[0].toString().equals(address)) {
        assertThat(receivedIdBySubject.put(received.getSubject(), received.getMessageID()))
            .as("e-mails received with the subject " + received.getSubject())
            .isNull();
      }
    }
    try (Connection db = database();
        var marks =
            db.prepareStatement(
                """
                SELECT n.subject, n.provider_message_id, a.attempt, a.outcome, a.detail
                FROM notifications.notifications n
                JOIN notifications.notification_attempts a ON a.notification_id = n.id
                WHERE n.id = ANY(?)
                """)) {
      marks.setArray(1, db.createArrayOf("uuid", emails.toArray()));
      int attempts = 0;
      try (ResultSet mark = marks.executeQuery()) {
        while (mark.next()) {
          attempts++;
          String subject = mark.getString("subject");
          assertThat(mark.getString("provider_message_id"))
              .as(subject)
              .isNotNull()
              .isEqualTo(receivedIdBySubject.get(subject))
              .isEqualTo(mark.getString("detail"));
          assertThat(mark.getInt("attempt") + " " + mark.getString("outcome"))
              .as(subject)
              .isEqualTo("1 SENT");
        }
      }
      assertThat(attempts).isEqualTo(emails.size());
    }
  }

  /** Notifications owed to a cooperative on one channel, due now, as an event would leave them. */
  private static List<UUID> owe(UUID cooperative, String channel, String destination, int count)
      throws Exception {
    List<UUID> ids = new ArrayList<>();
    try (Connection db = database();
        var insert =
            db.prepareStatement(
                """
                INSERT INTO notifications.notifications
                  (id, event_id, recipient_kind, recipient_id, channel, destination, language,
                   template, subject, body)
                VALUES (?, ?, 'COOPERATIVE', ?, ?, ?, 'fr', 'cooperative.new-order', ?, ?)
                """)) {
      for (int i = 0; i < count; i++) {
        UUID id = UUID.randomUUID();
        insert.setObject(1, id);
        insert.setObject(2, UUID.randomUUID());
        insert.setString(3, cooperative.toString());
        insert.setString(4, channel);
        insert.setString(5, destination);
        insert.setString(6, "Nouvelle commande " + (i + 1));
        insert.setString(7, "Nouvelle commande " + (i + 1) + " : 2 x Huile d'argan");
        insert.addBatch();
        ids.add(id);
      }
      insert.executeBatch();
    }
    return ids;
  }

  /** A notification's attempts as recorded, in order: "number outcome". */
  private static List<String> attemptsOf(UUID notification) throws Exception {
    try (Connection db = database();
        var attempts =
            db.prepareStatement(
                "SELECT attempt, outcome FROM notifications.notification_attempts"
                    + " WHERE notification_id = ? ORDER BY id")) {
      attempts.setObject(1, notification);
      List<String> recorded = new ArrayList<>();
      try (ResultSet rows = attempts.executeQuery()) {
        while (rows.next()) {
          recorded.add(rows.getInt(1) + " " + rows.getString(2));
        }
      }
      return recorded;
    }
  }

  /** How many of these notifications have gone out (SENT, or DELIVERED by a receipt). */
  private static int sent(List<UUID> ids) throws Exception {
    try (Connection db = database();
        var count =
            db.prepareStatement(
                "SELECT count(*) FROM notifications.notifications WHERE id = ANY(?) AND status IN ('SENT', 'DELIVERED')")) {
      count.setArray(1, db.createArrayOf("uuid", ids.toArray()));
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  @Test
  void the_same_event_delivered_again_after_a_restart_sends_nothing_twice() throws Exception {
    UUID cooperative = registerCooperative("fr", List.of("sms"), null);
    EventEnvelope confirmed = others.envelope(confirmation(cooperative, "Amlou"));
    others.publish(Topics.ORDER_EVENTS, confirmed);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> submittedTo(phoneOf(cooperative)).size() == 1);

    await(service.close(), 30);
    service =
        await(
            ServiceRuntime.start(NotificationService.NAME, settings, NotificationService::new),
            120);
    others.publish(Topics.ORDER_EVENTS, confirmed);
    // The marker, through the same path and partition: the order's cancellation, which the
    // cooperative is told by SMS. Once that SMS arrives, the redelivery before it was handled.
    others.publish(
        Topics.ORDER_EVENTS, new OrderCancelled(UUID.fromString(confirmed.subject()), "marker"));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> submittedTo(phoneOf(cooperative)).size() == 2);
    assertThat(textOf(submittedTo(phoneOf(cooperative)).get(1))).contains("annulée");
  }

  /**
   * Confirmations that arrive together are told together (one read of the cooperatives, one write
   * of what every order owes): each order still tells its own cooperative and its own shopper once,
   * with its own code, and remembers its parts for what follows (a cancellation).
   */
  @Test
  void orders_confirmed_together_each_tell_their_own_cooperative_and_shopper_once()
      throws Exception {
    List<UUID> cooperativesOfRush =
        List.of(
            registerCooperative("fr", List.of("sms"), null),
            registerCooperative("ar", List.of("sms"), null));
    List<OrderConfirmed> rush = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rush.add(confirmation(cooperativesOfRush.get(i % 2), "Huile d'argan " + i));
    }
    Handled orderEvents =
        new Handled(settings, NotificationService.SCHEMA, NotificationService.NAME + ".orders");
    orderEvents.await(others.publish(Topics.ORDER_EVENTS, rush.toArray(new IntegrationEvent[0])));

    for (OrderConfirmed order : rush) {
      UUID cooperative = order.cooperativeOrders().get(0).cooperativeId();
      List<JsonObject> owed = notificationsOf(order.orderId());
      assertThat(owed)
          .extracting(n -> n.getString("recipientKind") + " " + n.getString("template"))
          .containsExactlyInAnyOrder(
              "COOPERATIVE " + Templates.NEW_ORDER, "SHOPPER " + Templates.ORDER_CONFIRMED);
      assertThat(toCooperative(cooperative, order.orderId()).getString("body"))
          .contains(order.code());
    }

    OrderConfirmed cancelled = rush.get(5);
    UUID itsCooperative = cancelled.cooperativeOrders().get(0).cooperativeId();
    others.publish(
        Topics.ORDER_EVENTS, new OrderCancelled(cancelled.orderId(), "the shopper cancelled"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                notificationsOf(cancelled.orderId()).stream()
                    .anyMatch(
                        n ->
                            n.getString("template").equals(Templates.ORDER_CANCELLED)
                                && n.getString("recipientId").equals(itsCooperative.toString())));
  }

  @Test
  void a_dropped_smsc_connection_is_bound_again_and_sms_keep_flowing() {
    await().atMost(Duration.ofSeconds(15)).until(smsc::isBound);
    int bindsBefore = smsc.binds();

    smsc.dropSession();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> smsc.binds() > bindsBefore && smsc.isBound());
    UUID cooperative = registerCooperative("fr", List.of("sms"), null);
    confirm(cooperative, "Couscous d'orge");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> submittedTo(phoneOf(cooperative)).size() == 1);
  }

  @Test
  void an_smsc_out_of_service_holds_sms_back_and_spends_none_of_their_attempts() throws Exception {
    await().atMost(Duration.ofSeconds(15)).until(smsc::isBound);
    int port = smsc.port();
    smsc.close(); // nothing answers on its port any more

    UUID cooperative = registerCooperative("fr", List.of("sms"), null);
    UUID order = confirm(cooperative, "Amlou");
    try {
      awaitHeldBackWithItsAttempts(cooperative, order);
    } finally {
      smsc = new SandboxSmsc(port, SMSC_ACCOUNT, SMSC_PASSWORD, false);
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> submittedTo(phoneOf(cooperative)).size() == 1);
    assertThat(toCooperative(cooperative, order).getString("status")).isEqualTo("SENT");
    assertThat(smsc.binds()).as("binds once back, not one per message").isEqualTo(1);
  }

  @Test
  void a_mail_server_out_of_service_holds_e_mails_back_and_spends_none_of_their_attempts() {
    mail.stop(); // connections to its port are refused

    UUID cooperative =
        registerCooperative("fr", List.of("email"), "ventes-" + UUID.randomUUID() + "@imi.example");
    UUID order = confirm(cooperative, "Miel de thym");
    try {
      awaitHeldBackWithItsAttempts(cooperative, order);
    } finally {
      mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", "smtp"));
      mail.start();
    }

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> messagesTo(emailOf(cooperative)).size() == 1);
  }

  @Test
  void a_cooperatives_sms_reply_becomes_a_command_and_the_answer_goes_back_to_its_phone()
      throws Exception {
    UUID cooperative = registerCooperative("ar", List.of("sms"), null);
    String phone = phoneOf(cooperative);
    UUID order = confirm(cooperative, "زيت أركان");
    await().atMost(Duration.ofSeconds(30)).until(() -> submittedTo(phone).size() == 2);
    String code = codeOf(order);
    // A message that expects an answer comes from the reply number, which a phone can answer.
    assertThat(submittedTo(phone)).allSatisfy(sms -> assertThat(sms.source()).isEqualTo("2424"));

    // Written on an Arabic keyboard: Arabic-Indic digits.
    String arabicDigits =
        code.chars()
            .mapToObj(digit -> String.valueOf((char) ('\u0660' + digit - '0')))
            .collect(Collectors.joining());
    // Copied from the SMS that suggested it, with its Arabic comma.
    smsc.sendFromPhone(phone, arabicDigits + " نعم،", true);

    CooperativeReplied reply = replies.awaitEvent(CooperativeReplied.class, order);
    assertThat(reply.cooperativeId()).isEqualTo(cooperative);
    assertThat(reply.action()).isEqualTo(CooperativeAction.ACCEPT);
    others.publish(
        Topics.ORDER_EVENTS,
        new CooperativeReplyAnswered(
            reply.commandId(),
            order,
            cooperative,
            CooperativeAction.ACCEPT,
            true,
            null,
            "ACCEPTED"));
    SandboxSmsc.Submitted answer =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> submittedTo(phone), list -> list.size() == 3)
            .get(2);
    // In the cooperative's words, with what to send next; no system word in an Arabic SMS.
    assertThat(new String(answer.shortMessage(), StandardCharsets.UTF_16BE))
        .contains(code)
        .contains("قبلتم")
        .contains(code + " صيفط")
        .doesNotContainPattern("[A-Z]{4,}");
    assertThat(answer.source()).isEqualTo("2424");
    // The shopper's confirmation needs no answer: it comes from the sender's name.
    assertThat(submittedTo(shopperPhoneOf(order)))
        .isNotEmpty()
        .allSatisfy(sms -> assertThat(sms.source()).isEqualTo("TADAMON"));
  }

  @Test
  void unreadable_foreign_and_anonymous_replies_get_help_a_clear_no_or_nothing() throws Exception {
    UUID cooperative = registerCooperative("fr", List.of("sms"), null);
    UUID other = registerCooperative("fr", List.of("sms"), null);
    String phone = phoneOf(cooperative);
    UUID othersOrder = confirm(other, "Argan cosmétique");
    await().atMost(Duration.ofSeconds(30)).until(() -> submittedTo(phoneOf(other)).size() == 1);

    smsc.sendFromPhone(phone, "bonjour, c'est pour quand ?", false);
    await().atMost(Duration.ofSeconds(30)).until(() -> submittedTo(phone).size() == 1);
    assertThat(textOf(submittedTo(phone).get(0))).contains("100042 OK");

    smsc.sendFromPhone(phone, codeOf(othersOrder) + " OK", false);
    await().atMost(Duration.ofSeconds(30)).until(() -> submittedTo(phone).size() == 2);
    assertThat(textOf(submittedTo(phone).get(1)))
        .contains(codeOf(othersOrder))
        .contains("introuvable");

    smsc.sendFromPhone("+212600000999", codeOf(othersOrder) + " OK", false);
    Handled inbound = new Handled(settings, NotificationService.SCHEMA, "sms");
    inbound.awaitCount(
        1,
        "SELECT count(*) FROM notifications.inbound_sms WHERE sender = ? AND outcome = ?",
        "+212600000999",
        "UNKNOWN_SENDER");
    assertThat(
            inbound.count(
                "SELECT count(*) FROM notifications.notifications WHERE destination = ?",
                "+212600000999"))
        .isZero();
    assertThat(inbound.published(CooperativeReplied.class, othersOrder)).isZero();
    assertThat(submittedTo("+212600000999")).isEmpty();
  }

  @Test
  void the_gateways_http_webhook_for_replies_is_authenticated_and_checks_what_it_is_sent() {
    UUID cooperative = registerCooperative("fr", List.of("sms"), null);
    UUID order = confirm(cooperative, "Huile d'olive");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> submittedTo(phoneOf(cooperative)).size() == 1);
    JsonObject reply =
        new JsonObject()
            .put("from", phoneOf(cooperative))
            .put("text", codeOf(order) + " NON plus de stock");

    assertThat(inbound(null, reply).statusCode()).isEqualTo(401);
    assertThat(inbound("wrong-token", reply).statusCode()).isEqualTo(401);
    assertThat(
            inbound(INBOUND_TOKEN, new JsonObject().put("from", "0661").put("text", "x"))
                .statusCode())
        .isEqualTo(422);
    HttpResponse<Buffer> accepted = inbound(INBOUND_TOKEN, reply);
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.bodyAsJsonObject().getString("outcome")).isEqualTo("COMMAND");
    CooperativeReplied command = replies.awaitEvent(CooperativeReplied.class, order);
    assertThat(command.action()).isEqualTo(CooperativeAction.DECLINE);
    assertThat(command.argument()).isEqualTo("plus de stock");
  }

  @Test
  void a_number_flooding_the_replies_webhook_is_refused_after_twenty_in_ten_minutes() {
    String flooder = "+2126" + (10_000_000 + (int) (Math.random() * 89_999_999));
    JsonObject reply = new JsonObject().put("from", flooder).put("text", "AIDE");

    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 22; i++) {
      statuses.add(inbound(INBOUND_TOKEN, reply).statusCode());
    }

    assertThat(statuses.subList(0, 20)).containsOnly(202);
    assertThat(statuses.subList(20, 22)).containsOnly(429);
    assertThat(inbound(INBOUND_TOKEN, reply.copy().put("from", "+212612340000")).statusCode())
        .as("another number is answered as usual")
        .isEqualTo(202);
  }

  @Test
  void each_step_after_confirmation_tells_whom_it_concerns_in_their_language() {
    UUID cooperative = registerCooperative("fr", List.of("sms"), null);
    UUID order = confirm(cooperative, "Amlou aux amandes");
    String code = codeOf(order);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> submittedTo(phoneOf(cooperative)).size() == 1);

    others.publish(
        Topics.ORDER_EVENTS,
        new CooperativeOrderShipped(order, cooperative, "AMANA-77"),
        new CooperativeOrderDelivered(
            order, cooperative, PaymentMethod.CASH_ON_DELIVERY, 14_500, false),
        new WithdrawalRequested(
            UUID.randomUUID(),
            order,
            code,
            cooperative,
            "fr",
            List.of(new WithdrawalRequested.Line(UUID.randomUUID(), Map.of("fr", "Amlou"), 2)),
            2_000,
            Instant.parse("2026-12-16T10:00:00Z")));
    others.publish(
        Topics.PAYMENT_EVENTS,
        new PaymentCaptured(
            UUID.randomUUID(), order, cooperative, PaymentMethod.CASH_ON_DELIVERY, 14_500, 600),
        new PaymentRefunded(
            UUID.randomUUID(),
            UUID.randomUUID(),
            order,
            cooperative,
            PaymentMethod.CASH_ON_DELIVERY,
            2_000,
            "a broken jar",
            null),
        new PayoutStatementIssued(
            UUID.randomUUID(), cooperative, Instant.now(), 14_500, 600, 2_000, 11_900));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                submittedTo(phoneOf(cooperative)).size() == 4
                    && submittedTo(shopperPhoneOf(order)).size() >= 4);
    List<String> toCooperative =
        submittedTo(phoneOf(cooperative)).stream().map(NotificationDeliveryTest::textOf).toList();
    assertThat(toCooperative)
        .anyMatch(
            text ->
                text.contains("commande " + code + " pay")
                    && text.contains("145 DH")
                    && text.contains("vous recevez 139 DH"));
    assertThat(toCooperative)
        .anyMatch(text -> text.contains("Nous vous versons") && text.contains("119 DH"));
    assertThat(toCooperative)
        .as("a withdrawal: the cooperative expects the goods back")
        .anyMatch(text -> text.contains(code) && text.contains("se rétracte pour 2 article"));
    List<String> toShopper =
        notificationsOf(order).stream()
            .filter(n -> n.getString("recipientKind").equals("SHOPPER"))
            .map(n -> n.getString("template"))
            .toList();
    assertThat(toShopper)
        .contains(
            "shopper.order-confirmed",
            "shopper.part-shipped",
            "shopper.part-delivered",
            "shopper.withdrawal-requested",
            "shopper.refunded");
    assertThat(
            notificationsOf(order).stream()
                .filter(n -> n.getString("template").equals("shopper.withdrawal-requested"))
                .findFirst()
                .orElseThrow()
                .getString("body"))
        .as("what comes back and by when, as a Moroccan date")
        .contains("20 DH")
        .contains("2026-12-16");
    assertThat(
            notificationsOf(order).stream()
                .filter(n -> n.getString("template").equals("shopper.part-shipped"))
                .findFirst()
                .orElseThrow()
                .getString("body"))
        .contains("AMANA-77")
        .contains(code);

    // A cancellation after confirmation reaches the cooperative; one before reaches nobody.
    others.publish(
        Topics.ORDER_EVENTS,
        new OrderCancelled(order, "the shopper cancelled"),
        new OrderCancelled(UUID.randomUUID(), "never confirmed"));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> submittedTo(phoneOf(cooperative)).size() == 5);
    assertThat(textOf(submittedTo(phoneOf(cooperative)).get(4))).contains(code).contains("annul");
  }

  @Test
  void news_go_only_to_shoppers_who_agreed_and_stop_by_sms_or_by_the_e_mails_link()
      throws Exception {
    UUID cooperative = registerCooperative("fr", List.of("sms"), null);
    OrderConfirmed agreed =
        withConsent(confirmation(cooperative, "Miel"), "v1", "amina@example.org");
    OrderConfirmed silent = confirmation(cooperative, "Miel");
    OrderConfirmed stopping = withConsent(confirmation(cooperative, "Miel"), "v1", null);
    Handled orderEvents =
        new Handled(settings, NotificationService.SCHEMA, NotificationService.NAME + ".orders");
    orderEvents.await(others.publish(Topics.ORDER_EVENTS, agreed, silent, stopping));
    String agreedPhone = agreed.contact().phone();
    String stoppingPhone = stopping.contact().phone();

    // The consent is kept with the words agreed to and when.
    try (Connection db = database();
        ResultSet consent =
            db.createStatement()
                .executeQuery(
                    "SELECT consent_version, consent_text, consented_at, withdrawn_at"
                        + " FROM notifications.marketing_consents WHERE contact = '"
                        + agreedPhone
                        + "'")) {
      assertThat(consent.next()).isTrue();
      assertThat(consent.getString(1)).isEqualTo("v1");
      assertThat(consent.getString(2)).startsWith("Je veux recevoir les nouvelles de Tadamon");
      assertThat(consent.getTimestamp(3)).isNotNull();
      assertThat(consent.getTimestamp(4)).isNull();
    }

    // STOP from the third shopper's phone: taken back, and told so.
    HttpResponse<Buffer> stop =
        inbound(INBOUND_TOKEN, new JsonObject().put("from", stoppingPhone).put("text", " Stop! "));
    assertThat(stop.bodyAsJsonObject().getString("outcome")).isEqualTo("OPTED_OUT");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                submittedTo(stoppingPhone).stream()
                    .anyMatch(sms -> textOf(sms).contains("ne recevrez plus nos nouvelles")));
    // A STOP from a number that never agreed to anything gets no answer: no texting strangers.
    String stranger = "+212699912345";
    assertThat(
            inbound(INBOUND_TOKEN, new JsonObject().put("from", stranger).put("text", "STOP"))
                .bodyAsJsonObject()
                .getString("outcome"))
        .isEqualTo("OPTED_OUT");

    JsonObject news =
        new JsonObject()
            .put(
                "text",
                new JsonObject()
                    .put(
                        "fr", "Le salon de Tétouan ouvre demain : 165 coopératives vous attendent.")
                    .put("ar", "يفتتح معرض تطوان غدا: 165 تعاونية في انتظاركم."))
            .put("channels", new JsonArray().add("SMS").add("EMAIL"));
    String key = "news-" + UUID.randomUUID();
    HttpResponse<Buffer> announced = announce(key, news);
    assertThat(announced.statusCode()).as(announced.bodyAsString()).isEqualTo(201);
    assertThat(announced.bodyAsJsonObject().getInteger("recipients"))
        .as("the phone and the e-mail of the one who agreed; not the silent one, not the stopped")
        .isEqualTo(2);
    assertThat(announce(key, news).statusCode())
        .as("a retry: the same announcement")
        .isEqualTo(200);
    // In UCS-2 ("arrêter"), in two segments: read as the phone joins them.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              String all =
                  submittedTo(agreedPhone).stream()
                      .map(NotificationDeliveryTest::textOf)
                      .collect(Collectors.joining());
              return all.contains("Le salon de Tétouan") && all.contains("STOP pour arrêter");
            });
    assertThat(submittedTo(stoppingPhone)).noneMatch(sms -> textOf(sms).contains("Le salon de"));
    assertThat(submittedTo(silent.contact().phone()))
        .noneMatch(sms -> textOf(sms).contains("Le salon de"));
    assertThat(submittedTo(stranger)).isEmpty();

    // The e-mail carries the link that stops it, in its text and in its headers.
    MimeMessage email =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    Arrays.stream(mail.getReceivedMessagesForDomain("example.org"))
                        .filter(m -> GreenMailUtil.getBody(m).contains("Le salon de T"))
                        .findFirst(),
                Optional::isPresent)
            .orElseThrow();
    String link = email.getHeader("List-Unsubscribe")[0].replaceAll("[<>]", "");
    assertThat(email.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
    String path = link.substring(link.indexOf("/api/notifications/unsubscribe"));
    HttpResponse<Buffer> page = await(http.get(path).send(), 10);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString()).contains("<form method=\"post\"").contains("amina@example.org");
    HttpResponse<Buffer> forged =
        await(http.post(path.replace("amina%40example.org", "other%40example.org")).send(), 10);
    assertThat(forged.statusCode()).as("a link for another address").isEqualTo(404);
    assertThat(await(http.post(path).send(), 10).statusCode()).isEqualTo(200);

    HttpResponse<Buffer> again = announce("news-" + UUID.randomUUID(), news);
    assertThat(again.bodyAsJsonObject().getInteger("recipients"))
        .as("only the phone now")
        .isEqualTo(1);
    HttpResponse<Buffer> bad =
        announce(
            "news-" + UUID.randomUUID(),
            new JsonObject()
                .put("text", new JsonObject().put("fr", "Sans arabe"))
                .put("channels", new JsonArray().add("PIGEON")));
    assertThat(bad.statusCode()).isEqualTo(422);

    // The shopper asked order-service to erase it: what this service copied goes too.
    orderEvents.await(
        others.publish(
            Topics.ORDER_EVENTS,
            new OrderAnonymised(agreed.orderId(), agreedPhone, "amina@example.org", true)));
    assertThat(notificationsOf(agreed.orderId()))
        .filteredOn(n -> n.getString("recipientKind").equals("SHOPPER"))
        .isNotEmpty()
        .allSatisfy(n -> assertThat(n.getString("body")).isEqualTo("—"));
    try (Connection db = database();
        ResultSet left =
            db.createStatement()
                .executeQuery(
                    "SELECT count(*) FROM notifications.marketing_consents WHERE contact IN ('"
                        + agreedPhone
                        + "', 'amina@example.org')")) {
      assertThat(left.next()).isTrue();
      assertThat(left.getLong(1)).as("its consents, gone").isZero();
    }
    assertThat(
            announce("news-" + UUID.randomUUID(), news).bodyAsJsonObject().getInteger("recipients"))
        .isZero();
  }

  private static HttpResponse<Buffer> announce(String key, JsonObject body) {
    return await(
        http.post("/api/notifications/ops/announcements")
            .putHeader("Idempotency-Key", key)
            .bearerTokenAuthentication(operator)
            .sendJsonObject(body),
        10);
  }

  private static OrderConfirmed withConsent(OrderConfirmed order, String version, String email) {
    return new OrderConfirmed(
        order.orderId(),
        order.code(),
        order.language(),
        new OrderConfirmed.Contact(order.contact().name(), order.contact().phone(), email),
        order.shippingCity(),
        order.paymentMethod(),
        order.totalCentimes(),
        order.cooperativeOrders(),
        version,
        null,
        null,
        null);
  }

  private static Connection database() throws Exception {
    PostgresSettings pg = PostgresSettings.from(settings);
    return DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
  }

  // --- the test's own catalog and orders
  // -------------------------------------------------------------

  private static final Map<UUID, CooperativeState> cooperatives = new ConcurrentHashMap<>();
  private static final Map<UUID, String> codes = new ConcurrentHashMap<>();
  private static final Map<UUID, String> shopperPhones = new ConcurrentHashMap<>();
  private static final AtomicInteger nextCode = new AtomicInteger(200_000);
  private static final AtomicInteger nextPhone = new AtomicInteger(1000);

  private UUID registerCooperative(String language, List<String> channels, String email) {
    UUID id = UUID.randomUUID();
    String phone = "+2126610" + String.format("%05d", nextPhone.incrementAndGet());
    CooperativeState state =
        new CooperativeState(
            id,
            Map.of("fr", "Coopérative " + phone, "ar", "تعاونية"),
            "souss-massa",
            Map.of("fr", "Tiznit"),
            phone,
            email,
            language,
            channels,
            true,
            true,
            null);
    cooperatives.put(id, state);
    // Its orders come on another topic, through another consumer: one handled before the
    // cooperative is known is retried and then dead-lettered, as it should be. A test that
    // confirms an order right away waits until the cooperative is known, not on luck.
    EventEnvelope registered = others.envelope(new CooperativeRegistered(state));
    others.publish(Topics.CATALOG_EVENTS, registered);
    new Handled(settings, NotificationService.SCHEMA, NotificationService.NAME + ".contacts")
        .await(List.of(registered));
    return id;
  }

  private UUID confirm(UUID cooperative, String product) {
    OrderConfirmed confirmed = confirmation(cooperative, product);
    others.publish(Topics.ORDER_EVENTS, confirmed);
    return confirmed.orderId();
  }

  private OrderConfirmed confirmation(UUID cooperative, String product) {
    UUID order = UUID.randomUUID();
    String code = String.valueOf(nextCode.incrementAndGet());
    codes.put(order, code);
    // A number of its own: shoppers' numbers get a few SMS an hour (ShopperSmsAllowance).
    String shopperPhone = "+2126990" + String.format("%05d", nextPhone.incrementAndGet());
    shopperPhones.put(order, shopperPhone);
    return new OrderConfirmed(
        order,
        code,
        "fr",
        new OrderConfirmed.Contact("Khadija", shopperPhone, null),
        "Tiznit",
        PaymentMethod.CASH_ON_DELIVERY,
        14_500,
        List.of(
            new OrderConfirmed.CooperativePart(
                cooperative,
                14_500,
                List.of(
                    new OrderConfirmed.Item(
                        UUID.randomUUID(), Map.of("ar", product, "fr", product), 2, 6_000)),
                null,
                0)),
        null,
        null,
        null,
        null);
  }

  /** What the phone shows of a single-segment SMS, decoded by its data coding. */
  private static String textOf(SandboxSmsc.Submitted sms) {
    return SmsEncoding.decode(sms.dataCoding(), sms.shortMessage());
  }

  private static String shopperPhoneOf(UUID order) {
    return shopperPhones.get(order);
  }

  private static String codeOf(UUID order) {
    return codes.get(order);
  }

  private static String phoneOf(UUID cooperative) {
    return cooperatives.get(cooperative).phone();
  }

  private static String emailOf(UUID cooperative) {
    return cooperatives.get(cooperative).email();
  }

  private static List<SandboxSmsc.Submitted> submittedTo(String phone) {
    return smsc.submitted().stream()
        .filter(sms -> sms.destination().equals(phone.replace("+", "")))
        .toList();
  }

  private static List<MimeMessage> messagesTo(String address) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(
            message -> {
              try {
                return Arrays.stream(message.getAllRecipients())
                    .anyMatch(to -> to.toString().equals(address));
              } catch (jakarta.mail.MessagingException e) {
                return false;
              }
            })
        .toList();
  }

  private static List<JsonObject> notificationsOf(UUID order) {
    return get("/api/notifications?order=" + order, operator)
        .bodyAsJsonObject()
        .getJsonArray("items")
        .stream()
        .map(JsonObject.class::cast)
        .toList();
  }

  /**
   * The order's message to the cooperative, once written, stays PENDING with no attempt spent for 8
   * s: three attempts one to two seconds apart (this test's policy) would be spent, and the message
   * dead, within five seconds of an outage that counted against it.
   */
  private static void awaitHeldBackWithItsAttempts(UUID cooperative, UUID order) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> toCooperative(cooperative, order).containsKey("status"));
    await()
        .during(Duration.ofSeconds(8))
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              JsonObject message = toCooperative(cooperative, order);
              return "PENDING".equals(message.getString("status"))
                  && message.getInteger("attempts") == 0;
            });
  }

  private static JsonObject toCooperative(UUID cooperative, UUID order) {
    return notificationsOf(order).stream()
        .filter(n -> n.getString("recipientId").equals(cooperative.toString()))
        .findFirst()
        .orElse(new JsonObject());
  }

  private static void setWebhook(UUID cooperative, String url, String secret) {
    HttpResponse<Buffer> saved =
        put(
            "/api/notifications/preferences/" + cooperative,
            operator,
            new JsonObject().put("webhookUrl", url).put("webhookSecret", secret));
    assertThat(saved.statusCode()).isEqualTo(200);
  }

  private static HttpResponse<Buffer> inbound(String token, JsonObject body) {
    var request = http.post("/api/notifications/sms/inbound");
    if (token != null) {
      request.bearerTokenAuthentication(token);
    }
    return await(request.sendJsonObject(body), 10);
  }

  private static HttpResponse<Buffer> get(String path, String token) {
    return await(http.get(path).bearerTokenAuthentication(token).send(), 10);
  }

  private static HttpResponse<Buffer> put(String path, String token, JsonObject body) {
    return await(http.put(path).bearerTokenAuthentication(token).sendJsonObject(body), 10);
  }

  /** The receiver's side of the webhook signature, written here, not taken from WebhookSender. */
  private static String hmacSha256Hex(String secret, String text) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
  }
}
