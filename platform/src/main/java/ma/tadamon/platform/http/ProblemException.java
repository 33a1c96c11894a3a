package ma.tadamon.platform.http;

import java.util.List;
import java.util.Map;

/**
 * A failure that is the client's to fix (or to know about), carried to the failure handler as a
 * problem.
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

  /** One or more fields are invalid; each error names its field so a form can show it in place. */
  public static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(
        Problem.of(
                422,
                "validation",
                "Some fields are not valid",
                errors.size() == 1
                    ? errors.get(0).message()
                    : errors.size() + " fields are not valid")
            .with(
                "errors",
                errors.stream()
                    .map(error -> Map.of("field", error.field(), "message", error.message()))
                    .toList()));
  }

  public static ProblemException notFound(String what) {
    return new ProblemException(
        Problem.of(404, "not-found", "Not found", what + " does not exist"));
  }

  public static ProblemException conflict(String slug, String title, String detail) {
    return new ProblemException(Problem.of(409, slug, title, detail));
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(Problem.of(403, "forbidden", "Not allowed", detail));
  }

  public static ProblemException unprocessable(String slug, String title, String detail) {
    return new ProblemException(Problem.of(422, slug, title, detail));
  }

  public record FieldError(String field, String message) {}
}
