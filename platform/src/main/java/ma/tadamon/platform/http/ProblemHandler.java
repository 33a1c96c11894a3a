package ma.tadamon.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import ma.tadamon.platform.domain.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler of every service: every error leaves as {@code application/problem+json}.
 * Client mistakes keep their 4xx; anything unexpected is logged with its stack trace and answered
 * with a bare 500 that reveals nothing of the server.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  /** Installs the handler for failed routes and for requests no route matched. */
  public static void install(Router router) {
    ProblemHandler handler = new ProblemHandler();
    router.route().failureHandler(handler);
    router.errorHandler(404, handler);
    router.errorHandler(405, handler);
  }

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = toProblem(ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(problem.toJson(ctx.request().path()).encode());
  }

  private Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException problem) {
      return problem.problem();
    }
    if (failure instanceof DomainException refusal) {
      return Problem.from(refusal);
    }
    if (failure instanceof DecodeException) {
      return Problem.of(400, "malformed-json", "The body is not valid JSON", "Send a JSON object.");
    }
    int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
    return switch (status) {
      case 400 -> Problem.of(400, "bad-request", "The request is malformed", safeMessage(failure));
      case 401 ->
          Problem.of(
              401,
              "unauthorized",
              "Authentication required",
              "Send a valid bearer token in the Authorization header.");
      case 403 -> Problem.of(403, "forbidden", "Not allowed", "Your role does not allow this.");
      case 404 ->
          Problem.of(404, "not-found", "Not found", "No resource at " + ctx.request().path());
      case 405 ->
          Problem.of(
              405,
              "method-not-allowed",
              "Method not allowed",
              ctx.request().method() + " is not supported here.");
      case 413 -> Problem.of(413, "too-large", "The request body is too large", null);
      case 415 ->
          Problem.of(
              415, "unsupported-media-type", "Unsupported media type", "Send application/json.");
      default -> unexpected(ctx, failure);
    };
  }

  private static Problem unexpected(RoutingContext ctx, Throwable failure) {
    log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    return Problem.of(
        500,
        "internal",
        "Something went wrong on our side",
        "The error was logged; please try again shortly.");
  }

  private static String safeMessage(Throwable failure) {
    return failure == null || failure.getMessage() == null ? null : failure.getMessage();
  }
}
