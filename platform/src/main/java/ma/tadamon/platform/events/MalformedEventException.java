package ma.tadamon.platform.events;

/** A record on a topic that cannot be read as the event it claims to be: no retry will fix it. */
public final class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message) {
    super(message);
  }
}
