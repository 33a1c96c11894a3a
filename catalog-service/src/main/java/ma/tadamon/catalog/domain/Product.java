package ma.tadamon.catalog.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.catalog.ProductState;

/** A product of one cooperative, with its price in centimes of MAD and its stock. */
public record Product(
    UUID id,
    UUID cooperativeId,
    Map<String, String> name,
    Map<String, String> description,
    Category category,
    long priceCentimes,
    String unit,
    List<String> labels,
    List<String> imageUrls,
    boolean active,
    int stockOnHand,
    int stockReserved,
    Instant createdAt) {

  public int stockAvailable() {
    return Math.max(0, stockOnHand - stockReserved);
  }

  public ProductState state() {
    return new ProductState(id, cooperativeId, name, category.slug(), priceCentimes, unit, active);
  }
}
