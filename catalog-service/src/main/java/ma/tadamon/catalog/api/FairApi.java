package ma.tadamon.catalog.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.catalog.FairSchedule;
import ma.tadamon.catalog.browse.CooperativeDirectory;
import ma.tadamon.catalog.browse.FairCalendar;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.FairDraft;
import ma.tadamon.catalog.domain.Languages;
import ma.tadamon.catalog.pages.PageAddresses;
import ma.tadamon.catalog.store.CooperativeStore;
import ma.tadamon.platform.auth.Authentication;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;
import ma.tadamon.platform.http.JsonBodies;
import ma.tadamon.platform.http.JsonResponses;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Fairs: operators announce them and place cooperatives at their stands (each write an idempotent
 * PUT: the fair's id is chosen by the console, so a retried form is the same fair); everyone reads
 * the fairs to come and those just ended (docs/fairs.md).
 */
public final class FairApi {

  /** Fairs stay listed a month after they end: their pages and figures are still looked up. */
  private static final int LISTED_DAYS_AFTER = 30;

  private static final int MAX_STAND_LENGTH = 12;

  /** No more than the storefront's fair-season maximum: the patch raises all three to it. */
  private static final int MAX_FAIR_REPLICAS = 8;

  /** Fair days are Moroccan days. */
  public static final ZoneId MOROCCO = ZoneId.of("Africa/Casablanca");

  private final FairSchedule schedule;
  private final FairCalendar calendar;
  private final CooperativeStore cooperatives;
  private final CooperativeDirectory directory;
  private final Authentication authentication;
  private final Clock clock;

  public FairApi(
      FairSchedule schedule,
      FairCalendar calendar,
      CooperativeStore cooperatives,
      CooperativeDirectory directory,
      Authentication authentication,
      Clock clock) {
    this.schedule = schedule;
    this.calendar = calendar;
    this.cooperatives = cooperatives;
    this.directory = directory;
    this.authentication = authentication;
    this.clock = clock;
  }

  public void mount(Router router) {
    router.get("/api/catalog/fairs").handler(this::list);
    authentication.protect(router.put("/api/catalog/fairs/:id"), Role.OPERATOR).handler(this::save);
    authentication
        .protect(router.put("/api/catalog/fairs/:id/exhibitors/:coopId"), Role.OPERATOR)
        .handler(this::putExhibitor);
    authentication
        .protect(router.delete("/api/catalog/fairs/:id/exhibitors/:coopId"), Role.OPERATOR)
        .handler(this::removeExhibitor);
    authentication
        .protect(router.get("/api/catalog/fairs/:id/scaling"), Role.OPERATOR)
        .handler(this::scaling);
  }

  private void list(RoutingContext ctx) {
    QueryParameters params = new QueryParameters(ctx, Set.of("lang"));
    String lang = CatalogApi.language(params);
    LocalDate today = today();
    JsonArray items = new JsonArray();
    calendar.all().stream()
        .filter(fair -> !fair.endedBefore(today.minusDays(LISTED_DAYS_AFTER)))
        .forEach(fair -> items.add(json(fair, lang)));
    JsonResponses.sendCacheable(ctx, new JsonObject().put("items", items), 30);
  }

  private void save(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This fair");
    FairDraft draft = JsonBodies.read(ctx, FairDraft.class, "a fair");
    schedule
        .save(id, draft)
        .onSuccess(fair -> JsonResponses.send(ctx, 200, json(fair, "fr")))
        .onFailure(ctx::fail);
  }

  private void putExhibitor(RoutingContext ctx) {
    UUID fair = QueryParameters.pathId(ctx, "id", "This fair");
    UUID cooperative = QueryParameters.pathId(ctx, "coopId", "This cooperative");
    StandRequest request = JsonBodies.read(ctx, StandRequest.class, "a stand");
    String stand = request.stand() == null ? null : request.stand().trim();
    if (stand == null || stand.isEmpty() || stand.length() > MAX_STAND_LENGTH) {
      throw DomainException.invalid(
          List.of(
              new FieldError(
                  "stand", "a stand number of 1 to " + MAX_STAND_LENGTH + " characters")));
    }
    cooperatives
        .find(cooperative)
        .compose(
            coop -> {
              if (coop.isEmpty() || !coop.get().verified()) {
                throw DomainException.invalid(
                    List.of(
                        new FieldError(
                            "cooperative", "must be a verified cooperative to exhibit")));
              }
              return schedule.placeExhibitor(fair, cooperative, stand);
            })
        .onSuccess(placed -> JsonResponses.send(ctx, 200, json(placed, "fr")))
        .onFailure(ctx::fail);
  }

  /**
   * The fair's days as the pre-scaling patch of deploy/overlays/fair-days: the minimum replicas of
   * catalog, order and storefront raised during its opening hours ({@code replicas}, 6 unless
   * asked).
   */
  private void scaling(RoutingContext ctx) {
    UUID id = QueryParameters.pathId(ctx, "id", "This fair");
    QueryParameters params = new QueryParameters(ctx, Set.of("replicas"));
    int replicas = params.intBetween("replicas", 1, MAX_FAIR_REPLICAS, 6);
    Fair fair = calendar.find(id).orElseThrow(() -> DomainException.notFound("This fair"));
    ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .putHeader("Content-Disposition", "attachment; filename=\"fair-days.yaml\"")
        .end(FairScaling.patch(fair, replicas));
  }

  /** Where a cooperative exhibits: its stand's number as the organisers print it. */
  record StandRequest(String stand) {}

  private void removeExhibitor(RoutingContext ctx) {
    UUID fair = QueryParameters.pathId(ctx, "id", "This fair");
    UUID cooperative = QueryParameters.pathId(ctx, "coopId", "This cooperative");
    schedule
        .removeExhibitor(fair, cooperative)
        .onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  /** Morocco's day, as fairs count theirs. */
  private LocalDate today() {
    return LocalDate.now(clock.withZone(MOROCCO));
  }

  private JsonObject json(Fair fair, String lang) {
    JsonArray exhibitors = new JsonArray();
    fair.exhibitors()
        .forEach(
            exhibitor -> {
              JsonObject json =
                  new JsonObject()
                      .put("cooperativeId", exhibitor.cooperativeId().toString())
                      .put("stand", exhibitor.stand());
              directory
                  .find(exhibitor.cooperativeId())
                  .ifPresent(
                      coop ->
                          json.put("name", new JsonObject(Map.copyOf(coop.name())))
                              .put("page", PageAddresses.cooperative(lang, coop))
                              .put(
                                  "poster",
                                  PageAddresses.cooperative(lang, coop)
                                      + "/poster.pdf?fair="
                                      + fair.slug()));
              exhibitors.add(json);
            });
    return new JsonObject()
        .put("id", fair.id().toString())
        .put("slug", fair.slug())
        .put("name", new JsonObject(Map.copyOf(fair.name())))
        .put("displayName", Languages.pick(fair.name(), lang))
        .put("region", fair.region().slug())
        .put("city", new JsonObject(Map.copyOf(fair.city())))
        .put("venue", new JsonObject(Map.copyOf(fair.venue())))
        .put("startsOn", fair.startsOn().toString())
        .put("endsOn", fair.endsOn().toString())
        // Said here rather than left to the browser: its own time-zone tables may put Morocco's
        // midnight elsewhere than order-service, which refuses a pick-up at a fair not open today.
        .put("openToday", fair.openOn(today()))
        .put("endedAt", fair.endsOn().plusDays(1).atStartOfDay(MOROCCO).toInstant().toString())
        .put("openingHours", fair.openingHours())
        .put("campaignTag", fair.campaignTag())
        .put("page", PageAddresses.fair(lang, fair))
        .put("exhibitors", exhibitors);
  }
}
