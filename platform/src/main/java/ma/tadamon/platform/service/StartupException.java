package ma.tadamon.platform.service;

/** A service cannot start for a reason its operator can fix; the message says which and how. */
public final class StartupException extends RuntimeException {

  public StartupException(String message, Throwable cause) {
    super(message, cause);
  }
}
