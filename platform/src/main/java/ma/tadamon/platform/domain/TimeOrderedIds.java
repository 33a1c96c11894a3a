package ma.tadamon.platform.domain;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

/**
 * Identifiers that sort by the time they were made (UUID version 7, RFC 9562): the millisecond in
 * the first 48 bits, then 74 random bits. Rows written under such keys go to the end of their
 * B-tree indexes, as a sequence's would: a random UUID (version 4) puts each insert on a leaf page
 * of its own anywhere in the index, so that every order touches as many pages as it has keyed rows,
 * each page dirtied again and, after a checkpoint, written whole to the WAL. For the ids the
 * platform writes most often: events, orders, their payments and notifications.
 */
public final class TimeOrderedIds {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long VERSION_7 = 0x7000L;
  private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

  private TimeOrderedIds() {}

  /** A new id of this millisecond. */
  public static UUID next() {
    return at(System.currentTimeMillis());
  }

  /** A new id of {@code instant}'s millisecond. */
  public static UUID at(Instant instant) {
    return at(instant.toEpochMilli());
  }

  private static UUID at(long epochMillis) {
    if (epochMillis < 0 || epochMillis >>> 48 != 0) {
      throw new IllegalArgumentException("a UUIDv7 holds 48 bits of milliseconds since 1970");
    }
    long mostSignificant = epochMillis << 16 | VERSION_7 | RANDOM.nextInt(1 << 12);
    long leastSignificant = RANDOM.nextLong() >>> 2 | VARIANT_RFC;
    return new UUID(mostSignificant, leastSignificant);
  }
}
