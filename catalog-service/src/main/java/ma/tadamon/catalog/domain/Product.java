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
    List<Photo> photos,
    boolean active,
    int stockOnHand,
    int stockReserved,
    Instant createdAt) {

  public int stockAvailable() {
    return Math.max(0, stockOnHand - stockReserved);
  }

  public boolean inStock() {
    return stockAvailable() > 0;
  }

  public Product withStockOnHand(int onHand) {
    return withStock(onHand, stockReserved);
  }

  /** The same product with other stock counters. */
  public Product withStock(int onHand, int reserved) {
    return new Product(
        id,
        cooperativeId,
        name,
        description,
        category,
        priceCentimes,
        unit,
        labels,
        imageUrls,
        photos,
        active,
        onHand,
        reserved,
        createdAt);
  }

  public Product withPhotos(List<Photo> newPhotos) {
    return new Product(
        id,
        cooperativeId,
        name,
        description,
        category,
        priceCentimes,
        unit,
        labels,
        imageUrls,
        List.copyOf(newPhotos),
        active,
        stockOnHand,
        stockReserved,
        createdAt);
  }

  public Product withdrawn() {
    return new Product(
        id,
        cooperativeId,
        name,
        description,
        category,
        priceCentimes,
        unit,
        labels,
        imageUrls,
        photos,
        false,
        stockOnHand,
        stockReserved,
        createdAt);
  }

  /** True when the two differ in what a shopper reads: texts, category, unit, labels or images. */
  public boolean sameDetailsAs(Product other) {
    return name.equals(other.name)
        && description.equals(other.description)
        && category == other.category
        && unit.equals(other.unit)
        && labels.equals(other.labels)
        && imageUrls.equals(other.imageUrls)
        && photos.equals(other.photos);
  }

  public ProductState state() {
    return new ProductState(
        id,
        cooperativeId,
        name,
        category.slug(),
        priceCentimes,
        unit,
        active,
        inStock(),
        photos.stream().map(Photo::state).toList());
  }
}
