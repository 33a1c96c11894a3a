package ma.tadamon.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import java.net.SocketException;
import java.util.List;
import java.util.Optional;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.ratelimit.RateLimitExceeded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one failure handler of every service: every error leaves as {@code application/problem+json}.
 * Client mistakes keep their 4xx; a rate limit's refusal is a 429 in the reader's language with
 * {@code Retry-After}; a database restarting or out of reach is a 503 the caller may retry as it is
 * (every write path is idempotent); anything unexpected is logged with its stack trace and answered
 * with a bare 500 that reveals nothing of the server.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
  private static final String RETRY_AFTER_SECONDS = "5";
  private static final String METADATA_KEY = ProblemHandler.class.getName();

  /**
   * Where a service serves pages to browsers as well as its API: the failures of page requests are
   * answered as pages (a 404 page with a way on), not as problem+json.
   */
  public interface PageFailures {
    boolean covers(HttpServerRequest request);

    /** Ends the response with a page for {@code problem}, with the problem's status. */
    void answer(RoutingContext ctx, Problem problem);
  }

  private volatile PageFailures pages;

  /** Installs the handler for failed routes and for requests no route matched. */
  public static void install(Router router) {
    ProblemHandler handler = new ProblemHandler();
    router.putMetadata(METADATA_KEY, handler);
    router.route().failureHandler(handler);
    router.errorHandler(404, handler);
    router.errorHandler(405, handler);
  }

  /** Answers the failures of the requests {@code pages} covers with its pages. */
  public static void answerPagesWith(Router router, PageFailures pages) {
    ProblemHandler handler = router.getMetadata(METADATA_KEY);
    if (handler == null) {
      throw new IllegalStateException("ProblemHandler.install(router) first");
    }
    handler.pages = pages;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Problem problem = inAskedLanguage(toProblem(ctx), ctx);
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    PageFailures pageFailures = pages;
    if (pageFailures != null && pageFailures.covers(ctx.request())) {
      if (problem.status() == 503) {
        ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
      }
      pageFailures.answer(ctx, problem);
      return;
    }
    ctx.response()
        .setStatusCode(problem.status())
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (problem.status() == 503) {
      ctx.response().putHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    if (ctx.failure() instanceof RateLimitExceeded refused) {
      ctx.response()
          .putHeader(HttpHeaders.RETRY_AFTER, String.valueOf(refused.retryAfterSeconds()))
          .putHeader(HttpHeaders.CONTENT_LANGUAGE, ReaderLanguage.of(ctx));
    }
    ctx.response().end(problem.toJson(ctx.request().path()).encode());
  }

  /**
   * A form's field errors in the language the request asked for: a person reads them beside the
   * field. Without a language asked for, the services' English.
   */
  private static Problem inAskedLanguage(Problem problem, RoutingContext ctx) {
    Optional<String> language = ReaderLanguage.asked(ctx);
    if (language.isEmpty()
        || !(problem.extensions().get("errors") instanceof List<?> errors)
        || errors.isEmpty()) {
      return problem;
    }
    ctx.response().putHeader(HttpHeaders.CONTENT_LANGUAGE, language.get());
    return new Problem(
            problem.type(),
            FieldMessages.inLanguage(problem.title(), language.get()),
            problem.status(),
            FieldMessages.inLanguage(problem.detail(), language.get()),
            problem.extensions())
        .with("errors", FieldMessages.inLanguage(errors, language.get()));
  }

  private Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ProblemException problem) {
      return problem.problem();
    }
    if (failure instanceof DomainException refusal) {
      return Problem.from(refusal);
    }
    if (failure instanceof RateLimitExceeded refused) {
      return TooManyRequests.problem(refused, ReaderLanguage.of(ctx));
    }
    if (failure instanceof DecodeException) {
      return Problem.of(400, "malformed-json", "The body is not valid JSON", "Send a JSON object.");
    }
    if (unreachable(failure)) {
      log.warn(
          "{} {}: the database is out of reach ({})",
          ctx.request().method(),
          ctx.request().path(),
          failure.toString());
      return unavailable();
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
      case 503 -> unavailable();
      case 415 ->
          Problem.of(
              415, "unsupported-media-type", "Unsupported media type", "Send application/json.");
      default -> unexpected(ctx, failure);
    };
  }

  /** A passing outage (the database, the identity provider's keys): the caller may retry. */
  private static Problem unavailable() {
    return Problem.of(
        503,
        "unavailable",
        "Temporarily unavailable",
        "Please try again in a few seconds; a repeated request is safe.");
  }

  private static Problem unexpected(RoutingContext ctx, Throwable failure) {
    log.error("{} {} failed", ctx.request().method(), ctx.request().path(), failure);
    return Problem.of(
        500,
        "internal",
        "Something went wrong on our side",
        "The error was logged; please try again shortly.");
  }

  /**
   * A connection refused, reset or lost, or PostgreSQL saying it is shutting down or starting up
   * (SQLSTATE classes 08 and 57P): a passing outage, not a defect. Which of them a caller meets
   * depends on timing (a terminated session answers 57P01, or its socket is reset, or just closed).
   */
  static boolean unreachable(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketException || cause instanceof ClosedConnectionException) {
        return true;
      }
      if (cause instanceof DatabaseException database
          && database.getSqlState() != null
          && (database.getSqlState().startsWith("08")
              || database.getSqlState().startsWith("57P"))) {
        return true;
      }
    }
    return false;
  }

  private static String safeMessage(Throwable failure) {
    return failure == null || failure.getMessage() == null ? null : failure.getMessage();
  }
}
