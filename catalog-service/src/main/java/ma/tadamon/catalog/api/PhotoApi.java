package ma.tadamon.catalog.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import ma.tadamon.catalog.photos.PhotoObjects;
import ma.tadamon.catalog.photos.PhotoProcessing;
import ma.tadamon.catalog.photos.ProductPhotos;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.Problem;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;
import ma.tadamon.platform.service.Foundation;

/**
 * Products' photos over HTTP: a cooperative (or an operator) posts a photo's bytes, orders the
 * photos, deletes one; anyone reads a rendition, under the web app's origin, cached for a year.
 */
public final class PhotoApi {

  /** Where renditions are served: the key follows. */
  static final String PATH = "/api/catalog/photos/";

  /** The upload route may carry a whole photo; every other request keeps the default limit. */
  public static final Foundation.BodyLimit UPLOADS =
      new Foundation.BodyLimit(
          Pattern.compile("/api/catalog/products/[^/]+/photos"), PhotoProcessing.MAX_BYTES);

  private static final Pattern KEY = Pattern.compile("photos/[0-9a-f]{64}\\.jpg");

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
    router.get(PATH + "photos/:file").handler(this::rendition);
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
        .onFailure(failure -> ctx.fail(translated(failure)));
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
    if (etag.equals(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH))) {
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
                  .putHeader(HttpHeaders.CONTENT_TYPE, "image/jpeg")
                  .putHeader(HttpHeaders.CACHE_CONTROL, PhotoObjects.IMMUTABLE)
                  .putHeader(HttpHeaders.ETAG, etag)
                  .end(io.vertx.core.buffer.Buffer.buffer(found.get().bytes()));
            })
        .onFailure(ctx::fail);
  }

  /** A photo refused for what it is gets a 4xx that says why; too much work waiting, a 503. */
  private static Throwable translated(Throwable failure) {
    if (failure instanceof PhotoProcessing.Refused refused) {
      int status =
          switch (refused.reason()) {
            case TOO_LARGE -> 413;
            case NOT_A_PHOTO, ANIMATED -> 415;
            case TOO_MANY_PIXELS, UNREADABLE -> 422;
          };
      String slug = "photo-" + refused.reason().name().toLowerCase().replace('_', '-');
      return new ProblemException(
          Problem.of(status, slug, "This photo cannot be used", refused.getMessage()));
    }
    if (failure instanceof ProductPhotos.Busy) {
      return new ProblemException(
          Problem.of(
              503,
              "photos-busy",
              "Photos are being processed",
              "Many photos are being processed: send this one again in a few seconds."));
    }
    return failure;
  }
}
