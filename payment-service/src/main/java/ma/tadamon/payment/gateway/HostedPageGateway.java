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
import java.util.UUID;
import ma.tadamon.payment.domain.Amounts;

/**
 * A CMI-style acquirer: hosted payment page, signed callback, refund API, all signed with {@link
 * FormSignature} (the protocol is written down in docs/payments.md). The local platform's sandbox
 * gateway speaks it; production points the same code at the acquirer's addresses and secret.
 */
public final class HostedPageGateway implements CardGateway {

  /** ISO 4217 numeric code of the Moroccan dirham, as acquirers write it. */
  public static final String MAD = "504";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String provider;
  private final GatewaySettings settings;
  private final FormSignature signature;
  private final WebClient http;

  public HostedPageGateway(String provider, GatewaySettings settings, WebClient http) {
    this.provider = provider;
    this.settings = settings;
    this.signature = new FormSignature(settings.secret());
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
    fields.put("oid", request.attemptId().toString());
    fields.put("amount", Amounts.decimal(request.amountCentimes()));
    fields.put("currency", MAD);
    fields.put("okUrl", request.okUrl());
    fields.put("failUrl", request.failUrl());
    fields.put("callbackUrl", request.callbackUrl());
    fields.put("lang", request.language());
    fields.put("trantype", "Auth");
    fields.put("rnd", nonce());
    fields.put(FormSignature.FIELD, signature.sign(fields));
    return new HostedPaymentPage(settings.hostedPageUrl(), fields);
  }

  @Override
  public CallbackVerdict verify(Map<String, String> parameters) {
    if (!signature.verifies(parameters)) {
      return new Rejected(
          CallbackOutcome.FORGED,
          parameters.containsKey(FormSignature.FIELD)
              ? "the signature does not match the parameters"
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
    String response = parameters.get("Response");
    String transactionId = parameters.get("TransId");
    if (amount.isEmpty() || response == null || transactionId == null || transactionId.isBlank()) {
      return new Rejected(
          CallbackOutcome.MALFORMED, "amount, Response and TransId are required", attemptId);
    }
    boolean approved = "Approved".equals(response) && "00".equals(parameters.get("ProcReturnCode"));
    return new Verified(
        new GatewayResult(
            attemptId,
            approved,
            amount.get(),
            transactionId,
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
    fields.put(FormSignature.FIELD, signature.sign(fields));
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
