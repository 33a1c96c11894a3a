package ma.tadamon.catalog.store;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import ma.tadamon.catalog.domain.Photo;

/** A product's photos as its {@code photos} column keeps them: a JSON array, main photo first. */
final class PhotoColumn {

  private PhotoColumn() {}

  static JsonArray write(List<Photo> photos) {
    JsonArray column = new JsonArray();
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
                          .put("key", rendition.key())
                          .put("webp", rendition.webpKey())));
      column.add(
          new JsonObject()
              .put("id", photo.id())
              .put("width", photo.width())
              .put("height", photo.height())
              .put("renditions", renditions));
    }
    return column;
  }

  static List<Photo> read(JsonArray column) {
    if (column == null) {
      return List.of();
    }
    return column.stream()
        .map(JsonObject.class::cast)
        .map(
            photo ->
                new Photo(
                    photo.getString("id"),
                    photo.getInteger("width"),
                    photo.getInteger("height"),
                    photo.getJsonArray("renditions").stream()
                        .map(JsonObject.class::cast)
                        .map(
                            rendition ->
                                new Photo.Rendition(
                                    rendition.getInteger("width"),
                                    rendition.getInteger("height"),
                                    rendition.getString("key"),
                                    rendition.getString("webp")))
                        .toList()))
        .toList();
  }
}
