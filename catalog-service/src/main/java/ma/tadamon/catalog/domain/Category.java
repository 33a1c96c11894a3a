package ma.tadamon.catalog.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a product is, from a fixed list that grows by adding a constant. */
public enum Category {
  ARGAN_OIL("argan-oil"),
  AMLOU("amlou"),
  HONEY("honey"),
  SAFFRON("saffron"),
  DATES("dates"),
  COUSCOUS("couscous"),
  ROSE_PRODUCTS("rose-products"),
  OLIVE_OIL("olive-oil"),
  CACTUS_SEED_OIL("cactus-seed-oil"),
  CERAMICS("ceramics"),
  CARPETS("carpets"),
  LEATHER("leather"),
  BASKETRY("basketry"),
  TEXTILES("textiles"),
  COSMETICS("cosmetics"),
  SPICES("spices"),
  OTHER("other");

  private final String slug;

  Category(String slug) {
    this.slug = slug;
  }

  public String slug() {
    return slug;
  }

  public static Optional<Category> fromSlug(String slug) {
    return Arrays.stream(values()).filter(category -> category.slug.equals(slug)).findFirst();
  }
}
