package ma.tadamon.payment.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import ma.tadamon.payment.Payouts;
import ma.tadamon.payment.store.PayoutStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Payout statements: the operator closes a period and marks statements paid; a cooperative reads
 * its own statements, line by line, in JSON or CSV, and what it has earned since its last one.
 */
public final class PayoutApi {

  private static final int MAX_LISTED = 200;

  private final Payouts payouts;
  private final PayoutStore statements;
  private final Pool pool;
  private final Authentication authentication;

  record ClosePeriod(String periodEnd) {}

  record MarkPaid(String reference) {}

  public PayoutApi(
      Payouts payouts, PayoutStore statements, Pool pool, Authentication authentication) {
    this.payouts = payouts;
    this.statements = statements;
    this.pool = pool;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(router.post("/api/payments/payouts/statements"), Role.OPERATOR)
        .handler(this::close);
    authentication
        .protect(router.get("/api/payments/payouts/statements"), Role.OPERATOR, Role.COOPERATIVE)
        .handler(this::list);
    authentication
        .protect(
            router.get("/api/payments/payouts/statements/:id"), Role.OPERATOR, Role.COOPERATIVE)
        .handler(this::statement);
    authentication
        .protect(router.post("/api/payments/payouts/statements/:id/paid"), Role.OPERATOR)
        .handler(this::markPaid);
    authentication
        .protect(
            router.get("/api/payments/cooperatives/:cooperativeId/earnings"),
            Role.OPERATOR,
            Role.COOPERATIVE)
        .handler(this::earnings);
  }

  private void close(RoutingContext ctx) {
    ClosePeriod request = JsonBodies.read(ctx, ClosePeriod.class, "a period to close");
    Instant periodEnd;
    try {
      periodEnd = Instant.parse(request.periodEnd());
    } catch (DateTimeParseException | NullPointerException e) {
      throw ProblemException.invalid(
          List.of(new FieldError("periodEnd", "an instant such as 2026-11-23T00:00:00Z")));
    }
    payouts
        .closePeriod(periodEnd)
        .onSuccess(
            closed ->
                JsonResponses.send(
                    ctx,
                    200,
                    new JsonObject()
                        .put("periodEnd", periodEnd.toString())
                        .put(
                            "statements",
                            new JsonArray(closed.stream().map(PaymentJson::statement).toList()))))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Caller caller = Authentication.caller(ctx);
    String asked = ctx.request().getParam("cooperative");
    UUID cooperative =
        asked == null
            ? caller.cooperativeId().filter(id -> !caller.is(Role.OPERATOR)).orElse(null)
            : parseCooperative(asked);
    if (!caller.is(Role.OPERATOR)) {
      if (cooperative == null) {
        throw ProblemException.forbidden("A cooperative token names its cooperative.");
      }
      caller.requireOperatorOrManagerOf(cooperative);
    }
    String status = ctx.request().getParam("status");
    if (status != null && !List.of("ISSUED", "PAID").contains(status)) {
      throw ProblemException.badRequest("status is ISSUED or PAID");
    }
    statements
        .list(pool, cooperative, status, MAX_LISTED)
        .onSuccess(found -> JsonResponses.sendItems(ctx, found, PaymentJson::statement))
        .onFailure(ctx::fail);
  }

  private void statement(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This statement");
    String format = ctx.request().getParam("format", "json");
    if (!format.equals("json") && !format.equals("csv")) {
      throw ProblemException.badRequest("format is json or csv");
    }
    Caller caller = Authentication.caller(ctx);
    statements
        .byId(pool, id)
        .map(found -> found.orElseThrow(() -> ProblemException.notFound("This statement")))
        .map(
            statement -> {
              caller.requireOperatorOrManagerOf(statement.cooperativeId());
              return statement;
            })
        .onSuccess(
            statement -> {
              if (format.equals("csv")) {
                ctx.response()
                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                    .putHeader(
                        "Content-Disposition",
                        "attachment; filename=\"statement-" + statement.id() + ".csv\"")
                    .end(PaymentJson.csv(statement));
              } else {
                JsonResponses.send(ctx, 200, PaymentJson.statement(statement));
              }
            })
        .onFailure(ctx::fail);
  }

  private void markPaid(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This statement");
    MarkPaid request = JsonBodies.read(ctx, MarkPaid.class, "the payout's reference");
    payouts
        .markPaid(id, request.reference())
        .onSuccess(statement -> JsonResponses.send(ctx, 200, PaymentJson.statement(statement)))
        .onFailure(ctx::fail);
  }

  /** Every sale and refund since the cooperative's last statement: where each dirham is going. */
  private void earnings(RoutingContext ctx) {
    UUID cooperative = QueryParameters.pathId(ctx, "cooperativeId", "This cooperative");
    Authentication.caller(ctx).requireOperatorOrManagerOf(cooperative);
    statements
        .openLines(pool, cooperative, Instant.now())
        .onSuccess(
            open ->
                JsonResponses.send(
                    ctx,
                    200,
                    new JsonObject()
                        .put("cooperativeId", cooperative.toString())
                        .put(
                            "netCentimes",
                            open.lines().stream().mapToLong(line -> line.netCentimes()).sum())
                        .put("currency", "MAD")
                        .put("lines", PaymentJson.lines(open.lines()))))
        .onFailure(ctx::fail);
  }

  private static UUID parseCooperative(String value) {
    return QueryParameters.parseId(value)
        .orElseThrow(
            () -> ProblemException.badRequest("cooperative is a cooperative's id (a UUID)"));
  }
}
