package ma.tadamon.payment.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.UUID;
import ma.tadamon.payment.CardHolds;
import ma.tadamon.payment.store.CardSettlementStore.Settlement;
import ma.tadamon.payment.store.CardSettlementStore.Status;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Operators and the settlements of held card payments (PAYMENT_CARD_CAPTURE=on-delivery): those
 * waiting, refused or done; and, for one whose answer was lost, what its check in the acquirer's
 * back office found: done there (with its reference), or to be sent again.
 */
public final class CardHoldApi {

  private static final int MAX_LISTED = 200;

  private final CardHolds holds;
  private final Pool pool;
  private final Authentication authentication;

  public CardHoldApi(CardHolds holds, Pool pool, Authentication authentication) {
    this.holds = holds;
    this.pool = pool;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(router.get("/api/payments/settlements"), Role.OPERATOR)
        .handler(this::list);
    authentication
        .protect(router.post("/api/payments/:paymentId/settlement/done-at-acquirer"), Role.OPERATOR)
        .handler(this::doneAtAcquirer);
    authentication
        .protect(router.post("/api/payments/:paymentId/settlement/send-again"), Role.OPERATOR)
        .handler(this::sendAgain);
  }

  private void list(RoutingContext ctx) {
    Status status = QueryParameters.oneOf(ctx, "status", Status.class, Status.REQUESTED);
    holds
        .list(pool, status, MAX_LISTED)
        .onSuccess(found -> JsonResponses.sendItems(ctx, found, CardHoldApi::json))
        .onFailure(ctx::fail);
  }

  private void doneAtAcquirer(RoutingContext ctx) {
    UUID paymentId = QueryParameters.pathId(ctx, "paymentId", "This payment");
    holds
        .doneAtAcquirer(
            pool,
            paymentId,
            RefundApi.reference(ctx, "the acquirer's reference for this capture or release"))
        .onSuccess(settlement -> JsonResponses.send(ctx, 200, json(settlement)))
        .onFailure(ctx::fail);
  }

  private void sendAgain(RoutingContext ctx) {
    UUID paymentId = QueryParameters.pathId(ctx, "paymentId", "This payment");
    holds
        .sendAgain(pool, paymentId, Authentication.caller(ctx).subject())
        .onSuccess(settlement -> JsonResponses.send(ctx, 200, json(settlement)))
        .onFailure(ctx::fail);
  }

  private static JsonObject json(Settlement settlement) {
    return new JsonObject()
        .put("paymentId", settlement.paymentId().toString())
        .put("kind", settlement.kind().name())
        .put("amountCentimes", settlement.amountCentimes())
        .put("status", settlement.status().name())
        .put("providerReference", settlement.providerReference())
        .put("attempts", settlement.attempts())
        .put("lastError", settlement.lastError())
        .put("awaitingOperator", settlement.awaitingOperator())
        .put("createdAt", settlement.createdAt().toString())
        .put(
            "completedAt",
            settlement.completedAt() == null ? null : settlement.completedAt().toString());
  }
}
