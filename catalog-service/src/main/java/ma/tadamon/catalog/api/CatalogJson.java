package ma.tadamon.catalog.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Languages;
import ma.tadamon.catalog.domain.Photo;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductPage;
import ma.tadamon.catalog.pages.PageAddresses;

/**
 * The catalog's JSON shapes. Localized fields are maps by language; {@code lang} adds a
 * ready-to-show text chosen with a fallback. Public shapes carry nothing private: a cooperative's
 * phone, e-mail and stock counts appear only in the views for the cooperative itself and operators.
 */
final class CatalogJson {

  private CatalogJson() {}

  static JsonObject productSummary(ProductListing listing, String lang) {
    Product product = listing.product();
    return new JsonObject()
        .put("id", product.id().toString())
        .put("cooperativeId", product.cooperativeId().toString())
        .put("cooperativeName", texts(listing.cooperativeName()))
        .put("name", texts(product.name()))
        .put("displayName", Languages.pick(product.name(), lang))
        .put("page", PageAddresses.product(lang, product))
        .put("priceCentimes", product.priceCentimes())
        .put("currency", "MAD")
        .put("unit", product.unit())
        .put("category", product.category().slug())
        .put("region", listing.region().slug())
        .put("womenLed", listing.womenLed())
        .put("labels", new JsonArray(product.labels()))
        .put("imageUrls", new JsonArray(product.imageUrls()))
        .put("photos", photos(product.photos()))
        .put("available", listing.sellable() && product.inStock());
  }

  /**
   * A product's photos, main first, each with its renditions' addresses under the web app's origin,
   * smallest first: what a page needs for {@code srcset}, {@code width} and {@code height}.
   */
  static JsonArray photos(List<Photo> photos) {
    JsonArray json = new JsonArray();
    for (Photo photo : photos) {
      JsonArray renditions = new JsonArray();
      photo
          .renditions()
          .forEach(
              rendition ->
                  renditions.add(
                      new JsonObject()
                          .put("width", rendition.width())
                          .put("height", rendition.height())
                          .put("url", PhotoApi.PATH + rendition.key())
                          .put(
                              "webpUrl",
                              rendition.webpKey() == null
                                  ? null
                                  : PhotoApi.PATH + rendition.webpKey())));
      json.add(
          new JsonObject()
              .put("id", photo.id())
              .put("width", photo.width())
              .put("height", photo.height())
              .put("renditions", renditions));
    }
    return json;
  }

  static JsonObject productDetail(ProductListing listing, String lang) {
    Product product = listing.product();
    return productSummary(listing, lang)
        .put("description", texts(product.description()))
        .put("displayDescription", Languages.pick(product.description(), lang))
        .put("stockAvailable", product.stockAvailable())
        .put("active", product.active())
        .put("cooperativeVerified", listing.cooperativeVerified());
  }

  /** What the owning cooperative and operators see: the shelf and what orders hold of it. */
  static JsonObject productForOwner(ProductListing listing, String lang) {
    return productDetail(listing, lang)
        .put("stockOnHand", listing.product().stockOnHand())
        .put("stockReserved", listing.product().stockReserved())
        .put("createdAt", listing.product().createdAt().toString());
  }

  static JsonObject facets(ProductPage.Facets facets) {
    JsonArray regions = new JsonArray();
    facets
        .regions()
        .forEach(
            (region, count) ->
                regions.add(new JsonObject().put("value", region.slug()).put("count", count)));
    JsonArray categories = new JsonArray();
    facets
        .categories()
        .forEach(
            (category, count) ->
                categories.add(new JsonObject().put("value", category.slug()).put("count", count)));
    return new JsonObject().put("region", regions).put("category", categories);
  }

  static JsonObject cooperative(Cooperative coop, String lang) {
    return new JsonObject()
        .put("id", coop.id().toString())
        .put("slug", coop.slug())
        .put("name", texts(coop.name()))
        .put("displayName", Languages.pick(coop.name(), lang))
        .put("page", PageAddresses.cooperative(lang, coop))
        .put("story", texts(coop.story()))
        .put("displayStory", Languages.pick(coop.story(), lang))
        .put("region", coop.region().slug())
        .put("city", texts(coop.city()))
        .put("displayCity", Languages.pick(coop.city(), lang))
        .put("foundedYear", coop.foundedYear())
        .put("members", coop.members())
        .put("womenLed", coop.womenLed())
        .put("verified", coop.verified())
        .put("seller", seller(coop));
  }

  /** Who sells, as the law asks it shown before an order: public. */
  static JsonObject seller(Cooperative coop) {
    return new JsonObject()
        .put("registrationNumber", coop.registrationNumber())
        .put("ice", coop.seller().ice())
        .put("taxId", coop.seller().taxId())
        .put("returnAddress", coop.seller().returnAddress());
  }

  static JsonObject cooperativeForOwner(Cooperative coop, String lang) {
    return cooperative(coop, lang)
        .put("phone", coop.phone())
        .put("email", coop.email())
        .put("registrationNumber", coop.registrationNumber())
        .put("preferredLanguage", coop.preferredLanguage())
        .put("notificationChannels", new JsonArray(coop.notificationChannels()))
        .put("missingToSell", new JsonArray(coop.seller().missingToSell()));
  }

  private static JsonObject texts(Map<String, String> texts) {
    return new JsonObject(Map.copyOf(texts));
  }
}
