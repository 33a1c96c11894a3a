package ma.tadamon.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** The catalog's test data: a women's date cooperative of Tafilalet and its Mejhoul dates. */
final class TestCatalogData {

  private TestCatalogData() {}

  static JsonObject registration(String number) {
    return new JsonObject()
        .put(
            "name",
            new JsonObject()
                .put("ar", "تعاونية واحة تافيلالت")
                .put("fr", "Coopérative Oasis Tafilalet")
                .put("en", "Tafilalet Oasis Cooperative"))
        .put(
            "story",
            new JsonObject()
                .put("fr", "Des femmes de Rissani trient les dattes Mejhoul.")
                .put("en", "Women of Rissani sort Mejhoul dates."))
        .put("region", "draa-tafilalet")
        .put("city", new JsonObject().put("ar", "الريصاني").put("fr", "Rissani"))
        .put("phone", "+212661234567")
        .put("email", "oasis@example.org")
        .put("registrationNumber", number)
        .put("foundedYear", 2011)
        .put("members", 24)
        .put("womenLed", true)
        .put("preferredLanguage", "ar")
        .put("notificationChannels", new JsonArray().add("sms"))
        .put(
            "seller",
            new JsonObject()
                .put("ice", "001525367000042")
                .put("returnAddress", "Coopérative Oasis Tafilalet, Ksar Tinrheras, Rissani"));
  }

  static JsonObject product(String coop, UUID id, long price, Integer stock) {
    JsonObject product =
        new JsonObject()
            .put("cooperativeId", coop)
            .put(
                "name",
                new JsonObject()
                    .put("ar", "تمر المجهول")
                    .put("fr", "Dattes Mejhoul")
                    .put("en", "Mejhoul dates"))
            .put(
                "description",
                new JsonObject().put("fr", "Grosses dattes moelleuses de Tafilalet."))
            .put("category", "dates")
            .put("priceCentimes", price)
            .put("unit", "500 g")
            .put("labels", new JsonArray().add("IGP Dattes Mejhoul de Tafilalet"))
            .put("imageUrls", new JsonArray().add("https://images.example.org/mejhoul.jpg"));
    if (id != null) {
      product.put("id", id.toString());
    }
    if (stock != null) {
      product.put("stock", stock);
    }
    return product;
  }
}
