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
   * answer was lost may have been applied, so the outcome says whether it is safe to send again.
   * Never fails: every outcome is a {@link RefundOutcome}.
   */
  Future<RefundOutcome> refund(String orderId, long amountCentimes);

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

  sealed interface RefundOutcome {}

  record RefundApproved(String reference) implements RefundOutcome {}

  record RefundDeclined(String reason) implements RefundOutcome {}

  /** The request never reached the acquirer (it could not be connected to): safe to send again. */
  record RefundNotSent(String reason) implements RefundOutcome {}

  /**
   * The request may have reached the acquirer, but its answer did not come back readable (a
   * timeout, an error page): only its back office can say whether the money went back.
   */
  record RefundOutcomeUnknown(String reason) implements RefundOutcome {}
}
