package ma.tadamon.payment.api;

import java.util.UUID;
import ma.tadamon.platform.http.ProblemException;

/** Ids in paths: one that is not a UUID names nothing, so it is a 404 like any unknown id. */
final class PaymentIds {

  private PaymentIds() {}

  static UUID parse(String value, String what) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw ProblemException.notFound(what);
    }
  }
}
