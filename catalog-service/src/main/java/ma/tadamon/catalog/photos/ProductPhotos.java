package ma.tadamon.catalog.photos;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import ma.tadamon.catalog.ProductManagement;
import ma.tadamon.catalog.domain.Photo;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.platform.auth.Caller;
import ma.tadamon.platform.domain.DomainException;

/**
 * A product's photos: added from the bytes a cooperative sends, ordered (the first is the main
 * photo), removed. Decoding and storing run on a small pool of workers of their own, and only so
 * many photos wait for them: fifty cooperatives uploading at once slow each other, never checkout,
 * whose requests never wait behind a photo.
 */
public final class ProductPhotos {

  /** Too many photos are being processed: try again in a moment. */
  public static final class Busy extends RuntimeException {
    Busy() {
      super("too many photos are being processed", null, false, false);
    }
  }

  private final ProductManagement products;
  private final PhotoObjects objects;
  private final WorkerExecutor workers;
  private final Vertx vertx;
  private final int maxWaiting;
  private final AtomicInteger waiting = new AtomicInteger();
  private final Timer processing;

  /**
   * {@code workers} decode and store uploads; reading a rendition for a shopper, quick and never
   * queued behind an upload, runs on {@code vertx}'s own worker pool.
   */
  public ProductPhotos(
      ProductManagement products,
      PhotoObjects objects,
      WorkerExecutor workers,
      int maxWaiting,
      Vertx vertx,
      MeterRegistry registry) {
    this.products = products;
    this.objects = objects;
    this.workers = workers;
    this.vertx = vertx;
    this.maxWaiting = maxWaiting;
    this.processing =
        Timer.builder("tadamon_photo_processing")
            .description("Decoding, rendering and storing one uploaded photo")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
  }

  /**
   * Adds the photo in {@code sent} as the product's last; the same bytes sent again (a retried
   * upload) are the same photo, added once.
   */
  public Future<Photo> add(UUID productId, Caller caller, byte[] sent) {
    return products
        .forItsCooperative(productId, caller)
        .compose(
            listing -> {
              if (listing.product().photos().size() >= Photo.MAX_PER_PRODUCT) {
                return Future.failedFuture(tooMany());
              }
              return processAndStore(sent);
            })
        .compose(
            photo ->
                products
                    .changePhotos(
                        productId,
                        caller,
                        photos -> {
                          if (photos.stream().anyMatch(p -> p.id().equals(photo.id()))) {
                            return photos;
                          }
                          if (photos.size() >= Photo.MAX_PER_PRODUCT) {
                            throw tooMany();
                          }
                          List<Photo> more = new ArrayList<>(photos);
                          more.add(photo);
                          return more;
                        })
                    .map(photo));
  }

  /** Puts the photos in {@code order} (every photo's id once); the first is the main photo. */
  public Future<ProductListing> reorder(UUID productId, Caller caller, List<String> order) {
    return products.changePhotos(
        productId,
        caller,
        photos -> {
          if (order == null
              || order.size() != photos.size()
              || !new HashSet<>(order)
                  .equals(new HashSet<>(photos.stream().map(Photo::id).toList()))) {
            throw DomainException.invalid("order", "name each of the product's photos once");
          }
          return order.stream()
              .map(id -> photos.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow())
              .toList();
        });
  }

  /**
   * Removes a photo from the product, then its objects from the storage unless another product
   * shows the same photo. A photo already gone is no error: a retried delete.
   */
  public Future<ProductListing> remove(UUID productId, String photoId, Caller caller) {
    List<Photo> removed = new ArrayList<>();
    return products
        .changePhotos(
            productId,
            caller,
            photos -> {
              photos.stream().filter(p -> p.id().equals(photoId)).forEach(removed::add);
              return photos.stream().filter(p -> !p.id().equals(photoId)).toList();
            })
        .compose(
            listing ->
                removed.isEmpty()
                    ? Future.succeededFuture(listing)
                    : products
                        .photoShownElsewhere(photoId)
                        .compose(
                            shown ->
                                shown
                                    ? Future.succeededFuture(listing)
                                    : onWorkers(
                                        () -> {
                                          removed.get(0).renditions().stream()
                                              .flatMap(
                                                  rendition ->
                                                      Stream.of(
                                                          rendition.key(), rendition.webpKey()))
                                              .filter(Objects::nonNull)
                                              .forEach(objects::delete);
                                          return listing;
                                        })));
  }

  /** A rendition's bytes, read from the storage on a worker. */
  public Future<Optional<PhotoObjects.Stored>> object(String key) {
    return vertx.executeBlocking(() -> objects.get(key), false);
  }

  private Future<Photo> processAndStore(byte[] sent) {
    return onWorkers(
        () ->
            processing.recordCallable(
                () -> {
                  PhotoProcessing.Processed processed = PhotoProcessing.process(sent);
                  for (PhotoProcessing.Rendered rendition : processed.renditions()) {
                    objects.put(rendition.key(), rendition.jpeg(), "image/jpeg");
                    if (rendition.webp() != null) {
                      objects.put(rendition.webpKey(), rendition.webp(), "image/webp");
                    }
                  }
                  return processed.photo();
                }));
  }

  /** Work for the photo workers, refused at once when too much is waiting for them. */
  private <T> Future<T> onWorkers(java.util.concurrent.Callable<T> work) {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return Future.failedFuture(new Busy());
    }
    return workers.executeBlocking(work, false).onComplete(done -> waiting.decrementAndGet());
  }

  private static TooManyPhotos tooMany() {
    return new TooManyPhotos();
  }

  /** The product has all the photos it may have. */
  public static final class TooManyPhotos extends RuntimeException {
    TooManyPhotos() {
      super("a product has at most " + Photo.MAX_PER_PRODUCT + " photos", null, false, false);
    }
  }
}
