package ma.tadamon.order.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.order.Invoices;
import ma.tadamon.order.documents.InvoicePdf;
import ma.tadamon.order.domain.AccessTokens;
import ma.tadamon.order.domain.Invoice;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Invoices and credit notes over HTTP: an order's, as JSON and as PDF, for its buyer, operators,
 * and each cooperative for its own part; a cooperative's list for its books.
 */
public final class InvoiceApi {

  private static final int MAX_LISTED = 200;

  private final Invoices invoices;
  private final OrderAccess access;
  private final Authentication authentication;
  private final Vertx vertx;
  private final InvoicePdf pdf = new InvoicePdf();

  public InvoiceApi(
      Vertx vertx,
      Invoices invoices,
      OrderQueries orders,
      Pool pool,
      AccessTokens tokens,
      Authentication authentication) {
    this.vertx = vertx;
    this.invoices = invoices;
    this.access = new OrderAccess(orders, pool, tokens, authentication);
    this.authentication = authentication;
  }

  public void mount(Router router) {
    router.get("/api/orders/:id/invoices").handler(this::ofOrder);
    router.get("/api/orders/:id/invoices/:invoiceId/pdf").handler(this::pdf);
    authentication
        .protect(router.get("/api/cooperatives/:coopId/invoices"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::ofCooperative);
  }

  private void ofOrder(RoutingContext ctx) {
    UUID orderId = QueryParameters.pathId(ctx, "id", "This order");
    visibleOf(ctx, orderId)
        .onSuccess(list -> JsonResponses.send(ctx, 200, json(list)))
        .onFailure(ctx::fail);
  }

  private void pdf(RoutingContext ctx) {
    UUID orderId = QueryParameters.pathId(ctx, "id", "This order");
    UUID invoiceId = QueryParameters.pathId(ctx, "invoiceId", "This invoice");
    visibleOf(ctx, orderId)
        .map(
            list ->
                list.stream()
                    .filter(invoice -> invoice.id().equals(invoiceId))
                    .findFirst()
                    .orElseThrow(() -> ProblemException.notFound("This invoice")))
        .compose(
            invoice ->
                vertx
                    .executeBlocking(() -> pdf.render(invoice), false)
                    .map(bytes -> Map.entry(invoice, bytes)))
        .onSuccess(
            rendered ->
                ctx.response()
                    .putHeader("Content-Type", "application/pdf")
                    .putHeader(
                        "Content-Disposition",
                        "inline; filename=\"" + rendered.getKey().displayNumber() + ".pdf\"")
                    .putHeader("Cache-Control", "private, no-store")
                    .end(Buffer.buffer(rendered.getValue())))
        .onFailure(ctx::fail);
  }

  private void ofCooperative(RoutingContext ctx) {
    UUID cooperative = QueryParameters.pathId(ctx, "coopId", "This cooperative");
    Authentication.caller(ctx).requireOperatorOrCooperative(cooperative);
    QueryParameters params = new QueryParameters(ctx, Set.of("limit"));
    invoices
        .ofCooperative(cooperative, params.intBetween("limit", 1, MAX_LISTED, 50))
        .onSuccess(list -> JsonResponses.send(ctx, 200, json(list)))
        .onFailure(ctx::fail);
  }

  /**
   * An order's documents as its caller may see them: all of them for its buyer and operators, its
   * own for a cooperative, none (the order "does not exist") for anyone else.
   */
  private Future<List<Invoice>> visibleOf(RoutingContext ctx, UUID orderId) {
    boolean bearer = ctx.request().getHeader(OrderApi.ORDER_TOKEN) == null;
    Future<Optional<Caller>> caller =
        bearer ? authentication.optionalCaller(ctx) : Future.succeededFuture(Optional.empty());
    return caller.compose(
        who -> {
          Optional<UUID> cooperative =
              who.filter(c -> c.is(Role.COOPERATIVE)).flatMap(Caller::cooperativeId);
          if (cooperative.isPresent()) {
            return invoices
                .ofOrder(orderId)
                .map(
                    all -> {
                      List<Invoice> own =
                          all.stream()
                              .filter(invoice -> invoice.cooperativeId().equals(cooperative.get()))
                              .toList();
                      if (own.isEmpty()) {
                        throw ProblemException.notFound("This order's invoices");
                      }
                      return own;
                    });
          }
          return access.shopperOrOperator(ctx, orderId).compose(asker -> invoices.ofOrder(orderId));
        });
  }

  static JsonObject json(List<Invoice> list) {
    return new JsonObject()
        .put(
            "items",
            new JsonArray(
                list.stream()
                    .map(
                        invoice ->
                            new JsonObject()
                                .put("id", invoice.id().toString())
                                .put("number", invoice.displayNumber())
                                .put("kind", invoice.kind().name())
                                .put("orderId", invoice.orderId().toString())
                                .put("orderCode", invoice.orderCode())
                                .put("cooperativeId", invoice.cooperativeId().toString())
                                .put("issuedAt", invoice.issuedAt().toString())
                                .put("totalCentimes", invoice.totalCentimes())
                                .put("vatCentimes", invoice.vatCentimes())
                                .put(
                                    "pdf",
                                    "/api/orders/"
                                        + invoice.orderId()
                                        + "/invoices/"
                                        + invoice.id()
                                        + "/pdf"))
                    .toList()));
  }
}
