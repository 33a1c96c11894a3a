package ma.tadamon.payment.gateway;

import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;

/**
 * A card acquirer with a hosted payment page, as Moroccan acquirers work: this service signs a
 * request that sends the shopper's browser to the gateway's page, the gateway calls back with a
 * signed result, and refunds go through the gateway's server-to-server API. A second acquirer or a
 * mobile wallet is another implementation, reached at {@code /api/payments/callback/<provider>}.
 */
public interface CardGateway {

  /** The provider's name in the callback address, e.g. {@code cmi}. */
  String provider();

  /** The signed form that takes the shopper to the hosted page for this attempt. */
  HostedPaymentPage hostedPage(PaymentRequest request);

  /**
   * Checks a callback's signature before anything else, then reads it. Never throws for bad input.
   */
  CallbackVerdict verify(Map<String, String> parameters);

  /**
   * Asks the acquirer to give back {@code amountCentimes} of the captured payment made under {@code
   * orderId} (the approved attempt's id). The acquirer's API knows no refund id: a request whose
   * answer was lost may have been applied, so the answer says whether it is safe to send again.
   * Never fails: every outcome is a {@link MerchantApiAnswer}.
   */
  Future<MerchantApiAnswer> refund(String orderId, long amountCentimes);

  /**
   * Captures {@code amountCentimes} (at most what was held) of the pre-authorisation held under
   * {@code orderId}; the rest of the hold is released. Once per hold.
   */
  Future<MerchantApiAnswer> capture(String orderId, long amountCentimes);

  /** Releases the pre-authorisation held under {@code orderId}: nothing is taken. */
  Future<MerchantApiAnswer> releaseHold(String orderId);

  /**
   * What the shopper is about to pay, and where the gateway sends the shopper and its result
   * afterwards.
   */
  record PaymentRequest(
      UUID attemptId,
      long amountCentimes,
      String language,
      Payer payer,
      String okUrl,
      String failUrl,
      String callbackUrl) {}

  /**
   * Who pays, as the acquirer's page shows it and sends its receipt: the name and e-mail the
   * shopper gave at checkout, either of which may be empty. Personal data: sent to the acquirer
   * only, never stored here.
   */
  record Payer(String name, String email) {
    public static final Payer UNKNOWN = new Payer("", "");
  }

  /** An HTML form: the browser POSTs {@code fields} to {@code url}. */
  record HostedPaymentPage(String url, Map<String, String> fields) {}

  /** What a verified callback says. */
  record GatewayResult(
      UUID attemptId,
      boolean approved,
      long amountCentimes,
      String transactionId,
      String maskedPan,
      String responseCode) {}

  /**
   * A callback is either verified and readable, or rejected with an outcome for the audit trail.
   */
  sealed interface CallbackVerdict {}

  record Verified(GatewayResult result) implements CallbackVerdict {}

  /**
   * {@code outcome} is one of {@link CallbackOutcome}'s rejections; {@code attemptId} when it could
   * be read.
   */
  record Rejected(CallbackOutcome outcome, String detail, UUID attemptId)
      implements CallbackVerdict {}

  /** What the acquirer's merchant API said to a refund, a capture or a release. */
  sealed interface MerchantApiAnswer {}

  /** Done; {@code reference} is the acquirer's for it. */
  record Approved(String reference) implements MerchantApiAnswer {}

  /** Refused: the acquirer's final word. */
  record Declined(String reason) implements MerchantApiAnswer {}

  /** The request never reached the acquirer (it could not be connected to): safe to send again. */
  record NotSent(String reason) implements MerchantApiAnswer {}

  /**
   * The request may have reached the acquirer, but its answer did not come back readable (a
   * timeout, an error page): only its back office can say whether it was done.
   */
  record AnswerLost(String reason) implements MerchantApiAnswer {}
}
