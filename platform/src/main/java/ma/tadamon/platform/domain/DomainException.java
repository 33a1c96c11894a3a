package ma.tadamon.platform.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule of the domain refused what was asked. It says what kind of refusal it is and why, in the
 * domain's words; the HTTP edge alone turns it into a problem response, and a Kafka consumer
 * decides what a refusal means for the event it handles.
 */
public final class DomainException extends RuntimeException {

  /** What kind of refusal: each has one answer at the HTTP edge. */
  public enum Kind {
    /** Some fields break the rules; {@link #errors()} names them. */
    INVALID,
    /** The thing acted on does not exist (or is not the caller's to see). */
    NOT_FOUND,
    /** The thing exists but its state does not allow this now. */
    CONFLICT,
    /** The caller may not do this to this thing. */
    FORBIDDEN,
    /** Well-formed, but a business rule refuses it. */
    REFUSED,
    /**
     * The input cannot be read at all (a message from outside that is not what it claims to be).
     */
    MALFORMED
  }

  private final Kind kind;
  private final String code;
  private final String title;
  private final String detail;
  private final transient List<FieldError> errors;
  private final transient Map<String, Object> facts;

  private DomainException(
      Kind kind,
      String code,
      String title,
      String detail,
      List<FieldError> errors,
      Map<String, Object> facts) {
    super(title + (detail == null ? "" : ": " + detail), null, false, false);
    this.kind = kind;
    this.code = code;
    this.title = title;
    this.detail = detail;
    this.errors = List.copyOf(errors);
    this.facts = Map.copyOf(facts);
  }

  public static DomainException invalid(List<FieldError> errors) {
    String detail =
        errors.size() == 1 ? errors.get(0).message() : errors.size() + " fields are not valid";
    return new DomainException(
        Kind.INVALID, "validation", "Some fields are not valid", detail, errors, Map.of());
  }

  public static DomainException invalid(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  /** Throws when {@code errors} is not empty. */
  public static void requireValid(List<FieldError> errors) {
    if (!errors.isEmpty()) {
      throw invalid(errors);
    }
  }

  /** {@code what} names the missing thing as a sentence's subject: "This order". */
  public static DomainException notFound(String what) {
    return new DomainException(
        Kind.NOT_FOUND, "not-found", "Not found", what + " does not exist", List.of(), Map.of());
  }

  public static DomainException notFound(String code, String title, String detail) {
    return new DomainException(Kind.NOT_FOUND, code, title, detail, List.of(), Map.of());
  }

  public static DomainException conflict(String code, String title, String detail) {
    return new DomainException(Kind.CONFLICT, code, title, detail, List.of(), Map.of());
  }

  public static DomainException forbidden(String detail) {
    return new DomainException(
        Kind.FORBIDDEN, "forbidden", "Not allowed", detail, List.of(), Map.of());
  }

  public static DomainException of(Kind kind, String code, String title, String detail) {
    return new DomainException(kind, code, title, detail, List.of(), Map.of());
  }

  public static DomainException refused(String code, String title, String detail) {
    return new DomainException(Kind.REFUSED, code, title, detail, List.of(), Map.of());
  }

  /** The same refusal with one more fact a client can act on (the state found, an amount…). */
  public DomainException with(String name, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(facts);
    more.put(name, value);
    return new DomainException(kind, code, title, detail, errors, more);
  }

  public Kind kind() {
    return kind;
  }

  /** A stable, hyphenated name of this refusal, for clients to branch on. */
  public String code() {
    return code;
  }

  public String title() {
    return title;
  }

  /** The explanation for a person, or null. */
  public String detail() {
    return detail;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Map<String, Object> facts() {
    return facts;
  }
}
