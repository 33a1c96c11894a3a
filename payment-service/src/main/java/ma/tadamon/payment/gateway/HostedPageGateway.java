package ma.tadamon.payment.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.client.WebClient;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.payment.domain.Amounts;

/**
 * CMI's hosted payment page ("3D_PAY_HOSTING"), as docs/payments.md writes it down: a form the
 * shopper's browser posts to the acquirer's gate, a pre-authorisation that the callback's answer
 * captures at once ({@code ACTION=POSTAUTH}) or that is captured on delivery through the merchant
 * API, every message signed with the {@link Ver3Hash} of its parameters and the store key; refunds,
 * captures and releases go through the merchant API ({@link MerchantApiXml}). The local platform's
 * card sandbox speaks the same protocol with an implementation of its own; production points this
 * code at the acquirer's addresses and key.
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

  /** A refund is CMI's merchant API "Credit" of the order (the attempt's oid). */
  @Override
  public Future<MerchantApiAnswer> refund(String orderId, long amountCentimes) {
    return merchantApi("Credit", orderId, amountCentimes);
  }

  /** A capture is "PostAuth" of the pre-authorised order, for what was delivered. */
  @Override
  public Future<MerchantApiAnswer> capture(String orderId, long amountCentimes) {
    return merchantApi("PostAuth", orderId, amountCentimes);
  }

  /** A release is "Void" of the pre-authorised order. */
  @Override
  public Future<MerchantApiAnswer> releaseHold(String orderId) {
    return merchantApi("Void", orderId, -1);
  }

  /**
   * One request to CMI's merchant API, in the API user's name, posted as the form field {@code
   * DATA}: {@code Response} {@code Approved} is the acquirer's yes (its {@code TransId} the
   * reference), anything else its no with {@code ErrMsg}. {@code amountCentimes} below zero: none.
   */
  private Future<MerchantApiAnswer> merchantApi(String type, String orderId, long amountCentimes) {
    Map<String, String> request = new LinkedHashMap<>();
    request.put("Name", settings.apiUser());
    request.put("Password", settings.apiPassword());
    request.put("ClientId", settings.merchantId());
    request.put("Type", type);
    request.put("OrderId", orderId);
    if (amountCentimes >= 0) {
      request.put("Total", Amounts.decimal(amountCentimes));
      request.put("Currency", MAD);
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    form.add("DATA", MerchantApiXml.request(request));
    return http.postAbs(settings.merchantApiUrl())
        .timeout(settings.timeoutMillis())
        .sendForm(form)
        .map(
            response -> {
              if (response.statusCode() != 200) {
                return (MerchantApiAnswer)
                    new AnswerLost("the acquirer answered " + response.statusCode());
              }
              Map<String, String> answer;
              try {
                answer = MerchantApiXml.response(response.bodyAsString());
              } catch (IllegalArgumentException e) {
                return new AnswerLost(e.getMessage());
              }
              if (!orderId.equals(answer.get("OrderId"))) {
                return new AnswerLost("the acquirer answered for another order");
              }
              return "Approved".equals(answer.get("Response"))
                  ? new Approved(answer.getOrDefault("TransId", ""))
                  : new Declined(
                      answer.getOrDefault("ErrMsg", "")
                          + " ("
                          + answer.getOrDefault("ProcReturnCode", "no code")
                          + ")");
            })
        .recover(
            failure ->
                Future.succeededFuture(
                    failure instanceof ConnectException || failure instanceof UnknownHostException
                        ? new NotSent(failure.getMessage())
                        : new AnswerLost(failure.getMessage())));
  }

  private static String nonce() {
    byte[] bytes = new byte[12];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
