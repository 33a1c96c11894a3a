package ma.tadamon.platform.db;

import io.vertx.pgclient.PgException;

/** What a PostgreSQL error means to the code that caused it. */
public final class PgErrors {

  private static final String UNIQUE_VIOLATION = "23505";

  private PgErrors() {}

  /** A row whose key another row already has: e.g. a retry that lost the race to its twin. */
  public static boolean uniqueViolation(Throwable error) {
    return error instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  /** The same, on the unique constraint or index called {@code constraint} only. */
  public static boolean uniqueViolation(Throwable error, String constraint) {
    return uniqueViolation(error) && constraint.equals(((PgException) error).getConstraint());
  }
}
