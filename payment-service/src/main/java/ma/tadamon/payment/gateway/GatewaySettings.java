package ma.tadamon.payment.gateway;

import ma.tadamon.platform.config.Settings;

/**
 * Where the card acquirer is and the merchant's credentials with it: the hosted page's gate, and
 * the merchant API (refunds) with its API user. The secrets come from the environment (a Kubernetes
 * Secret), never from a file in the repository.
 */
public record GatewaySettings(
    String hostedPageUrl,
    String merchantApiUrl,
    String apiUser,
    String apiPassword,
    String merchantId,
    String secret,
    long timeoutMillis) {

  public static GatewaySettings from(Settings settings) {
    return new GatewaySettings(
        settings.required("PAYMENT_CARD_GATEWAY_URL"),
        settings.required("PAYMENT_CARD_API_URL"),
        settings.required("PAYMENT_CARD_API_USER"),
        settings.required("PAYMENT_CARD_API_PASSWORD"),
        settings.required("PAYMENT_CARD_MERCHANT_ID"),
        settings.required("PAYMENT_CARD_SECRET"),
        settings.getLong("PAYMENT_CARD_TIMEOUT_MS", 10_000));
  }
}
