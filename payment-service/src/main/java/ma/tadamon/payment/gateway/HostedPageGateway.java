package ma.tadamon.payment.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.payment.domain.Amounts;

/**
 * CMI's hosted payment page ("3D_PAY_HOSTING"), as docs/payments.md writes it down: a form the
 * shopper's browser posts to the acquirer's gate, a pre-authorisation that the callback's answer
 * captures at once ({@code ACTION=POSTAUTH}), every message signed with the {@link Ver3Hash} of its
 * parameters and the store key. The local platform's card sandbox speaks the same protocol with an
 * implementation of its own; production points this code at the acquirer's addresses and key.
 */
public final class HostedPageGateway implements CardGateway {

  /** ISO 4217 numeric code of the Moroccan dirham, as acquirers write it. */
  public static final String MAD = "504";

  public static final String STORE_TYPE = "3D_PAY_HOSTING";

  /** The page languages the acquirer offers; Tamazight shoppers get French. */
  private static final Set<String> ACQUIRER_LANGUAGES = Set.of("ar", "fr", "en");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String provider;
  private final GatewaySettings settings;
  private final Ver3Hash signature;
  private final WebClient http;

  public HostedPageGateway(String provider, GatewaySettings settings, WebClient http) {
    this.provider = provider;
    this.settings = settings;
    this.signature = new Ver3Hash(settings.secret());
    this.http = http;
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public HostedPaymentPage hostedPage(PaymentRequest request) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("clientid", settings.merchantId());
    fields.put("storetype", STORE_TYPE);
    // Held at checkout, captured by the callback's answer once the shopper's bank approved.
    fields.put("trantype", "PreAuth");
    fields.put("amount", Amounts.decimal(request.amountCentimes()));
    fields.put("currency", MAD);
    fields.put("oid", request.attemptId().toString());
    fields.put("okUrl", request.okUrl());
    fields.put("failUrl", request.failUrl());
    fields.put("callbackUrl", request.callbackUrl());
    fields.put("lang", ACQUIRER_LANGUAGES.contains(request.language()) ? request.language() : "fr");
    fields.put("email", request.payer().email());
    fields.put("BillToName", request.payer().name());
    fields.put("rnd", nonce());
    fields.put("hashAlgorithm", "ver3");
    fields.put("encoding", "UTF-8");
    fields.put(Ver3Hash.FIELD, signature.sign(fields));
    return new HostedPaymentPage(settings.hostedPageUrl(), fields);
  }

  @Override
  public CallbackVerdict verify(Map<String, String> parameters) {
    if (!signature.verifies(parameters)) {
      return new Rejected(
          CallbackOutcome.FORGED,
          parameters.keySet().stream().anyMatch(Ver3Hash.FIELD::equalsIgnoreCase)
              ? "the hash does not match the parameters"
              : "the callback is not signed",
          null);
    }
    UUID attemptId;
    try {
      attemptId = UUID.fromString(parameters.getOrDefault("oid", ""));
    } catch (IllegalArgumentException e) {
      return new Rejected(
          CallbackOutcome.MALFORMED, "oid is not one of this service's attempts", null);
    }
    if (!settings.merchantId().equals(parameters.get("clientid"))) {
      return new Rejected(
          CallbackOutcome.MALFORMED, "the callback is for another merchant", attemptId);
    }
    if (!MAD.equals(parameters.get("currency"))) {
      return new Rejected(
          CallbackOutcome.AMOUNT_MISMATCH, "the currency is not MAD (504)", attemptId);
    }
    var amount = Amounts.centimes(parameters.get("amount"));
    String transactionId = parameters.get("TransId");
    // ProcReturnCode 00 is an approval; any other code, or none, is a failure (docs/payments.md).
    boolean approved = "00".equals(parameters.get("ProcReturnCode"));
    if (amount.isEmpty()) {
      return new Rejected(CallbackOutcome.MALFORMED, "amount is required", attemptId);
    }
    if (approved && (transactionId == null || transactionId.isBlank())) {
      return new Rejected(CallbackOutcome.MALFORMED, "an approval without its TransId", attemptId);
    }
    return new Verified(
        new GatewayResult(
            attemptId,
            approved,
            amount.get(),
            transactionId == null ? "" : transactionId,
            parameters.get("maskedpan"),
            parameters.getOrDefault("ProcReturnCode", "")));
  }

  @Override
  public Future<RefundOutcome> refund(UUID refundId, String transactionId, long amountCentimes) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("clientid", settings.merchantId());
    fields.put("refundid", refundId.toString());
    fields.put("TransId", transactionId);
    fields.put("amount", Amounts.decimal(amountCentimes));
    fields.put("currency", MAD);
    fields.put("rnd", nonce());
    fields.put(Ver3Hash.FIELD, signature.sign(fields));
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    fields.forEach(form::add);
    return http.postAbs(settings.refundUrl())
        .timeout(settings.timeoutMillis())
        .sendForm(form)
        .compose(
            response -> {
              if (response.statusCode() >= 500) {
                return Future.failedFuture("the gateway answered " + response.statusCode());
              }
              JsonObject answer;
              try {
                answer = response.bodyAsJsonObject();
              } catch (RuntimeException e) {
                return Future.failedFuture("the gateway's refund answer is not JSON");
              }
              if (answer == null) {
                return Future.failedFuture("the gateway's refund answer is empty");
              }
              Map<String, String> signed = new HashMap<>();
              answer.forEach(entry -> signed.put(entry.getKey(), String.valueOf(entry.getValue())));
              if (!signature.verifies(signed)
                  || !refundId.toString().equals(signed.get("refundid"))) {
                return Future.failedFuture(
                    "the gateway's refund answer is not signed for this refund");
              }
              return Future.succeededFuture(
                  "Approved".equals(signed.get("Response"))
                      ? new RefundApproved(signed.get("RefundTransId"))
                      : new RefundDeclined(
                          signed.getOrDefault("ErrMsg", "declined by the gateway")));
            });
  }

  private static String nonce() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
