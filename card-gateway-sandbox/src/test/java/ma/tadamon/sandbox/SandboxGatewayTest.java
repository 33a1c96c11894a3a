package ma.tadamon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The card sandbox as a merchant meets it: it refuses a request that is not CMI's 3D_PAY_HOSTING
 * with a valid ver3 hash, shows its page in the shopper's language, and posts its hashed callback
 * until the merchant answers as CMI expects; only what was captured can be refunded.
 */
class SandboxGatewayTest {

  private static final String MERCHANT = "600000000";
  private static final String STORE_KEY = "sandbox-store-key";
  private static final String API_USER = "tadamon-api";
  private static final String API_PASSWORD = "api-password";

  private static Vertx vertx;
  private static SandboxGateway gateway;
  private static WebClient http;
  private static int merchantPort;
  private static final List<Map<String, String>> heard = new CopyOnWriteArrayList<>();
  private static final AtomicInteger failuresToAnswer = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    // The merchant: answers FAILURE as many times as asked, then captures.
    merchantPort =
        await(
                vertx
                    .createHttpServer()
                    .requestHandler(
                        request -> {
                          request.setExpectMultipart(true);
                          request.endHandler(
                              end -> {
                                Map<String, String> fields = new LinkedHashMap<>();
                                request
                                    .formAttributes()
                                    .forEach(f -> fields.put(f.getKey(), f.getValue()));
                                heard.add(fields);
                                request
                                    .response()
                                    .putHeader("Content-Type", "text/plain")
                                    .end(
                                        failuresToAnswer.getAndDecrement() > 0
                                            ? "FAILURE"
                                            : "ACTION=POSTAUTH");
                              });
                        })
                    .listen(0))
            .actualPort();
    gateway = new SandboxGateway(MERCHANT, STORE_KEY, API_USER, API_PASSWORD, freePort());
    await(vertx.deployVerticle(gateway));
    http =
        WebClient.create(
            vertx,
            new WebClientOptions()
                .setDefaultHost("localhost")
                .setDefaultPort(gateway.port())
                .setFollowRedirects(false));
  }

  @AfterAll
  static void stop() throws Exception {
    await(vertx.close());
  }

  @Test
  void a_request_that_is_not_3d_pay_hosting_with_its_ver3_hash_is_refused() throws Exception {
    Map<String, String> unsigned = request("oid-unsigned", "ar");
    Map<String, String> wrongStore = signed(request("oid-store", "ar"));
    wrongStore.put("storetype", "3D");
    Map<String, String> tampered = signed(request("oid-tampered", "ar"));
    tampered.put("amount", "1.00");

    for (Map<String, String> bad : List.of(unsigned, wrongStore, tampered)) {
      assertThat(post("/pay", bad).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void the_page_speaks_the_shoppers_language_and_the_callback_is_retried_until_answered()
      throws Exception {
    failuresToAnswer.set(1);
    heard.clear();
    HttpResponse<Buffer> page = post("/pay", signed(request("oid-1", "ar")));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString())
        .contains("dir=\"rtl\"")
        .contains("قبول الدفع")
        .contains("265.00");
    Matcher approve =
        Pattern.compile("action=\"(/pay/[^\"]+/approve)\"").matcher(page.bodyAsString());
    assertThat(approve.find()).isTrue();
    HttpResponse<Buffer> back = await(http.post(approve.group(1)).send());

    assertThat(back.statusCode()).isEqualTo(303);
    assertThat(back.getHeader("Location")).startsWith("http://localhost/ok");
    assertThat(heard).hasSize(2);
    Map<String, String> callback = heard.get(1);
    assertThat(callback).containsEntry("oid", "oid-1").containsEntry("ProcReturnCode", "00");
    assertThat(callback.get("HASH")).isEqualTo(new SandboxSigner(STORE_KEY).sign(callback));
    JsonArray sent =
        await(http.get("/api/callbacks").send()).bodyAsJsonObject().getJsonArray("items");
    assertThat(
            sent.stream()
                .map(JsonObject.class::cast)
                .filter(c -> "oid-1".equals(c.getJsonObject("fields").getString("oid"))))
        .extracting(c -> c.getString("answer"))
        .containsExactly("FAILURE", "ACTION=POSTAUTH");

    // Captured by the answer: refundable through the merchant API, never above what was paid.
    String credit =
        "<CC5Request><Name>%s</Name><Password>%s</Password><ClientId>%s</ClientId>"
            + "<Type>Credit</Type><OrderId>oid-1</OrderId><Total>%s</Total>"
            + "<Currency>504</Currency></CC5Request>";
    String first = merchantApi(String.format(credit, API_USER, API_PASSWORD, MERCHANT, "200.00"));
    assertThat(first)
        .contains("<OrderId>oid-1</OrderId>", "<Response>Approved</Response>")
        .contains("<ProcReturnCode>00</ProcReturnCode>")
        .containsPattern("<TransId>SB\\d+</TransId>");
    assertThat(merchantApi(String.format(credit, API_USER, API_PASSWORD, MERCHANT, "65.01")))
        .as("265.00 paid, 200.00 refunded: 65.01 is too much")
        .contains("<Response>Declined</Response>", "Amount above what is left to refund");
    assertThat(merchantApi(String.format(credit, API_USER, API_PASSWORD, MERCHANT, "65.00")))
        .contains("<Response>Approved</Response>");
    assertThat(merchantApi(String.format(credit, API_USER, "wrong", MERCHANT, "1.00")))
        .contains("<Response>Error</Response>", "Access denied");
    // Captured by the callback's answer: neither captured again nor released.
    String postAuth =
        "<CC5Request><Name>%s</Name><Password>%s</Password><ClientId>%s</ClientId>"
            + "<Type>%s</Type><OrderId>oid-1</OrderId><Total>10.00</Total>"
            + "<Currency>504</Currency></CC5Request>";
    assertThat(merchantApi(String.format(postAuth, API_USER, API_PASSWORD, MERCHANT, "PostAuth")))
        .contains("<Response>Declined</Response>", "Already captured");
    assertThat(merchantApi(String.format(postAuth, API_USER, API_PASSWORD, MERCHANT, "Void")))
        .contains("<Response>Declined</Response>", "Captured: refund it instead");
    assertThat(merchantApi("<CC5Request><Name>"))
        .contains("<Response>Error</Response>", "not well-formed");
  }

  private static String merchantApi(String document) throws Exception {
    return post(SandboxGateway.MERCHANT_API, Map.of("DATA", document)).bodyAsString();
  }

  private static Map<String, String> request(String oid, String lang) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("clientid", MERCHANT);
    fields.put("storetype", "3D_PAY_HOSTING");
    fields.put("trantype", "PreAuth");
    fields.put("amount", "265.00");
    fields.put("currency", "504");
    fields.put("oid", oid);
    fields.put("okUrl", "http://localhost/ok");
    fields.put("failUrl", "http://localhost/fail");
    fields.put("callbackUrl", "http://localhost:" + merchantPort + "/callback");
    fields.put("lang", lang);
    fields.put("email", "khadija@example.ma");
    fields.put("BillToName", "خديجة");
    fields.put("rnd", "0123");
    fields.put("hashAlgorithm", "ver3");
    fields.put("encoding", "UTF-8");
    return fields;
  }

  private static Map<String, String> signed(Map<String, String> fields) {
    Map<String, String> copy = new LinkedHashMap<>(fields);
    copy.put("hash", new SandboxSigner(STORE_KEY).sign(copy));
    return copy;
  }

  private static HttpResponse<Buffer> post(String path, Map<String, String> fields)
      throws Exception {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    fields.forEach(form::add);
    return await(http.post(path).sendForm(form));
  }

  private static int freePort() throws Exception {
    try (ServerSocket probe = new ServerSocket(0)) {
      return probe.getLocalPort();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }
}
