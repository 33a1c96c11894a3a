package ma.tadamon.order.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import ma.tadamon.events.CooperativeAction;
import ma.tadamon.platform.domain.FieldError;

/** What a cooperative does with its part of an order, and the state the part reaches by it. */
public enum FulfilmentAction {
  ACCEPT("accept", CooperativeOrderStatus.ACCEPTED),
  DECLINE("decline", CooperativeOrderStatus.DECLINED),
  SHIP("ship", CooperativeOrderStatus.SHIPPED),
  DELIVER("deliver", CooperativeOrderStatus.DELIVERED),
  /** A cash-on-delivery parcel refused at the door, back with the cooperative. */
  REFUSE("refuse", CooperativeOrderStatus.REFUSED);

  public static final int MAX_REASON_LENGTH = 500;

  /** More than a round trip anywhere in Morocco costs a cooperative: 500 dirhams. */
  public static final long MAX_COURIER_COST_CENTIMES = 50_000;

  public static final int MAX_TRACKING_LENGTH = 100;

  private final String slug;
  private final CooperativeOrderStatus target;

  FulfilmentAction(String slug, CooperativeOrderStatus target) {
    this.slug = slug;
    this.target = target;
  }

  public String slug() {
    return slug;
  }

  public CooperativeOrderStatus target() {
    return target;
  }

  /** The action a cooperative's SMS reply names; empty for one this service does not know. */
  public static Optional<FulfilmentAction> of(CooperativeAction action) {
    return switch (action) {
      case ACCEPT -> Optional.of(ACCEPT);
      case DECLINE -> Optional.of(DECLINE);
      case SHIP -> Optional.of(SHIP);
      case DELIVER -> Optional.of(DELIVER);
      case UNKNOWN -> Optional.empty();
    };
  }

  public static Optional<FulfilmentAction> fromSlug(String slug) {
    return Arrays.stream(values()).filter(action -> action.slug.equals(slug)).findFirst();
  }

  /**
   * The optional body of an action: why a part is declined (required then), how a shipment is
   * tracked, what a refused parcel's round trip cost the cooperative.
   */
  public record Details(String reason, String trackingReference, Long courierCostCentimes) {

    public static final Details NONE = new Details(null, null, null);

    public Details(String reason, String trackingReference) {
      this(reason, trackingReference, null);
    }

    public List<FieldError> problemsFor(FulfilmentAction action) {
      List<FieldError> errors = new ArrayList<>();
      if (action == DECLINE && (reason == null || reason.isBlank())) {
        errors.add(new FieldError("reason", "say why the part is declined; the shopper is told"));
      }
      if (reason != null && reason.length() > MAX_REASON_LENGTH) {
        errors.add(
            new FieldError("reason", "must be at most " + MAX_REASON_LENGTH + " characters"));
      }
      if (courierCostCentimes != null
          && (courierCostCentimes < 0 || courierCostCentimes > MAX_COURIER_COST_CENTIMES)) {
        errors.add(
            new FieldError(
                "courierCostCentimes",
                "centimes of dirham, from 0 to " + MAX_COURIER_COST_CENTIMES));
      }
      if (trackingReference != null && trackingReference.length() > MAX_TRACKING_LENGTH) {
        errors.add(
            new FieldError(
                "trackingReference", "must be at most " + MAX_TRACKING_LENGTH + " characters"));
      }
      return errors;
    }
  }
}
