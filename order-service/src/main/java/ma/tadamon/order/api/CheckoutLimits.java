package ma.tadamon.order.api;

import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.order.domain.CheckoutRequest;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.ratelimit.ProofOfWork;
import ma.tadamon.platform.ratelimit.RateLimit;
import ma.tadamon.platform.ratelimit.RateLimitExceeded;
import ma.tadamon.platform.ratelimit.RateLimiter;
import ma.tadamon.platform.ratelimit.RateLimiter.Take;

/**
 * How often checkouts may come: from one client address, for one phone number, for one product (so
 * that nobody, from however many addresses, takes a cooperative's whole stock in a burst). Past the
 * address's limit a checkout still passes with a solved proof of work: many shoppers can share one
 * address (a mobile operator's NAT, a fair's Wi-Fi), and none of them is shut out. The values and
 * why: docs/security.md.
 */
public final class CheckoutLimits {

  private final RateLimiter limiter;
  private final ProofOfWork proofOfWork;
  private final RateLimit perAddress;
  private final RateLimit perPhone;
  private final RateLimit perProduct;

  public CheckoutLimits(RateLimiter limiter, ProofOfWork proofOfWork, Settings settings) {
    this.limiter = limiter;
    this.proofOfWork = proofOfWork;
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
   * that a client refused for its own burst uses up nothing that honest shoppers share. {@code
   * proof} (ALTCHA's answer, or null) is looked at only past the address's limit, and spent only
   * there; when it is missing or does not hold, the refusal carries a new challenge.
   */
  Future<Void> admit(String clientAddress, CheckoutRequest request, String proof) {
    List<Take> shared = new ArrayList<>();
    shared.add(Take.one(perPhone, request.contact().phone()));
    request.lines().stream()
        .map(CheckoutRequest.Line::productId)
        .distinct()
        .map(UUID::toString)
        .forEach(product -> shared.add(Take.one(perProduct, product)));
    return limiter
        .take(perAddress, clientAddress)
        .compose(verdict -> verdict.allowed() ? Future.succeededFuture() : proven(verdict, proof))
        .compose(passed -> limiter.require(shared));
  }

  private Future<Void> proven(RateLimiter.Verdict refused, String proof) {
    RateLimitExceeded exceeded = new RateLimitExceeded(perAddress.name(), refused.retryAfter());
    Future<Boolean> holds =
        proof == null ? Future.succeededFuture(false) : proofOfWork.redeem(proof);
    return holds.compose(
        valid ->
            valid
                ? Future.succeededFuture()
                : Future.failedFuture(exceeded.passableWith(proofOfWork.challenge())));
  }
}
