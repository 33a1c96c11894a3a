package ma.tadamon.notification.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.notification.domain.DeliveryPolicy;
import ma.tadamon.notification.store.DeliveryStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * A cooperative's delivery preferences beyond the catalog's channels and language: quiet hours for
 * SMS (Moroccan time; messages wait, never dropped) and a webhook with its signing secret
 * (write-only).
 */
public final class PreferencesApi {

  record Preferences(String quietStart, String quietEnd, String webhookUrl, String webhookSecret) {}

  private final DeliveryStore store;
  private final Authentication authentication;

  public PreferencesApi(DeliveryStore store, Authentication authentication) {
    this.store = store;
    this.authentication = authentication;
  }

  public void mount(Router router) {
    authentication
        .protect(
            router.put("/api/notifications/preferences/:cooperativeId"),
            Role.COOPERATIVE,
            Role.OPERATOR)
        .handler(this::save);
    authentication
        .protect(
            router.get("/api/notifications/preferences/:cooperativeId"),
            Role.COOPERATIVE,
            Role.OPERATOR)
        .handler(this::read);
  }

  private void save(RoutingContext ctx) {
    UUID cooperative = cooperative(ctx);
    Preferences body = JsonBodies.read(ctx, Preferences.class, "notification preferences");
    List<FieldError> errors = new ArrayList<>();
    DeliveryPolicy.QuietHours quiet = null;
    if (body.quietStart() != null || body.quietEnd() != null) {
      try {
        quiet =
            new DeliveryPolicy.QuietHours(
                LocalTime.parse(String.valueOf(body.quietStart())),
                LocalTime.parse(String.valueOf(body.quietEnd())));
      } catch (DateTimeParseException e) {
        errors.add(new FieldError("quietStart", "both quietStart and quietEnd, as HH:MM"));
      }
    }
    if (body.webhookUrl() != null && !isHttpUrl(body.webhookUrl())) {
      errors.add(new FieldError("webhookUrl", "an http(s) address"));
    }
    if (body.webhookUrl() != null
        && (body.webhookSecret() == null || body.webhookSecret().length() < 16)) {
      errors.add(new FieldError("webhookSecret", "at least 16 characters: it signs each delivery"));
    }
    if (!errors.isEmpty()) {
      throw ProblemException.invalid(errors);
    }
    DeliveryPolicy.QuietHours hours = quiet;
    store
        .savePreferences(
            new DeliveryStore.Preferences(
                cooperative, hours, body.webhookUrl(), body.webhookSecret()))
        .onSuccess(v -> JsonResponses.send(ctx, 200, view(cooperative, hours, body.webhookUrl())))
        .onFailure(ctx::fail);
  }

  private void read(RoutingContext ctx) {
    UUID cooperative = cooperative(ctx);
    store
        .preferences(List.of(cooperative))
        .onSuccess(
            found -> {
              DeliveryStore.Preferences preferences = found.get(cooperative);
              JsonResponses.send(
                  ctx,
                  200,
                  preferences == null
                      ? view(cooperative, null, null)
                      : view(cooperative, preferences.quietHours(), preferences.webhookUrl()));
            })
        .onFailure(ctx::fail);
  }

  private UUID cooperative(RoutingContext ctx) {
    UUID cooperative;
    cooperative = QueryParameters.pathId(ctx, "cooperativeId", "This cooperative");
    Authentication.caller(ctx).requireOperatorOrCooperative(cooperative);
    return cooperative;
  }

  private static JsonObject view(
      UUID cooperative, DeliveryPolicy.QuietHours quiet, String webhookUrl) {
    return new JsonObject()
        .put("cooperativeId", cooperative.toString())
        .put("quietStart", quiet == null ? null : quiet.start().toString())
        .put("quietEnd", quiet == null ? null : quiet.end().toString())
        .put("webhookUrl", webhookUrl);
  }

  private static boolean isHttpUrl(String value) {
    try {
      URI uri = URI.create(value);
      return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
