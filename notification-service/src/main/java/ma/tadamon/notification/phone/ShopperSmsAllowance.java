package ma.tadamon.notification.phone;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.ratelimit.RateLimit;
import ma.tadamon.platform.ratelimit.RateLimiter;

/**
 * Whether an SMS to a shopper may go now. Shoppers' numbers are typed by whoever checks out, so
 * they are where SMS pumping would make Tadamon pay: only numbers Tadamon texts, a few messages per
 * number an hour and a day (then none: a number that gets that many is not a shopper's), and an
 * hourly budget for all shoppers together, past which their messages wait for the next hour.
 * Cooperatives' numbers are verified by an operator and are never held back: they must hear of
 * their orders on a fair's busiest day.
 */
public final class ShopperSmsAllowance {

  /** What to do with one SMS. */
  public sealed interface Decision {}

  public record Send() implements Decision {}

  /** Never send it: {@code why} says for the record. */
  public record Drop(String why) implements Decision {}

  /** Send it once {@code after} has passed. */
  public record Wait(Duration after, String why) implements Decision {}

  private static final String EVERYONE = "all shoppers";

  private final RateLimiter limiter;
  private final SmsDestinations destinations;
  private final RateLimit perNumber;
  private final RateLimit hourlyBudget;
  private final MeterRegistry registry;

  public ShopperSmsAllowance(
      RateLimiter limiter,
      SmsDestinations destinations,
      Settings settings,
      MeterRegistry registry) {
    this.limiter = limiter;
    this.destinations = destinations;
    this.perNumber =
        RateLimit.fromSettings(
            settings, "RATE_LIMIT_SMS_PER_NUMBER", "sms-shopper-number", "6/1h,15/1d");
    // A budget for the hour, refilled whole when it ends: what the console shows as used is what
    // was sent in the hour.
    this.hourlyBudget =
        RateLimit.fromSettings(
                settings, "SMS_SHOPPER_HOURLY_BUDGET", "sms-shopper-budget", "3000/1h")
            .asBudget();
    this.registry = registry;
  }

  public Future<Decision> decide(String phone) {
    if (!destinations.allows(phone)) {
      return Future.succeededFuture(held("not-allowed", new Drop("not a number Tadamon texts")));
    }
    return limiter
        .take(perNumber, phone)
        .compose(
            forNumber -> {
              if (!forNumber.allowed()) {
                return Future.succeededFuture(
                    held("number-cap", new Drop("this number had its share of SMS")));
              }
              return limiter
                  .take(hourlyBudget, EVERYONE)
                  .map(
                      budget ->
                          budget.allowed()
                              ? new Send()
                              : held(
                                  "hourly-budget",
                                  new Wait(budget.retryAfter(), "the hourly SMS budget is spent")));
            });
  }

  /** How much of this hour's budget is used, for the operators' console. */
  public Future<Budget> budget() {
    if (hourlyBudget.unlimited()) {
      return Future.succeededFuture(new Budget(0, 0));
    }
    long capacity = hourlyBudget.rates().get(0).count();
    return limiter
        .available(hourlyBudget, EVERYONE)
        .map(available -> new Budget(capacity, capacity - available));
  }

  /** The hourly budget and what of it is used; an alert from 80 %. */
  public record Budget(long perHour, long used) {

    public boolean alert() {
      return perHour > 0 && used * 5 >= perHour * 4;
    }
  }

  private <D extends Decision> D held(String reason, D decision) {
    Counter.builder("tadamon_sms_held_back")
        .description("SMS to shoppers not sent, or not yet, by the SMS allowance")
        .tag("reason", reason)
        .register(registry)
        .increment();
    return decision;
  }
}
