package ma.tadamon.events.catalog;

import java.util.Map;
import java.util.UUID;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * catalog-service's answer to a stand sale reported by SMS ({@code commandId}), for the phone that
 * wrote: recorded (the product's name, how many, what is left on sale online), or refused: {@code
 * refusal} is {@code no-fair-today}, {@code unknown-product} or {@code stock-short} (fewer are left
 * on sale than reported: {@code stockAvailable} says how many).
 */
@EventType("ma.tadamon.catalog.stand-sale.answered.v1")
public record StandSaleAnswered(
    UUID commandId,
    UUID cooperativeId,
    int productNumber,
    int quantity,
    Map<String, String> productName,
    int stockAvailable,
    String refusal)
    implements IntegrationEvent {

  public boolean recorded() {
    return refusal == null;
  }

  @Override
  public String subject() {
    return cooperativeId.toString();
  }
}
