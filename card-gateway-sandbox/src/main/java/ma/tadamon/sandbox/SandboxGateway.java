package ma.tadamon.sandbox;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import ma.tadamon.platform.http.Html;
import ma.tadamon.platform.http.OperationalRoutes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A card acquirer's test environment, like the ones Moroccan acquirers give merchants: a hosted
 * payment page where the tester chooses to approve or decline, a signed server-to-server callback
 * (retried until the merchant acknowledges it), the shopper's redirect back, and a signed refund
 * API. It keeps its sessions and transactions in memory, as a sandbox may; it speaks exactly the
 * protocol of docs/payments.md, so production only changes the addresses and the secret.
 */
public final class SandboxGateway extends VerticleBase {

  public static final String NAME = "card-gateway-sandbox";
  private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);
  private static final List<String> REQUIRED =
      List.of(
          "clientid",
          "storetype",
          "trantype",
          "oid",
          "amount",
          "currency",
          "okUrl",
          "failUrl",
          "callbackUrl",
          "rnd",
          "hashAlgorithm",
          "hash");
  private static final int CALLBACK_ATTEMPTS = 5;

  /** Where CMI's merchant API answers, on the acquirer's host. */
  public static final String MERCHANT_API = "/fim/api";

  private record Session(Map<String, String> request, boolean decided) {}

  /** A card payment at the acquirer: held by a PreAuth until the merchant's answer captures it. */
  private record Transaction(
      String merchantId,
      long amountCentimes,
      long refundedCentimes,
      boolean captured,
      boolean voided) {

    Transaction capturedFor(long centimes) {
      return new Transaction(merchantId, centimes, refundedCentimes, true, false);
    }

    Transaction refunded(long centimes) {
      return new Transaction(
          merchantId, amountCentimes, refundedCentimes + centimes, captured, voided);
    }

    Transaction released() {
      return new Transaction(merchantId, amountCentimes, refundedCentimes, false, true);
    }
  }

  private final String merchantId;
  private final SandboxSigner signer;
  private final int port;
  private final Map<String, Session> sessions = new HashMap<>();
  private final Map<String, Transaction> transactions = new HashMap<>();
  private final Map<String, String> transactionOfOrder = new HashMap<>();
  private final List<JsonObject> operations = new ArrayList<>();
  private final String apiUser;
  private final String apiPassword;
  private AnswerFault nextAnswerLost = AnswerFault.NONE;

  private enum AnswerFault {
    NONE,
    LOST_BEFORE_APPLIED,
    LOST_AFTER_APPLIED
  }

  private final List<JsonObject> callbacks = new ArrayList<>();
  private WebClient http;
  private HttpServer server;

  /**
   * The acquirer's test environment for {@code merchantId} with its store key {@code secret}, and
   * the merchant API's user ({@code apiUser}, {@code apiPassword}).
   */
  public SandboxGateway(
      String merchantId, String secret, String apiUser, String apiPassword, int port) {
    this.merchantId = merchantId;
    this.apiUser = apiUser;
    this.apiPassword = apiPassword;
    this.signer = new SandboxSigner(secret);
    this.port = port;
  }

  @Override
  public Future<?> start() {
    http = WebClient.create(vertx);
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    OperationalRoutes.mountSelfContained(router);
    router.post("/pay").handler(this::hostedPage);
    router.post("/pay/:session/:decision").handler(this::decide);
    router.post(MERCHANT_API).handler(this::merchantApi);
    // A test's fault: the answer to the next merchant API request (a refund, a capture, a release)
    // is lost (502), after it was done (applied=true) or before (applied=false). Only the
    // acquirer's back office (GET /api/operations) then knows.
    router
        .post("/api/faults/next-answer-lost")
        .handler(
            ctx -> {
              nextAnswerLost =
                  "false".equals(ctx.request().getParam("applied"))
                      ? AnswerFault.LOST_BEFORE_APPLIED
                      : AnswerFault.LOST_AFTER_APPLIED;
              ctx.response().setStatusCode(204).end();
            });
    router
        .get("/api/callbacks")
        .handler(ctx -> ctx.json(new JsonObject().put("items", new JsonArray(callbacks))));
    router
        .get("/api/refunds")
        .handler(
            ctx ->
                ctx.json(
                    new JsonObject()
                        .put(
                            "items",
                            new JsonArray(
                                operations.stream()
                                    .filter(
                                        operation -> "Credit".equals(operation.getString("Type")))
                                    .toList()))));
    router
        .get("/api/operations")
        .handler(
            ctx ->
                ctx.json(
                    new JsonObject().put("items", new JsonArray(new ArrayList<>(operations)))));
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(port)
        .onSuccess(
            listening -> {
              server = listening;
              log.info("card gateway sandbox on http://localhost:{}/pay", listening.actualPort());
            });
  }

  public int port() {
    return server.actualPort();
  }

  /** The hosted page: the merchant's signed request is checked first, then the tester decides. */
  private void hostedPage(RoutingContext ctx) {
    Map<String, String> request = fields(ctx.request().formAttributes());
    List<String> missing = REQUIRED.stream().filter(name -> !request.containsKey(name)).toList();
    if (!missing.isEmpty()
        || !merchantId.equals(request.get("clientid"))
        || !"3D_PAY_HOSTING".equals(request.get("storetype"))
        || !List.of("PreAuth", "Auth").contains(request.get("trantype"))
        || !"ver3".equals(request.get("hashAlgorithm"))
        || !signer.isSigned(request)
        || centimes(request.get("amount")) <= 0) {
      page(
          ctx,
          400,
          "fr",
          "<h1>Requête refusée</h1><p>"
              + (missing.isEmpty()
                  ? "Hash, marchand, type de magasin ou montant invalide."
                  : "Champs manquants : " + Html.escape(String.join(", ", missing)))
              + "</p>");
      return;
    }
    String session = UUID.randomUUID().toString();
    sessions.put(session, new Session(request, false));
    String lang = request.getOrDefault("lang", "fr");
    Labels labels = Labels.of(lang);
    page(
        ctx,
        200,
        lang,
        "<h1>"
            + labels.title
            + "</h1>"
            + "<p class=\"amount\" id=\"amount\">"
            + Html.escape(request.get("amount"))
            + " MAD</p>"
            + "<p>"
            + labels.reference
            + " <code id=\"reference\">"
            + Html.escape(request.get("oid"))
            + "</code></p>"
            + "<p class=\"hint\">"
            + labels.hint
            + " 4000 0000 0000 0002</p>"
            + "<form method=\"post\" action=\"/pay/"
            + session
            + "/approve\"><button id=\"approve\" type=\"submit\">"
            + labels.approve
            + "</button></form>"
            + "<form method=\"post\" action=\"/pay/"
            + session
            + "/decline\"><button id=\"decline\" type=\"submit\">"
            + labels.decline
            + "</button></form>");
  }

  /**
   * The tester's choice: the merchant hears it by a signed callback, then the shopper goes back.
   */
  private void decide(RoutingContext ctx) {
    Session session = sessions.get(ctx.pathParam("session"));
    String decision = ctx.pathParam("decision");
    if (session == null || session.decided() || !List.of("approve", "decline").contains(decision)) {
      page(ctx, 404, "fr", "<h1>Session inconnue ou déjà utilisée</h1>");
      return;
    }
    sessions.put(ctx.pathParam("session"), new Session(session.request(), true));
    Map<String, String> request = session.request();
    boolean approved = decision.equals("approve");
    String transactionId = "SBX" + Math.abs(ThreadLocalRandom.current().nextLong());
    // As CMI does: every parameter the merchant posted comes back, with the result and a new hash.
    Map<String, String> result = new LinkedHashMap<>(request);
    result.remove("hash");
    result.put("Response", approved ? "Approved" : "Declined");
    result.put("ProcReturnCode", approved ? "00" : "05");
    result.put("TransId", transactionId);
    result.put(
        "AuthCode",
        approved ? String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)) : "");
    result.put("maskedpan", approved ? "411111******1111" : "400000******0002");
    result.put("ErrMsg", approved ? "" : "Refusée par l'émetteur (sandbox)");
    result.put("HASH", signer.sign(result));
    if (approved) {
      transactionOfOrder.put(request.get("oid"), transactionId);
      transactions.put(
          transactionId,
          new Transaction(
              request.get("clientid"),
              centimes(request.get("amount")),
              0,
              "Auth".equals(request.get("trantype")),
              false));
    }
    String back = approved ? request.get("okUrl") : request.get("failUrl");
    Promise<Void> delivered = Promise.promise();
    sendCallback(request.get("callbackUrl"), result, transactionId, 1, delivered);
    // The shopper returns once the merchant has heard (or the gateway gave up waiting for it).
    delivered
        .future()
        .onComplete(
            done ->
                ctx.response()
                    .setStatusCode(303)
                    .putHeader(
                        "Location",
                        back + (back.contains("?") ? "&" : "?") + "oid=" + request.get("oid"))
                    .end());
  }

  /**
   * Posts the result to the merchant until it answers as CMI expects: {@code ACTION=POSTAUTH}
   * captures a pre-authorisation, {@code APPROVED} acknowledges; anything else is tried again.
   */
  private void sendCallback(
      String url,
      Map<String, String> fields,
      String transactionId,
      int attempt,
      Promise<Void> delivered) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    fields.forEach(form::add);
    http.postAbs(url)
        .timeout(5_000)
        .sendForm(form)
        .onComplete(
            sent -> {
              int status = sent.succeeded() ? sent.result().statusCode() : 0;
              String answer =
                  sent.succeeded() && sent.result().bodyAsString() != null
                      ? sent.result().bodyAsString().strip()
                      : "";
              callbacks.add(
                  new JsonObject()
                      .put("url", url)
                      .put("attempt", attempt)
                      .put("status", status)
                      .put("answer", answer)
                      .put("fields", new JsonObject(new LinkedHashMap<>(fields))));
              if (status == 200
                  && (answer.equals("ACTION=POSTAUTH") || answer.equals("APPROVED"))) {
                if (answer.equals("ACTION=POSTAUTH")) {
                  transactions.computeIfPresent(
                      transactionId, (id, held) -> held.capturedFor(held.amountCentimes()));
                }
                delivered.tryComplete();
                return;
              }
              if (attempt >= CALLBACK_ATTEMPTS) {
                log.warn(
                    "callback for {} never acknowledged after {} attempts",
                    fields.get("oid"),
                    attempt);
                delivered.tryComplete();
                return;
              }
              vertx.setTimer(
                  500L << attempt,
                  id -> sendCallback(url, fields, transactionId, attempt + 1, delivered));
            });
  }

  /**
   * CMI's merchant API, as far as the platform uses it: a {@code CC5Request} of type {@code Credit}
   * (a refund of a captured order, by its oid), {@code PostAuth} (the capture of a
   * pre-authorisation) or {@code Void} (its release), posted as the form field {@code DATA},
   * answered with a {@code CC5Response}. Written from docs/payments.md apart from payment-service's
   * client, like the hash.
   */
  private void merchantApi(RoutingContext ctx) {
    Map<String, String> request;
    try {
      request = SandboxXml.read(ctx.request().getFormAttribute("DATA"));
    } catch (IllegalArgumentException e) {
      ctx.response()
          .putHeader("Content-Type", "text/xml; charset=utf-8")
          .end(SandboxXml.response(Map.of("Response", "Error", "ErrMsg", e.getMessage())));
      return;
    }
    AnswerFault fault = nextAnswerLost;
    nextAnswerLost = AnswerFault.NONE;
    if (fault == AnswerFault.LOST_BEFORE_APPLIED) {
      ctx.response().setStatusCode(502).end("Bad Gateway");
      return;
    }
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("OrderId", request.getOrDefault("OrderId", ""));
    String refused = refusal(request);
    if (refused == null) {
      String transactionId = transactionOfOrder.get(request.get("OrderId"));
      Transaction transaction = transactions.get(transactionId);
      long amount = centimes(request.getOrDefault("Total", ""));
      transactions.put(
          transactionId,
          switch (request.get("Type")) {
            case "PostAuth" -> transaction.capturedFor(amount);
            case "Void" -> transaction.released();
            default -> transaction.refunded(amount);
          });
      answer.put("Response", "Approved");
      answer.put("ProcReturnCode", "00");
      answer.put("TransId", "SB" + Math.abs(ThreadLocalRandom.current().nextLong()));
      answer.put("ErrMsg", "");
    } else {
      answer.put("Response", refused.startsWith("Access") ? "Error" : "Declined");
      answer.put("ProcReturnCode", "99");
      answer.put("ErrMsg", refused);
    }
    operations.add(
        new JsonObject()
            .put("Type", request.getOrDefault("Type", ""))
            .put("OrderId", answer.get("OrderId"))
            .put("Total", request.getOrDefault("Total", ""))
            .put("Response", answer.get("Response"))
            .put("TransId", answer.getOrDefault("TransId", ""))
            .put("ErrMsg", answer.get("ErrMsg")));
    if (fault == AnswerFault.LOST_AFTER_APPLIED) {
      ctx.response().setStatusCode(502).end("Bad Gateway");
      return;
    }
    ctx.response()
        .putHeader("Content-Type", "text/xml; charset=utf-8")
        .end(SandboxXml.response(answer));
  }

  /**
   * Why a request is refused, or null when it is done. Credit: a captured order, never above what
   * is left; PostAuth: a pre-authorisation not yet captured nor released, once, for at most what it
   * holds; Void: a pre-authorisation not yet captured.
   */
  private String refusal(Map<String, String> request) {
    if (!apiUser.equals(request.get("Name"))
        || !apiPassword.equals(request.get("Password"))
        || !merchantId.equals(request.get("ClientId"))) {
      return "Access denied: unknown API user or client id";
    }
    String type = request.getOrDefault("Type", "");
    if (!List.of("Credit", "PostAuth", "Void").contains(type)) {
      return "The sandbox does Credit, PostAuth and Void";
    }
    if (!type.equals("Void") && !"504".equals(request.get("Currency"))) {
      return "Currency must be 504";
    }
    String transactionId = transactionOfOrder.get(request.getOrDefault("OrderId", ""));
    Transaction transaction = transactionId == null ? null : transactions.get(transactionId);
    if (transaction == null) {
      return "No such order";
    }
    if (transaction.voided()) {
      return "The pre-authorisation was released";
    }
    long amount = type.equals("Void") ? 0 : centimes(request.getOrDefault("Total", ""));
    return switch (type) {
      case "PostAuth" ->
          transaction.captured()
              ? "Already captured"
              : amount <= 0 || amount > transaction.amountCentimes()
                  ? "Amount above what was pre-authorised"
                  : null;
      case "Void" -> transaction.captured() ? "Captured: refund it instead" : null;
      default ->
          !transaction.captured()
              ? "Not captured: a pre-authorisation is voided, not refunded"
              : amount <= 0
                      || transaction.refundedCentimes() + amount > transaction.amountCentimes()
                  ? "Amount above what is left to refund"
                  : null;
    };
  }

  private static Map<String, String> fields(MultiMap form) {
    Map<String, String> fields = new LinkedHashMap<>();
    form.forEach(field -> fields.putIfAbsent(field.getKey(), field.getValue()));
    return fields;
  }

  /** "265.00" in centimes; -1 for anything that is not such an amount. */
  private static long centimes(String amount) {
    try {
      BigDecimal value = new BigDecimal(amount);
      return value.scale() == 2 && value.signum() >= 0
          ? value.movePointRight(2).longValueExact()
          : -1;
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static void page(RoutingContext ctx, int status, String lang, String body) {
    boolean rtl = "ar".equals(lang);
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "text/html; charset=utf-8")
        .end(
            "<!doctype html><html lang=\""
                + Html.escape(lang)
                + "\" dir=\""
                + (rtl ? "rtl" : "ltr")
                + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">"
                + "<title>Sandbox — paiement</title><style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;"
                + "padding:0 1rem}.amount{font-size:2rem}button{font-size:1.1rem;margin:.3rem 0;padding:.6rem 1.2rem}"
                + ".hint{color:#555}</style></head><body><p><strong>SANDBOX</strong></p>"
                + body
                + "</body></html>");
  }

  private record Labels(
      String title, String reference, String hint, String approve, String decline) {

    static Labels of(String lang) {
      return switch (lang) {
        case "ar" ->
            new Labels("الدفع بالبطاقة", "المرجع:", "بطاقة اختبار:", "قبول الدفع", "رفض الدفع");
        case "en" ->
            new Labels(
                "Card payment", "Reference:", "Test card:", "Approve payment", "Decline payment");
        default ->
            new Labels(
                "Paiement par carte",
                "Référence :",
                "Carte de test :",
                "Accepter le paiement",
                "Refuser le paiement");
      };
    }
  }
}
