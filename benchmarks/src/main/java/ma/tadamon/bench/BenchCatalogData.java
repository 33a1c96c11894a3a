package ma.tadamon.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Products to fill the catalog to benchmark size: the demo cooperatives' kinds of goods in their
 * three languages, with varied prices and stock, numbered so each name is distinct.
 */
final class BenchCatalogData {

  record Kind(
      String category, String fr, String ar, String en, long basePriceCentimes, String unit) {}

  static final List<Kind> KINDS =
      List.of(
          new Kind("argan-oil", "Huile d'argan", "زيت أركان", "Argan oil", 9000, "250 ml"),
          new Kind("amlou", "Amlou aux amandes", "أملو باللوز", "Almond amlou", 6000, "250 g"),
          new Kind("honey", "Miel de thym", "عسل الزعتر", "Thyme honey", 12000, "500 g"),
          new Kind(
              "saffron", "Safran de Taliouine", "زعفران تالوين", "Taliouine saffron", 7000, "1 g"),
          new Kind("dates", "Dattes Mejhoul", "تمر المجهول", "Mejhoul dates", 8000, "1 kg"),
          new Kind(
              "couscous",
              "Couscous d'orge roulé main",
              "كسكس الشعير",
              "Hand-rolled barley couscous",
              3500,
              "1 kg"),
          new Kind("rose-products", "Eau de rose", "ماء الورد", "Rose water", 4500, "250 ml"),
          new Kind(
              "olive-oil",
              "Huile d'olive vierge extra",
              "زيت زيتون بكر ممتاز",
              "Extra virgin olive oil",
              7500,
              "1 l"),
          new Kind(
              "ceramics", "Tajine en terre cuite", "طاجين فخار", "Clay tagine", 15000, "1 pièce"),
          new Kind(
              "carpets",
              "Tapis berbère tissé main",
              "زربية أمازيغية",
              "Hand-woven Berber rug",
              180000,
              "120 x 80 cm"),
          new Kind("textiles", "Couverture en laine", "غطاء صوف", "Wool blanket", 45000, "1 pièce"),
          new Kind(
              "cosmetics",
              "Savon noir à l'argan",
              "صابون بلدي بالأركان",
              "Argan black soap",
              3000,
              "200 g"));

  private BenchCatalogData() {}

  /** The {@code n}-th product for {@code cooperative}: its kind, price and stock vary with n. */
  static JsonObject product(int n, UUID cooperative) {
    Kind kind = KINDS.get(n % KINDS.size());
    long price = kind.basePriceCentimes() + (n * 37L % 50) * 100;
    return new JsonObject()
        .put("cooperativeId", cooperative.toString())
        .put(
            "name",
            new JsonObject()
                .put("fr", kind.fr() + " n° " + n)
                .put("ar", kind.ar() + " " + n)
                .put("en", kind.en() + " no. " + n))
        .put(
            "description",
            new JsonObject()
                .put(
                    "fr",
                    kind.fr()
                        + " de coopérative, récolte "
                        + (2020 + n % 6)
                        + ", préparé à la main.")
                .put("ar", kind.ar() + " من تعاونية، موسم " + (2020 + n % 6) + "، محضر يدويا.")
                .put(
                    "en",
                    kind.en()
                        + " from a cooperative, "
                        + (2020 + n % 6)
                        + " harvest, made by hand."))
        .put("category", kind.category())
        .put("priceCentimes", price)
        .put("unit", kind.unit())
        .put("labels", new JsonArray())
        .put("imageUrls", new JsonArray().add("/images/products/" + kind.category() + ".jpg"))
        .put("stock", n % 17 == 0 ? 0 : 5 + n % 40);
  }
}
