package ma.tadamon.catalog.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import ma.tadamon.catalog.photos.PhotoObjects;
import ma.tadamon.catalog.photos.PhotoProcessing;
import ma.tadamon.catalog.photos.ProductPhotos;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.ETags;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;
import ma.tadamon.platform.http.ReaderLanguage;
import ma.tadamon.platform.service.Foundation;

/**
 * Products' photos over HTTP: a cooperative (or an operator) posts a photo's bytes, orders the
 * photos, deletes one; anyone reads a rendition, under the web app's origin, cached for a year.
 */
public final class PhotoApi {

  /** Where renditions are served: their key ("photos/…") follows. */
  public static final String PATH = "/api/catalog/";

  /** The upload route may carry a whole photo; every other request keeps the default limit. */
  public static final Foundation.BodyLimit UPLOADS =
      new Foundation.BodyLimit(
          Pattern.compile("/api/catalog/products/[^/]+/photos"), PhotoProcessing.MAX_BYTES);

  private static final Pattern KEY = Pattern.compile("photos/[0-9a-f]{64}\\.(jpg|webp)");

  private final ProductPhotos photos;
  private final Authentication authentication;

  public PhotoApi(ProductPhotos photos, Authentication authentication) {
    this.photos = photos;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(router.post("/api/catalog/products/:id/photos"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::add);
    authentication
        .protect(router.put("/api/catalog/products/:id/photos"), Role.COOPERATIVE, Role.OPERATOR)
        .handler(this::reorder);
    authentication
        .protect(
            router.delete("/api/catalog/products/:id/photos/:photo"),
            Role.COOPERATIVE,
            Role.OPERATOR)
        .handler(this::remove);
    router.get("/api/catalog/photos/:file").handler(this::rendition);
  }

  private void add(RoutingContext ctx) {
    UUID product = QueryParameters.pathId(ctx, "id", "This product");
    byte[] sent = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (sent.length == 0) {
      throw new ProblemException(
          Problem.of(
              400, "no-photo", "No photo was sent", "Send the photo's bytes as the request body."));
    }
    photos
        .add(product, Authentication.caller(ctx), sent)
        .onSuccess(
            photo ->
                JsonResponses.send(ctx, 201, CatalogJson.photos(List.of(photo)).getJsonObject(0)))
        .onFailure(failure -> ctx.fail(translated(failure, ReaderLanguage.of(ctx))));
  }

  private void reorder(RoutingContext ctx) {
    UUID product = QueryParameters.pathId(ctx, "id", "This product");
    JsonArray order = ctx.body().asJsonArray();
    photos
        .reorder(
            product,
            Authentication.caller(ctx),
            order == null ? null : order.stream().map(String::valueOf).toList())
        .onSuccess(
            listing ->
                JsonResponses.send(
                    ctx,
                    200,
                    new JsonObject().put("photos", CatalogJson.photos(listing.product().photos()))))
        .onFailure(ctx::fail);
  }

  private void remove(RoutingContext ctx) {
    UUID product = QueryParameters.pathId(ctx, "id", "This product");
    photos
        .remove(product, ctx.pathParam("photo"), Authentication.caller(ctx))
        .onSuccess(listing -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** A rendition: its key names its bytes, so it is cached for a year and its ETag is its key. */
  private void rendition(RoutingContext ctx) {
    String key = "photos/" + ctx.pathParam("file");
    if (!KEY.matcher(key).matches()) {
      throw ProblemException.notFound("This photo");
    }
    String etag = '"' + key.substring(7, 71) + '"';
    if (ETags.matches(ctx, etag)) {
      ctx.response().setStatusCode(304).putHeader(HttpHeaders.ETAG, etag).end();
      return;
    }
    photos
        .object(key)
        .onSuccess(
            found -> {
              if (found.isEmpty()) {
                ctx.fail(ProblemException.notFound("This photo"));
                return;
              }
              ctx.response()
                  .putHeader(
                      HttpHeaders.CONTENT_TYPE, key.endsWith(".webp") ? "image/webp" : "image/jpeg")
                  .putHeader(HttpHeaders.CACHE_CONTROL, PhotoObjects.IMMUTABLE)
                  .putHeader(HttpHeaders.ETAG, etag)
                  .end(io.vertx.core.buffer.Buffer.buffer(found.get().bytes()));
            })
        .onFailure(ctx::fail);
  }

  /**
   * A photo refused for what it is gets a 4xx that says why, in the words of the cooperative who
   * sent it; too much work waiting, a 503 to send it again.
   */
  private static Throwable translated(Throwable failure, String language) {
    if (failure instanceof PhotoProcessing.Refused refused) {
      int status =
          switch (refused.reason()) {
            case TOO_LARGE -> 413;
            case NOT_A_PHOTO, ANIMATED -> 415;
            case TOO_MANY_PIXELS, UNREADABLE -> 422;
          };
      String slug = "photo-" + refused.reason().name().toLowerCase(Locale.ROOT).replace('_', '-');
      return new ProblemException(
          Problem.of(
              status,
              slug,
              REFUSED_TITLE.get(language),
              REFUSED_DETAIL.get(refused.reason()).get(language)));
    }
    if (failure instanceof ProductPhotos.TooManyPhotos) {
      return new ProblemException(
          Problem.of(422, "too-many-photos", FULL_TITLE.get(language), FULL_DETAIL.get(language)));
    }
    if (failure instanceof ProductPhotos.Busy) {
      return new ProblemException(
          Problem.of(503, "photos-busy", BUSY_TITLE.get(language), BUSY_DETAIL.get(language)));
    }
    return failure;
  }

  private static final Map<String, String> REFUSED_TITLE =
      Map.of(
          "ar", "لا يمكن استعمال هذه الصورة",
          "fr", "Cette photo ne peut pas être utilisée",
          "en", "This photo cannot be used");
  private static final Map<PhotoProcessing.Refused.Reason, Map<String, String>> REFUSED_DETAIL =
      Map.of(
          PhotoProcessing.Refused.Reason.NOT_A_PHOTO,
          Map.of(
              "ar", "هذا الملف ليس صورة. أرسلوا صورة JPEG أو PNG أو WebP.",
              "fr", "Ce fichier n'est pas une photo. Envoyez une photo JPEG, PNG ou WebP.",
              "en", "This file is not a photo. Send a JPEG, PNG or WebP photo."),
          PhotoProcessing.Refused.Reason.ANIMATED,
          Map.of(
              "ar", "الصور المتحركة غير مقبولة. أرسلوا صورة ثابتة.",
              "fr", "Les images animées ne sont pas acceptées. Envoyez une photo.",
              "en", "Animated images are not accepted. Send a photo."),
          PhotoProcessing.Refused.Reason.TOO_LARGE,
          Map.of(
              "ar", "الصورة أكبر من 15 ميغابايت.",
              "fr", "La photo dépasse 15 Mo.",
              "en", "The photo is larger than 15 MB."),
          PhotoProcessing.Refused.Reason.TOO_MANY_PIXELS,
          Map.of(
              "ar", "الصورة كبيرة جدا: 40 ميغابكسل على الأكثر.",
              "fr", "La photo est trop grande : 40 mégapixels au plus.",
              "en", "The photo is too large: 40 megapixels at most."),
          PhotoProcessing.Refused.Reason.UNREADABLE,
          Map.of(
              "ar", "تعذرت قراءة هذه الصورة. جربوا صورة أخرى.",
              "fr", "Cette photo n'a pas pu être lue. Essayez une autre photo.",
              "en", "This photo could not be read. Try another one."));
  private static final Map<String, String> FULL_TITLE =
      Map.of(
          "ar", "هذا المنتج له كل صوره",
          "fr", "Ce produit a toutes ses photos",
          "en", "This product has all its photos");
  private static final Map<String, String> FULL_DETAIL =
      Map.of(
          "ar", "8 صور على الأكثر لكل منتج: احذفوا صورة لإضافة أخرى.",
          "fr", "8 photos au plus par produit : supprimez-en une pour en ajouter une autre.",
          "en", "At most 8 photos per product: delete one to add another.");
  private static final Map<String, String> BUSY_TITLE =
      Map.of(
          "ar", "صور كثيرة قيد المعالجة",
          "fr", "Beaucoup de photos en cours",
          "en", "Many photos are being processed");
  private static final Map<String, String> BUSY_DETAIL =
      Map.of(
          "ar", "أعيدوا إرسال هذه الصورة بعد بضع ثوان.",
          "fr", "Renvoyez cette photo dans quelques secondes.",
          "en", "Send this photo again in a few seconds.");
}
