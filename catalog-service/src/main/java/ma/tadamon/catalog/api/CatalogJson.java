package ma.tadamon.catalog.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;

/**
 * The catalog's JSON shapes. Localized fields are maps by language; {@code lang} adds a ready-to-show
 * text chosen with a fallback (asked language, then French, English, Arabic).
 */
final class CatalogJson {

  static final List<String> LANGUAGES = List.of("ar", "fr", "en", "zgh");
  private static final List<String> FALLBACK = List.of("fr", "en", "ar");

  private CatalogJson() {
  }

  static JsonObject productSummary(ProductListing listing, String lang) {
    Product product = listing.product();
    return new JsonObject()
        .put("id", product.id().toString())
        .put("cooperativeId", product.cooperativeId().toString())
        .put("cooperativeName", texts(listing.cooperativeName()))
        .put("name", texts(product.name()))
        .put("displayName", pick(product.name(), lang))
        .put("priceCentimes", product.priceCentimes())
        .put("currency", "MAD")
        .put("unit", product.unit())
        .put("category", product.category().slug())
        .put("region", listing.region().slug())
        .put("womenLed", listing.womenLed())
        .put("labels", new JsonArray(product.labels()))
        .put("imageUrls", new JsonArray(product.imageUrls()))
        .put("available", product.active() && listing.cooperativeVerified() && product.stockAvailable() > 0);
  }

  static JsonObject productDetail(ProductListing listing, String lang) {
    Product product = listing.product();
    return productSummary(listing, lang)
        .put("description", texts(product.description()))
        .put("displayDescription", pick(product.description(), lang))
        .put("stockAvailable", product.stockAvailable())
        .put("active", product.active());
  }

  static JsonObject cooperative(Cooperative coop, String lang) {
    return new JsonObject()
        .put("id", coop.id().toString())
        .put("slug", coop.slug())
        .put("name", texts(coop.name()))
        .put("displayName", pick(coop.name(), lang))
        .put("story", texts(coop.story()))
        .put("displayStory", pick(coop.story(), lang))
        .put("region", coop.region().slug())
        .put("city", coop.city())
        .put("foundedYear", coop.foundedYear())
        .put("members", coop.members())
        .put("womenLed", coop.womenLed())
        .put("verified", coop.verified());
  }

  private static JsonObject texts(Map<String, String> texts) {
    return new JsonObject(Map.copyOf(texts));
  }

  static String pick(Map<String, String> texts, String lang) {
    if (lang != null && texts.containsKey(lang)) {
      return texts.get(lang);
    }
    return FALLBACK.stream().filter(texts::containsKey).map(texts::get).findFirst()
        .orElse(texts.values().stream().findFirst().orElse(""));
  }
}
