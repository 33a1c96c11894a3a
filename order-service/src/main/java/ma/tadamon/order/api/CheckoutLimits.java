package ma.tadamon.order.api;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.ratelimit.RateLimit;
import ma.tadamon.platform.ratelimit.RateLimiter;
import ma.tadamon.platform.ratelimit.RateLimiter.Take;

/**
 * How often checkouts may come: from one client address, for one phone number, for one product (so
 * that nobody, from however many addresses, takes a cooperative's whole stock in a burst). The
 * values and why: docs/security.md.
 */
final class CheckoutLimits {

  private final RateLimiter limiter;
  private final RateLimit perAddress;
  private final RateLimit perPhone;
  private final RateLimit perProduct;

  CheckoutLimits(RateLimiter limiter, Settings settings) {
    this.limiter = limiter;
    this.perAddress =
        RateLimit.fromSettings(
            settings, "RATE_LIMIT_CHECKOUT_PER_ADDRESS", "checkout-address", "10/1m,120/1h");
    this.perPhone =
        RateLimit.fromSettings(
            settings, "RATE_LIMIT_CHECKOUT_PER_PHONE", "checkout-phone", "5/1h,20/1d");
    this.perProduct =
        RateLimit.fromSettings(
            settings, "RATE_LIMIT_CHECKOUT_PER_PRODUCT", "checkout-product", "30/10m");
  }

  /**
   * Fails with {@code RateLimitExceeded} when one of the limits is reached; the address first, so
   * that a client refused for its own burst uses up nothing that honest shoppers share.
   */
  Future<Void> admit(String clientAddress, CheckoutRequest request) {
    List<Take> takes = new ArrayList<>();
    takes.add(Take.one(perAddress, clientAddress));
    takes.add(Take.one(perPhone, request.contact().phone()));
    request.lines().stream()
        .map(CheckoutRequest.Line::productId)
        .distinct()
        .map(UUID::toString)
        .forEach(product -> takes.add(Take.one(perProduct, product)));
    return limiter.require(takes);
  }
}
