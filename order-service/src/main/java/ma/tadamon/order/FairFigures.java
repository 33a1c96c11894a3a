package ma.tadamon.order;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.order.FairFiguresPublished;
import ma.tadamon.order.domain.CatalogFair;
import ma.tadamon.order.store.CampaignFigures;
import ma.tadamon.platform.db.Transactions;
import ma.tadamon.platform.events.Topics;
import ma.tadamon.platform.outbox.Outbox;

/**
 * Announces what each fair sold once it has ended, for its public page: online and at the stands,
 * and its orders. A round looks at the fairs ended in the last {@link #DAYS_AFTER} days (the
 * figures still move: late stand sales, orders still coming from the fair's posters) and announces
 * a fair's figures again only when they changed, with the record of what was announced in the same
 * transaction.
 */
public final class FairFigures {

  /** A fair's page is looked up for a month after it ends, as catalog-service lists it. */
  static final int DAYS_AFTER = 30;

  private static final String ENDED =
      "SELECT id, campaign_tag FROM catalog_fairs WHERE ends_on < $1 AND ends_on >= $2";
  private static final String LAST =
      "SELECT figures FROM published_fair_figures WHERE fair_id = $1";
  private static final String RECORD =
      """
      INSERT INTO published_fair_figures (fair_id, figures) VALUES ($1, $2)
      ON CONFLICT (fair_id) DO UPDATE SET figures = EXCLUDED.figures, published_at = now()
      """;

  private final Pool pool;
  private final CampaignFigures figures;
  private final Outbox outbox;
  private final Clock clock;

  public FairFigures(Pool pool, CampaignFigures figures, Outbox outbox, Clock clock) {
    this.pool = pool;
    this.figures = figures;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** One round; answers how many fairs' figures were announced. */
  public Future<Integer> publishChanged() {
    LocalDate today = LocalDate.now(clock.withZone(CatalogFair.ZONE));
    return pool.preparedQuery(ENDED)
        .execute(Tuple.of(today, today.minusDays(DAYS_AFTER)))
        .compose(
            rows -> {
              List<Row> ended = new ArrayList<>();
              rows.forEach(ended::add);
              Future<Integer> published = Future.succeededFuture(0);
              for (Row fair : ended) {
                published =
                    published.compose(
                        count ->
                            publishIfChanged(fair.getUUID("id"), fair.getString("campaign_tag"))
                                .map(announced -> announced ? count + 1 : count));
              }
              return published;
            });
  }

  private Future<Boolean> publishIfChanged(UUID fairId, String tag) {
    return figures
        .of(pool, tag, Optional.empty())
        .compose(
            sold -> {
              CampaignFigures.Totals totals = sold.totals();
              JsonObject now =
                  new JsonObject()
                      .put("onlineSalesCentimes", totals.salesCentimes())
                      .put("standSalesCentimes", totals.standSalesCentimes())
                      .put("orders", totals.orders());
              return Transactions.run(
                  pool,
                  tx ->
                      tx.preparedQuery(LAST + " FOR UPDATE")
                          .execute(Tuple.of(fairId))
                          .compose(
                              last -> {
                                if (last.size() > 0
                                    && now.equals(
                                        last.iterator().next().getJsonObject("figures"))) {
                                  return Future.succeededFuture(false);
                                }
                                return tx.preparedQuery(RECORD)
                                    .execute(Tuple.of(fairId, now))
                                    .compose(
                                        v ->
                                            outbox.append(
                                                tx,
                                                Topics.ORDER_EVENTS,
                                                new FairFiguresPublished(
                                                    fairId,
                                                    tag,
                                                    totals.salesCentimes()
                                                        + totals.standSalesCentimes(),
                                                    totals.salesCentimes(),
                                                    totals.standSalesCentimes(),
                                                    totals.orders(),
                                                    clock.instant())))
                                    .map(true);
                              }));
            });
  }
}
