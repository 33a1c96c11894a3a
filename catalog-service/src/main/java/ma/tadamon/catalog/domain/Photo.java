package ma.tadamon.catalog.domain;

import java.util.List;
import java.util.stream.Collectors;
import ma.tadamon.events.catalog.ProductPhoto;

/**
 * A product's photo: its id (a digest of the bytes the cooperative sent, so that sending the same
 * photo again is the same photo), its size once upright, and its renditions, smallest first. A
 * rendition's keys name its bytes (a digest of them): a key never changes what it holds.
 */
public record Photo(String id, int width, int height, List<Rendition> renditions) {

  public static final int MAX_PER_PRODUCT = 8;

  /**
   * One width of a photo, stored under {@code key} in the object storage as JPEG, which every
   * browser and mail program reads, and under {@code webpKey} as WebP, a third smaller, which the
   * browsers here read (absent for photos processed before, or where the encoder is missing).
   */
  public record Rendition(int width, int height, String key, String webpKey) {}

  public Photo {
    renditions = List.copyOf(renditions);
  }

  /** The width closest to {@code wanted} from above, else the largest there is. */
  public Rendition atLeast(int wanted) {
    return renditions.stream()
        .filter(rendition -> rendition.width() >= wanted)
        .findFirst()
        .orElse(renditions.get(renditions.size() - 1));
  }

  /** What other services are told: the photo and its renditions' keys by width. */
  public ProductPhoto state() {
    return new ProductPhoto(
        id,
        width,
        height,
        renditions.stream()
            .collect(
                Collectors.toMap(
                    rendition -> String.valueOf(rendition.width()), Rendition::key, (a, b) -> a)));
  }
}
