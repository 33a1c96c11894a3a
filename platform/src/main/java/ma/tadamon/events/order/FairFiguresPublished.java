package ma.tadamon.events.order;

import java.time.Instant;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * What an ended fair sold, as the press reports it: online (its tagged orders, pick-ups included)
 * and at the stands, in centimes, and its orders; nobody's data. Sent again whenever the figures
 * change (late stand sales, orders still tagged with the fair), the newest ({@code asOf}) winning,
 * so that the fair's page can show them as it is served.
 */
@EventType("ma.tadamon.order.fair-figures.published.v1")
public record FairFiguresPublished(
    UUID fairId,
    String campaignTag,
    long salesCentimes,
    long onlineSalesCentimes,
    long standSalesCentimes,
    long orders,
    Instant asOf)
    implements IntegrationEvent {

  @Override
  public String subject() {
    return fairId.toString();
  }
}
