package ma.tadamon.order.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.order.domain.AccessTokens;
import ma.tadamon.order.domain.OrderView;
import ma.tadamon.order.store.OrderQueries;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.ProblemException;

/**
 * Who may act on an order as its buyer: the shopper (with the order's access token, or signed in as
 * the one who placed it) or an operator. Anyone else is told the order does not exist: whether it
 * does is not for strangers to learn.
 */
final class OrderAccess {

  enum Asker {
    SHOPPER,
    OPERATOR
  }

  private final OrderQueries orders;
  private final Pool pool;
  private final AccessTokens tokens;
  private final Authentication authentication;

  OrderAccess(OrderQueries orders, Pool pool, AccessTokens tokens, Authentication authentication) {
    this.orders = orders;
    this.pool = pool;
    this.tokens = tokens;
    this.authentication = authentication;
  }

  Future<Asker> shopperOrOperator(RoutingContext ctx, UUID orderId) {
    String token = ctx.request().getHeader(OrderApi.ORDER_TOKEN);
    Future<Optional<Caller>> caller =
        token != null
            ? Future.succeededFuture(Optional.empty())
            : authentication.optionalCaller(ctx);
    return caller.compose(
        who ->
            orders
                .load(pool, orderId)
                .map(
                    found -> {
                      OrderView order =
                          found.orElseThrow(() -> ProblemException.notFound("This order"));
                      boolean shopper =
                          token != null
                              ? tokens.grants(token, orderId)
                              : who.filter(
                                      c ->
                                          c.is(Role.SHOPPER)
                                              && c.subject().equals(order.shopperSubject()))
                                  .isPresent();
                      if (shopper) {
                        return Asker.SHOPPER;
                      }
                      if (who.filter(c -> c.is(Role.OPERATOR)).isPresent()) {
                        return Asker.OPERATOR;
                      }
                      throw ProblemException.notFound("This order");
                    }));
  }
}
