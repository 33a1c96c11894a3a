package ma.tadamon.platform.http;

import java.util.List;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;

/**
 * A failure of the HTTP exchange itself (a malformed request, a missing header, a route the
 * caller's role may not use), carried to the failure handler as a problem. Refusals decided by the
 * domain are {@link DomainException}s, which the same handler translates.
 */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(
        problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()),
        null,
        false,
        false);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(Problem.of(400, "bad-request", "The request is malformed", detail));
  }

  /** Request parameters or headers that break a rule: answered like the domain's own validation. */
  public static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(Problem.from(DomainException.invalid(errors)));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(Problem.from(DomainException.notFound(what)));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.from(DomainException.forbidden(detail)));
  }
}
