package ma.tadamon.payment.store;

import java.time.OffsetDateTime;

/** PostgreSQL's {@code 'infinity'} as the client reads it. */
final class Instants {

  private Instants() {}

  /**
   * Whether a timestamp is {@code 'infinity'}: what marks a request sent to the acquirer and
   * waiting for its answer (or for an operator). The client reads it as the largest date it can.
   */
  static boolean isInfinite(OffsetDateTime value) {
    return value == null || value.getYear() > 9999;
  }
}
