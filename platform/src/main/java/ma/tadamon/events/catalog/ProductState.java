package ma.tadamon.events.catalog;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What other services may know of a product: event-carried state, complete in every event. {@code
 * inStock} is whether any of it was free to order when the event was written; {@code photos}, main
 * photo first, is absent (null) in events written before products had photos.
 */
public record ProductState(
    UUID id,
    UUID cooperativeId,
    Map<String, String> name,
    String category,
    long priceCentimes,
    String unit,
    boolean active,
    boolean inStock,
    List<ProductPhoto> photos) {

  /** The photos, main first; none in an event written before products had photos. */
  @Override
  public List<ProductPhoto> photos() {
    return photos == null ? List.of() : photos;
  }
}
