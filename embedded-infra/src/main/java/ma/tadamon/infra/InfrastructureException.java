package ma.tadamon.infra;

/**
 * A piece of infrastructure could not be found or started; the message says what to do about it.
 */
public final class InfrastructureException extends RuntimeException {

  public InfrastructureException(String message) {
    super(message);
  }

  public InfrastructureException(String message, Throwable cause) {
    super(message, cause);
  }
}
