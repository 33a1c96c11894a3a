package ma.tadamon.catalog.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import ma.tadamon.platform.domain.FieldError;

/**
 * A product as a cooperative writes it, to create it or to replace its details. On creation the
 * client may choose the id, so that sending the same product again after a lost answer creates
 * nothing new.
 */
public record ProductDraft(
    UUID id,
    UUID cooperativeId,
    Map<String, String> name,
    Map<String, String> description,
    String category,
    Long priceCentimes,
    String unit,
    List<String> labels,
    List<String> imageUrls,
    Boolean active,
    Integer stock) {

  public static final long MAX_PRICE_CENTIMES = 100_000_000L;
  public static final int MAX_STOCK = 1_000_000;
  private static final Set<String> CATEGORIES =
      Arrays.stream(Category.values()).map(Category::slug).collect(Collectors.toSet());

  public List<FieldError> problems() {
    List<FieldError> errors = new ArrayList<>();
    FieldRules rules = new FieldRules(errors);
    rules.localized("name", name, 150);
    rules.localized("description", description, 4000);
    rules.oneOf(
        "category",
        category,
        CATEGORIES,
        "one of " + String.join(", ", CATEGORIES.stream().sorted().toList()));
    rules.between("priceCentimes", priceCentimes, 1, MAX_PRICE_CENTIMES);
    rules.text("unit", unit, 40);
    rules.texts("labels", labels, 8, 80);
    rules.imageUrls("imageUrls", imageUrls, 10);
    if (stock != null) {
      rules.between("stock", stock, 0, MAX_STOCK);
    }
    return errors;
  }

  /** A new product of {@code owner}, on sale unless the draft says otherwise. */
  public Product newProduct(UUID productId, UUID owner, Instant now) {
    return new Product(
        productId,
        owner,
        Map.copyOf(name),
        Map.copyOf(description),
        parsedCategory(),
        priceCentimes,
        unit.trim(),
        listOrEmpty(labels),
        listOrEmpty(imageUrls),
        List.of(),
        active == null || active,
        stock == null ? 0 : stock,
        0,
        now);
  }

  /** The product with these details; its stock and history are not a draft's to change. */
  public Product applyTo(Product product) {
    return new Product(
        product.id(),
        product.cooperativeId(),
        Map.copyOf(name),
        Map.copyOf(description),
        parsedCategory(),
        priceCentimes,
        unit.trim(),
        listOrEmpty(labels),
        listOrEmpty(imageUrls),
        product.photos(),
        active == null ? product.active() : active,
        product.stockOnHand(),
        product.stockReserved(),
        product.createdAt());
  }

  private Category parsedCategory() {
    return Category.fromSlug(category).orElseThrow();
  }

  private static List<String> listOrEmpty(List<String> values) {
    return values == null ? List.of() : values.stream().map(String::trim).toList();
  }
}
